from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..service_types import choices as service_type_choices


class ServiceCase(models.Model):
    """One request cycle of one service record, derived from the core's transition log.

    A cycle starts with a request (submission, follow-up question, resubmission…), gets the platform's
    first response, and may complete the service. The clocks are in working days, summed from the log's
    per-step ``working_days``. Rows are recomputed per record by :func:`services.cases.cases_refresh`
    (idempotent), so the timeliness indicator aggregates this table instead of walking a million log rows.
    """

    service_type = models.CharField(_("service"), max_length=30, choices=service_type_choices())
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user served"),
    )
    start_log = models.OneToOneField(
        "workflow.TransitionLog", on_delete=models.CASCADE, related_name="+", verbose_name=_("request step")
    )
    started_at = models.DateTimeField(_("requested at"))
    response_log_id = models.BigIntegerField(_("response step"), null=True, blank=True)
    responded_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    response_days = models.PositiveIntegerField(_("response time (working days)"), null=True, blank=True)
    completion_log_id = models.BigIntegerField(_("completion step"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completion_state = models.CharField(_("completed as"), max_length=40, blank=True)
    completion_days = models.PositiveIntegerField(_("completion time (working days)"), null=True, blank=True)

    class Meta:
        verbose_name = _("service case")
        verbose_name_plural = _("service cases")
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["responded_at", "service_type"], name="qm_case_responded"),
            models.Index(fields=["completed_at", "service_type"], name="qm_case_completed"),
            models.Index(fields=["content_type", "object_id"], name="qm_case_record"),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_type_display()} #{self.object_id} ({self.started_at:%Y-%m-%d})"


class ScanWatermark(models.Model):
    """How far a periodic scan of the transition log has read (the highest log id seen)."""

    name = models.CharField(_("scan"), max_length=50, unique=True)
    last_log_id = models.BigIntegerField(_("last log id read"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("log scan watermark")
        verbose_name_plural = _("log scan watermarks")

    def __str__(self) -> str:
        return f"{self.name}: {self.last_log_id}"
