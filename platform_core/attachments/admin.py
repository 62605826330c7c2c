from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = [
        "original_name",
        "kind",
        "content_type",
        "object_id",
        "size",
        "uploaded_by",
        "created_at",
        "locked",
    ]
    list_filter = ["locked", "content_type", "detected_type", "created_at"]
    search_fields = ["original_name", "kind", "sha256", "note", "uploaded_by__username"]
    list_select_related = ["uploaded_by", "content_type"]
    raw_id_fields = ["uploaded_by"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "content_type",
        "object_id",
        "original_name",
        "file",
        "size",
        "sha256",
        "detected_type",
        "uploaded_by",
        "created_at",
        "locked",
    ]
    fields = [*readonly_fields, "kind", "note"]

    def has_add_permission(self, request):
        # Files come in through the validated upload service only.
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.locked:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


AttachmentAdmin.list_display_links = ["original_name"]
AttachmentAdmin.__doc__ = str(_("Attachments"))
