"""The audit events other apps record (exports, grants, …) and the operations probes (heartbeat, crash drill)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One explicit row per business event that is not a state transition: an export, a grant, a restore."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export")
        GRANT = "grant", _("Permission grant")
        REVOKE = "revoke", _("Permission revoked")
        BACKUP = "backup", _("Backup")
        RESTORE = "restore", _("Restore")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    target_type = models.CharField(_("record type"), max_length=100, blank=True)
    target_id = models.CharField(_("record id"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind} {self.actor_name} {self.summary}".strip()


class ProbeMark(models.Model):
    """Rows written by the diagnostic tasks: the heartbeat and the crash drill.

    ``key`` is unique, so a task that runs twice for the same key cannot add a second row; ``attempts``
    counts executions, which shows when the broker redelivered a task after a worker died.
    """

    key = models.CharField(_("key"), max_length=100, unique=True)
    value = models.CharField(_("value"), max_length=200, blank=True)
    attempts = models.PositiveIntegerField(_("executions"), default=0)
    worker = models.CharField(_("worker"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("first seen"), default=timezone.now)
    updated_at = models.DateTimeField(_("last seen"), default=timezone.now)

    class Meta:
        verbose_name = _("task probe")
        verbose_name_plural = _("task probes")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.key} ×{self.attempts}"
