"""Web admin: vocabularies and required materials are staff-editable; records are read-only here.

Achievements change only through the services (submission portal, formal review, later apps), so the admin
shows them without edit rights: nothing writes a state or a snapshot behind a service's back.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Achievement,
    AchievementType,
    ApplicationCase,
    ApplicationScenario,
    CooperationMode,
    IpStatusEntry,
    RequiredMaterial,
    ReviewAssignment,
    ReviewReason,
    Submission,
    TeamMember,
    TechnicalField,
    TechnicalParameter,
)


class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code", "description"]
    ordering = ["order", "id"]


class RequiredMaterialInline(admin.TabularInline):
    model = RequiredMaterial
    extra = 1
    fields = ["code", "name", "required", "order", "description"]


@admin.register(AchievementType)
class AchievementTypeAdmin(VocabularyAdmin):
    inlines = [RequiredMaterialInline]


admin.site.register(TechnicalField, VocabularyAdmin)
admin.site.register(ApplicationScenario, VocabularyAdmin)
admin.site.register(CooperationMode, VocabularyAdmin)


@admin.register(RequiredMaterial)
class RequiredMaterialAdmin(admin.ModelAdmin):
    list_display = ["name", "achievement_type", "code", "required", "order"]
    list_filter = ["achievement_type", "required"]
    list_editable = ["required", "order"]
    search_fields = ["name", "code"]
    list_select_related = ["achievement_type"]


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyTabular(ReadOnlyMixin, admin.TabularInline):
    extra = 0
    can_delete = False


class TeamMemberInline(ReadOnlyTabular):
    model = TeamMember
    fields = ["name", "role", "title", "organization_name", "division_of_work"]


class ParameterInline(ReadOnlyTabular):
    model = TechnicalParameter
    fields = ["name", "value", "unit", "method"]


class CaseInline(ReadOnlyTabular):
    model = ApplicationCase
    fields = ["title", "site", "period"]


class IpInline(ReadOnlyTabular):
    model = IpStatusEntry
    fields = ["ip_type", "title", "number", "status", "expires_on"]


class SubmissionInline(ReadOnlyTabular):
    model = Submission
    fields = ["number", "kind", "created_by", "created_at"]


@admin.register(Achievement)
class AchievementAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "holder",
        "organization",
        "achievement_type",
        "technical_field",
        "state",
        "updated_at",
    ]
    list_filter = ["state", "achievement_type", "technical_field", "maturity"]
    search_fields = [
        "name",
        "summary",
        "tags",
        "holder__username",
        "holder__display_name",
        "organization__name",
    ]
    list_select_related = ["holder", "organization", "achievement_type", "technical_field"]
    date_hierarchy = "created_at"
    inlines = [ParameterInline, CaseInline, IpInline, TeamMemberInline, SubmissionInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "summary",
                    "holder",
                    "organization",
                    "co_organizations",
                    "state",
                    "assigned_to",
                )
            },
        ),
        (
            _("Classification"),
            {"fields": ("achievement_type", "technical_field", "maturity", "trl", "scenarios", "tags")},
        ),
        (
            _("Content"),
            {
                "fields": (
                    "background",
                    "innovation_points",
                    "contributions",
                    "technical_details",
                    "confidentiality",
                )
            },
        ),
        (
            _("Cooperation"),
            {
                "fields": (
                    "cooperation_modes",
                    "cooperation_note",
                    "price_expectation",
                    "contact_name",
                    "contact_phone",
                    "contact_email",
                )
            },
        ),
        (
            _("Dates"),
            {
                "fields": (
                    "version",
                    "created_at",
                    "updated_at",
                    "submitted_at",
                    "last_submitted_at",
                    "decided_at",
                    "accepted_at",
                    "published_at",
                )
            },
        ),
    )


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["achievement", "number", "kind", "created_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["achievement__name"]
    list_select_related = ["achievement", "created_by"]
    exclude = ["data"]


@admin.register(ReviewReason)
class ReviewReasonAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "achievement",
        "submission",
        "action",
        "target_kind",
        "target",
        "text",
        "created_by",
        "created_at",
    ]
    list_filter = ["action", "target_kind"]
    search_fields = ["achievement__name", "text", "target"]
    list_select_related = ["achievement", "submission", "created_by"]


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["achievement", "previous", "assigned_to", "assigned_by", "note", "created_at"]
    search_fields = ["achievement__name", "note"]
    list_select_related = ["achievement", "previous", "assigned_to", "assigned_by"]
