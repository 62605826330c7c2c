"""Improvement actions (000 §7.3, 003 §8.4): measures with an owner and a deadline, followed to verification."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .. import indicators
from ..periods import PeriodType


class ImprovementAction(models.Model):
    # the longest deadline a form or the API accepts (working days; SQLite gives the column no range)
    DEADLINE_DAYS_MAX = 250

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("quality", "Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done, awaiting verification")
        VERIFIED = "verified", _("Verified")
        CANCELLED = "cancelled", _("Cancelled")

    class Source(models.TextChoices):
        INDICATOR = "indicator", _("Indicator below its band")
        AUDIT = "audit", _("Audit finding")
        COMPLAINT = "complaint", _("Complaint")
        EVALUATION = "evaluation", _("Evaluation finding")
        PLATFORM_EVALUATION = "platform_evaluation", _("Platform evaluation suggestion")
        SURVEY = "survey", _("Survey feedback")
        OTHER = "other", _("Other")

    ACTIVE_STATES = (State.OPEN, State.IN_PROGRESS)

    code = models.CharField(_("action number"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    indicator = models.CharField(_("indicator"), max_length=30, choices=indicators.choices(), blank=True)
    period_type = models.CharField(_("period type"), max_length=10, choices=PeriodType.choices, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    baseline_value = models.FloatField(_("value when opened"), null=True, blank=True)
    audit_item = models.ForeignKey(
        "quality_metrics.AuditItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("audit finding"),
    )
    complaint = models.ForeignKey(
        "quality_metrics.Complaint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("complaint"),
    )
    platform_evaluation = models.ForeignKey(
        "quality_metrics.PlatformEvaluation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("platform evaluation"),
    )
    source_reference = models.CharField(
        _("source reference"), max_length=200, blank=True, help_text=_("E.g. the evaluation report's number.")
    )
    problem = models.TextField(_("problem found"))
    measures = models.TextField(_("improvement measures"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="improvement_actions",
        verbose_name=_("owner"),
    )
    deadline_days = models.PositiveSmallIntegerField(_("deadline (working days)"), default=20)
    start_date = models.DateField(_("start date"))
    due_date = models.DateField(_("due date"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    outcome = models.TextField(_("what was done"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    verification_value = models.FloatField(_("re-measured value"), null=True, blank=True)
    verification_note = models.TextField(_("verification"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        ordering = ["due_date", "id"]
        constraints = [
            # an indicator below its band opens one action per period, however often the job runs
            models.UniqueConstraint(
                fields=["indicator", "period_type", "period_start"],
                condition=Q(source="indicator"),
                name="qm_action_once_per_indicator_period",
            )
        ]
        indexes = [models.Index(fields=["state", "due_date"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("quality_metrics:action_detail", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return self.state in self.ACTIVE_STATES and timezone.localdate() > self.due_date

    @property
    def verification_band(self) -> str | None:
        if not self.indicator or self.verification_value is None:
            return None
        return indicators.get(self.indicator).band(self.verification_value)
