from __future__ import annotations

from rest_framework import mixins, permissions, serializers, viewsets

from platform_core.api.workflow import WorkflowActionsMixin

from . import services
from .models import Organization, User
from .roles import is_staff_member


class IsStaffMember(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and is_staff_member(request.user))


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "province", "city"]


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations (any logged-in user may look them up)."""

    queryset = Organization.objects.all().order_by("name")
    serializer_class = OrganizationSerializer
    filterset_fields = ["kind", "province"]
    search_fields = ["name", "city"]
    ordering_fields = ["name", "created_at"]


class UserSerializer(serializers.ModelSerializer):
    organization = OrganizationSerializer(read_only=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "display_name",
            "email",
            "phone",
            "organization",
            "approval_status",
            "requested_role",
            "roles",
            "date_joined",
        ]

    def get_roles(self, obj: User) -> list[str]:
        return sorted(g.name for g in obj.groups.all())


class UserViewSet(
    WorkflowActionsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Accounts, for staff: list, filter by approval status, approve or reject (``transition``)."""

    serializer_class = UserSerializer
    permission_classes = [IsStaffMember]
    filterset_fields = ["approval_status", "requested_role"]
    search_fields = ["username", "display_name", "email", "organization__name"]
    ordering_fields = ["date_joined", "username"]

    def get_queryset(self):
        return User.objects.select_related("organization").prefetch_related("groups").order_by("-date_joined")

    def perform_transition(self, obj, *, action_name: str, reason: str):
        if action_name == "approve":
            return services.user_approve(user_id=obj.pk, actor=self.request.user, reason=reason)
        if action_name == "reject":
            return services.user_reject(user_id=obj.pk, actor=self.request.user, reason=reason)
        return super().perform_transition(obj, action_name=action_name, reason=reason)
