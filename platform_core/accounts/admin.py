from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from platform_core.errors import DomainError

from . import services
from .models import Organization, StaffProfile, TrainingRecord, User


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "city", "created_at"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "credit_code", "city"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "display_name",
        "email",
        "organization",
        "approval_status",
        "role_list",
        "is_active",
    ]
    list_filter = ["approval_status", "groups", "is_active", "is_staff"]
    search_fields = ["username", "display_name", "email", "organization__name", "phone"]
    list_select_related = ["organization"]
    readonly_fields = ["approval_status"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Platform"),
            {
                "fields": (
                    "display_name",
                    "phone",
                    "organization",
                    "title",
                    "interests",
                    "requested_role",
                    "approval_status",
                )
            },
        ),
    )
    actions = ["approve_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def role_list(self, obj: User) -> str:
        return ", ".join(g.name for g in obj.groups.all())

    @admin.action(description=_("Approve selected registrations"))
    def approve_selected(self, request, queryset):
        done = 0
        for user in queryset.filter(approval_status=User.Approval.PENDING):
            try:
                services.user_approve(user_id=user.pk, actor=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{user}: {exc.message}", messages.ERROR)
        self.message_user(request, _("%(n)d account(s) approved.") % {"n": done})


class TrainingInline(admin.TabularInline):
    model = TrainingRecord
    extra = 0


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "position", "hands_on_experience", "appointed_on"]
    list_filter = ["hands_on_experience"]
    search_fields = ["user__username", "user__display_name", "position", "qualifications"]
    inlines = [TrainingInline]
