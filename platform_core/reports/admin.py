from django.contrib import admin

from .models import ReportRecord


@admin.register(ReportRecord)
class ReportRecordAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "status",
        "progress",
        "pages",
        "requested_by",
        "created_at",
        "finished_at",
        "locked",
    ]
    list_filter = ["status", "kind", "locked", "created_at"]
    search_fields = ["title", "kind", "sha256", "requested_by__username"]
    list_select_related = ["requested_by"]
    raw_id_fields = ["requested_by"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "content_type",
        "object_id",
        "kind",
        "title",
        "template_name",
        "context_builder",
        "status",
        "progress",
        "file",
        "sha256",
        "pages",
        "size",
        "error",
        "requested_by",
        "created_at",
        "started_at",
        "finished_at",
        "locked",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.locked:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
