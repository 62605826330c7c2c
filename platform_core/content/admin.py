"""Web admin for information services. Staff (服务专员) work here with the same predicates as the site.

States are not editable here: publication, consultations and feedback move through their workflows.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import is_staff_member
from platform_core.workflow.engine import record_initial

from .models import Article, Consultation, ConsultationMessage, Feedback, Tag
from .sanitize import sanitize_html
from .services import RICH_TEXT_FIELDS, normalise_indicators
from .workflow import ARTICLE_WORKFLOW


class StaffAdmin(admin.ModelAdmin):
    """Service specialists may view and edit; deleting stays with the platform administrator."""

    def has_module_permission(self, request) -> bool:
        return is_staff_member(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_staff_member(request.user)

    def has_add_permission(self, request) -> bool:
        return is_staff_member(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_staff_member(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(Tag)
class TagAdmin(StaffAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(StaffAdmin):
    list_display = ["title", "kind", "state", "featured", "published_at", "updated_at", "created_by"]
    list_filter = ["kind", "state", "featured", "policy_level", "event_mode", "tags"]
    search_fields = ["title", "summary", "issuing_body", "document_number"]
    list_select_related = ["created_by"]
    readonly_fields = ["state", "published_at", "created_by", "created_at", "updated_at"]
    filter_horizontal = ["tags"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    date_hierarchy = "published_at"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "state",
                    "title",
                    "summary",
                    "body",
                    "tags",
                    "featured",
                    "source",
                    "source_url",
                ]
            },
        ),
        (
            _("Policies and regulations"),
            {
                "fields": [
                    "policy_level",
                    "issuing_body",
                    "document_number",
                    "effective_date",
                    "interpretation",
                    "compliance_guidance",
                ]
            },
        ),
        (
            _("Conferences and events"),
            {"fields": ["starts_on", "ends_on", "location", "event_mode", "organiser", "registration_url"]},
        ),
        (_("Benchmark cases"), {"fields": ["related_content_type", "related_object_id", "related_text"]}),
        (_("Market research and regional analysis"), {"fields": ["region", "indicators"]}),
        (None, {"fields": ["published_at", "created_by", "created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        # The admin bypasses the editor's service: apply the same sanitising before storing.
        for name in RICH_TEXT_FIELDS:
            setattr(obj, name, sanitize_html(getattr(obj, name)))
        obj.indicators = normalise_indicators(obj.indicators)
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            record_initial(obj, actor=request.user, workflow=ARTICLE_WORKFLOW)


class ConsultationMessageInline(admin.TabularInline):
    model = ConsultationMessage
    extra = 0
    readonly_fields = ["kind", "author", "body", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Consultation)
class ConsultationAdmin(StaffAdmin):
    list_display = [
        "subject",
        "category",
        "state",
        "asker",
        "assignee",
        "created_at",
        "first_answered_at",
        "closed_at",
    ]
    list_filter = ["state", "category", "assignee"]
    search_fields = ["subject", "question", "asker__username", "asker__display_name"]
    list_select_related = ["asker", "assignee"]
    readonly_fields = [
        "asker",
        "state",
        "waiting_since",
        "first_answered_at",
        "closed_at",
        "created_at",
        "updated_at",
    ]
    date_hierarchy = "created_at"
    inlines = [ConsultationMessageInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Feedback)
class FeedbackAdmin(StaffAdmin):
    list_display = ["target", "category", "respondent", "state", "author", "created_at", "handled_by"]
    list_filter = ["state", "category", "respondent"]
    search_fields = ["target", "body", "author__username", "author__display_name"]
    list_select_related = ["author", "handled_by"]
    readonly_fields = ["author", "state", "handling_note", "handled_by", "created_at", "updated_at"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False
