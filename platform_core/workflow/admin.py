from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from platform_core import workdays

from .models import CalendarDay, TransitionLog


@admin.register(TransitionLog)
class TransitionLogAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "workflow",
        "object_id",
        "action",
        "from_state",
        "to_state",
        "actor",
        "working_days",
    ]
    list_filter = ["workflow", "action", "to_state"]
    search_fields = ["reason", "actor__username", "object_id"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"

    def changelist_view(self, request, extra_context=None):
        missing = workdays.years_without_data()
        if missing:
            self.message_user(
                request,
                _(
                    "No holiday data for %(years)s: working days fall back to Monday–Friday. "
                    "Enter the State Council's holiday notice here."
                )
                % {"years": ", ".join(map(str, missing))},
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        workdays.invalidate_cache()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        workdays.invalidate_cache()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        workdays.invalidate_cache()
