from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TransitionLog(models.Model):
    """One row per state change: the audit trail and the clock of every service."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("record type"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    workflow = models.CharField(_("workflow"), max_length=60)
    action = models.CharField(_("action"), max_length=60)
    from_state = models.CharField(_("from state"), max_length=40)
    to_state = models.CharField(_("to state"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), db_index=True)
    working_days = models.PositiveIntegerField(_("working days since previous step"), null=True, blank=True)

    class Meta:
        verbose_name = _("transition log")
        verbose_name_plural = _("transition logs")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"]),
            models.Index(fields=["workflow", "to_state", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.workflow}#{self.object_id}: {self.from_state} → {self.to_state}"


class CalendarDay(models.Model):
    """A staff-entered calendar override: a public holiday or a make-up working day (调休).

    Overrides win over the chinesecalendar package; for years the package does not cover
    (2027 onward) this table is where staff enter the State Council's notice.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday (no work)")
        WORKDAY = "workday", _("Make-up working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from platform_core.workdays import invalidate_cache

        invalidate_cache()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        from platform_core.workdays import invalidate_cache

        invalidate_cache()
        return result
