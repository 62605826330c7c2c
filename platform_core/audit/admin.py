from __future__ import annotations

import secrets

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from platform_core.accounts.roles import Role, has_role

from .models import AuditEvent, ProbeMark


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "actor_name", "summary", "target_type", "target_id", "ip_address")
    list_filter = ("kind", "created_at")
    search_fields = ("actor_name", "summary", "target_type", "target_id")
    list_select_related = ("actor",)
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ProbeMark)
class ProbeMarkAdmin(admin.ModelAdmin):
    """The diagnostic rows; ``ping/`` sends a heartbeat through the broker to a worker (the stack smoke test)."""

    list_display = ("key", "attempts", "worker", "created_at", "updated_at")
    search_fields = ("key",)
    readonly_fields = ("key", "value", "attempts", "worker", "created_at", "updated_at")

    def get_urls(self):
        return [
            path("ping/", self.admin_site.admin_view(self.ping_view), name="audit_probemark_ping"),
            path(
                "ping/<slug:token>/",
                self.admin_site.admin_view(self.ping_status_view),
                name="audit_probemark_ping_status",
            ),
            *super().get_urls(),
        ]

    @staticmethod
    def _check(request: HttpRequest) -> None:
        if not has_role(request.user, Role.STAFF, Role.ADMIN):
            raise PermissionDenied

    def ping_view(self, request: HttpRequest) -> JsonResponse:
        return _ping(request, self._check)

    def ping_status_view(self, request: HttpRequest, token: str) -> JsonResponse:
        return _ping_status(request, token, self._check)


@require_POST
def _ping(request: HttpRequest, check) -> JsonResponse:
    """Enqueue a heartbeat after commit; answer with the token to poll."""
    check(request)
    from .tasks import heartbeat

    token = secrets.token_hex(8)
    transaction.on_commit(lambda: heartbeat.delay(token=token))
    return JsonResponse({"token": token, "status_url": f"{request.path}{token}/"}, status=202)


@require_GET
def _ping_status(request: HttpRequest, token: str, check) -> JsonResponse:
    check(request)
    mark = ProbeMark.objects.filter(key=f"heartbeat:{token}").first()
    if mark is None:
        return JsonResponse({"token": token, "done": False})
    return JsonResponse(
        {"token": token, "done": True, "worker": mark.worker, "at": mark.updated_at.isoformat()}
    )
