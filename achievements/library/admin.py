"""Web admin of the library (staff). State fields are read-only: states move through the services."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    AccessRequest,
    BehaviourEvent,
    EntryFreshness,
    Favourite,
    ImportJob,
    LibrarySettings,
    PublicationSettings,
    RefreshProposal,
    SearchDocument,
)


@admin.register(LibrarySettings)
class LibrarySettingsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "confirm_every_months",
        "grace_days",
        "retire_after_days",
        "system_actor",
    ]
    list_select_related = ["system_actor"]
    raw_id_fields = ["system_actor"]

    def has_add_permission(self, request) -> bool:
        return not LibrarySettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SearchDocument)
class SearchDocumentAdmin(admin.ModelAdmin):
    list_display = [
        "achievement_id",
        "title",
        "technical_field",
        "maturity",
        "trl",
        "province",
        "published_at",
        "is_stale",
    ]
    list_filter = ["maturity", "holder_kind", "ip_status", "is_stale", "technical_field"]
    search_fields = ["title", "organization_name", "=achievement__id"]
    list_select_related = ["technical_field"]
    readonly_fields = [f.name for f in SearchDocument._meta.concrete_fields]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(PublicationSettings)
class PublicationSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "achievement",
        "source",
        "maturity",
        "trl",
        "featured",
        "published_by",
        "published_at",
        "unpublished_at",
    ]
    list_filter = ["source", "featured"]
    search_fields = ["achievement__name"]
    list_select_related = ["achievement", "published_by"]
    raw_id_fields = ["achievement", "published_by"]
    readonly_fields = [
        "achievement",
        "source",
        "published_by",
        "published_at",
        "unpublished_at",
        "unpublish_reason",
    ]


@admin.register(AccessRequest)
class AccessRequestAdmin(admin.ModelAdmin):
    list_display = ["id", "achievement", "requester", "all_confidential", "state", "created_at", "decided_at"]
    list_filter = ["state", "all_confidential"]
    search_fields = ["achievement__name", "requester__username", "requester__display_name"]
    list_select_related = ["achievement", "requester"]
    raw_id_fields = ["achievement", "requester", "decided_by"]
    readonly_fields = ["state", "decided_at", "decided_by", "created_at", "updated_at"]


@admin.register(Favourite)
class FavouriteAdmin(admin.ModelAdmin):
    list_display = ["user", "achievement", "created_at"]
    search_fields = ["user__username", "achievement__name"]
    list_select_related = ["user", "achievement"]
    raw_id_fields = ["user", "achievement"]


@admin.register(BehaviourEvent)
class BehaviourEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "user", "achievement_id", "query", "results"]
    list_filter = ["kind"]
    search_fields = ["query", "user__username"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "achievement", "technical_field"]
    show_full_result_count = False
    date_hierarchy = "created_at"


@admin.register(EntryFreshness)
class EntryFreshnessAdmin(admin.ModelAdmin):
    list_display = ["achievement", "state", "confirmed_at", "asked_at", "stale_at", "exempt_until"]
    list_filter = ["state"]
    search_fields = ["achievement__name"]
    list_select_related = ["achievement"]
    raw_id_fields = ["achievement"]
    readonly_fields = ["state", "asked_at", "stale_at", "updated_at"]


@admin.register(RefreshProposal)
class RefreshProposalAdmin(admin.ModelAdmin):
    list_display = ["achievement", "proposed_by", "state", "created_at"]
    list_filter = ["state"]
    search_fields = ["achievement__name"]
    list_select_related = ["achievement", "proposed_by"]
    raw_id_fields = ["achievement", "proposed_by"]
    readonly_fields = ["state", "changes", "previous", "created_at", "updated_at"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "original_name",
        "mode",
        "state",
        "total_rows",
        "created_count",
        "created_by",
        "created_at",
    ]
    list_filter = ["state", "mode"]
    search_fields = ["original_name", "created_by__username"]
    list_select_related = ["created_by"]
    readonly_fields = [f.name for f in ImportJob._meta.concrete_fields]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("duration (s)"))
    def duration(self, obj: ImportJob):
        return obj.duration_seconds
