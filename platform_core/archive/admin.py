from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from platform_core.errors import DomainError

from . import services
from .models import ArchiveEntry, ArchiveSequence, DocumentType


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "prefix", "retention_years", "active", "order"]
    list_editable = ["retention_years", "active", "order"]
    search_fields = ["name", "code", "prefix"]
    list_filter = ["active"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.entries.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ArchiveSequence)
class ArchiveSequenceAdmin(admin.ModelAdmin):
    list_display = ["doc_type", "year", "last"]
    list_filter = ["doc_type", "year"]
    list_select_related = ["doc_type"]
    search_fields = ["doc_type__name", "doc_type__code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # numbers are issued by the service only; never reuse a code

    def has_delete_permission(self, request, obj=None):
        return False


class RetentionFilter(admin.SimpleListFilter):
    title = _("retention")
    parameter_name = "retention"

    def lookups(self, request, model_admin):
        return [("retained", _("Under retention")), ("expired", _("Retention ended"))]

    def queryset(self, request, queryset):
        retained = ArchiveEntry.objects.under_retention().values("pk")
        if self.value() == "retained":
            return queryset.filter(pk__in=retained)
        if self.value() == "expired":
            return queryset.exclude(pk__in=retained)
        return queryset


@admin.register(ArchiveEntry)
class ArchiveEntryAdmin(admin.ModelAdmin):
    """Archived documents. The delete button appears only once the retention period has ended, and deleting
    then goes through the disposal service (with its audit row)."""

    list_display = [
        "code",
        "doc_type",
        "title",
        "subject_label",
        "archived_at",
        "retain_until",
        "archived_by",
    ]
    list_filter = ["doc_type", RetentionFilter, "archived_at"]
    search_fields = ["code", "title", "subject_label", "sha256", "note"]
    list_select_related = ["doc_type", "archived_by"]
    date_hierarchy = "archived_at"
    readonly_fields = [
        "code",
        "doc_type",
        "content_type",
        "object_id",
        "subject_label",
        "title",
        "file",
        "original_name",
        "sha256",
        "size",
        "report",
        "attachment",
        "archived_by",
        "archived_at",
        "retention_years",
        "retain_until",
    ]
    fields = [*readonly_fields, "note"]

    def has_add_permission(self, request):
        return False  # archived through the services (and the staff page /archive/new/)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_retained():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj):
        try:
            services.archive_dispose(
                entry_id=obj.pk,
                actor=request.user,
                reason=str(_("Deleted in the web admin")),
                request=request,
            )
        except DomainError as exc:
            self.message_user(request, str(exc.message), messages.ERROR)
