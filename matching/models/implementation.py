"""Implementation and follow-up (转化实施, 跟踪服务; 6.4.2, 5.3.2.3, 6.5)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .common import TimeStamped, money_field


class ImplementationProject(TimeStamped):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        CONVERTED = "converted", _("Converted")
        TERMINATED = "terminated", _("Terminated")

    class OutcomeKind(models.TextChoices):
        NONE = "", _("Not yet")
        PRODUCT = "product_launched", _("Product launched")
        PROCESS = "process_applied", _("Process applied")
        REVENUE = "revenue", _("Revenue generated")

    agreement = models.OneToOneField(
        "matching.Agreement",
        on_delete=models.PROTECT,
        related_name="implementation",
        verbose_name=_("agreement"),
    )
    project = models.ForeignKey(
        "matching.DockingProject",
        on_delete=models.PROTECT,
        related_name="implementations",
        verbose_name=_("docking project"),
    )
    achievement = models.ForeignKey(
        "achievements.Achievement",
        on_delete=models.PROTECT,
        related_name="implementations",
        verbose_name=_("achievement"),
    )
    title = models.CharField(_("title"), max_length=200)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_implementations",
        verbose_name=_("service specialist"),
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.IN_PROGRESS)
    outcome_kind = models.CharField(
        _("outcome"), max_length=30, choices=OutcomeKind.choices, blank=True, default=""
    )
    outcome_description = models.TextField(_("outcome description"), blank=True)
    revenue = money_field(_("revenue (10k yuan)"))
    converted_on = models.DateField(_("converted on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("implementation project")
        verbose_name_plural = _("implementation projects")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["state", "-updated_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matching:implementation_detail", kwargs={"pk": self.pk})


class Milestone(TimeStamped):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    project = models.ForeignKey(
        ImplementationProject,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("implementation project"),
    )
    title = models.CharField(_("milestone"), max_length=200)
    deliverable = models.CharField(_("deliverable / acceptance"), max_length=300, blank=True)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    payment_share = models.DecimalField(
        _("payment due (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "planned_start", "order", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError({"planned_end": _("The planned end must not be before the planned start.")})
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            raise ValidationError({"actual_end": _("The actual end must not be before the actual start.")})

    @property
    def is_overdue(self) -> bool:
        return (
            self.status not in (self.Status.DONE, self.Status.CANCELLED)
            and self.planned_end < timezone.localdate()
        )

    @property
    def delay_days(self) -> int | None:
        """Calendar days the milestone finished late (negative: early); None while open."""
        if self.actual_end:
            return (self.actual_end - self.planned_end).days
        return None


class ImplementationIssue(TimeStamped):
    """A problem met during implementation (6.5.1) with the coordination actions taken."""

    class Severity(models.TextChoices):
        HIGH = "high", pgettext_lazy("matching", "High")
        MEDIUM = "medium", pgettext_lazy("matching", "Medium")
        LOW = "low", pgettext_lazy("matching", "Low")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("matching", "Open")
        RESOLVED = "resolved", _("Resolved")

    project = models.ForeignKey(
        ImplementationProject,
        on_delete=models.CASCADE,
        related_name="issues",
        verbose_name=_("implementation project"),
    )
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    raised_on = models.DateField(_("raised on"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("raised by"),
    )

    class Meta:
        verbose_name = _("implementation issue")
        verbose_name_plural = _("implementation issues")
        ordering = ["project", "status", "-raised_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CoordinationAction(models.Model):
    issue = models.ForeignKey(
        ImplementationIssue, on_delete=models.CASCADE, related_name="actions", verbose_name=_("issue")
    )
    taken_on = models.DateField(_("date"), default=timezone.localdate)
    description = models.TextField(_("coordination action"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("coordination action")
        verbose_name_plural = _("coordination actions")
        ordering = ["issue", "taken_on", "id"]

    def __str__(self) -> str:
        return self.description[:50]


class StageAssessment(TimeStamped):
    """A periodic stage assessment (5.3.2.3 b) with the adjustments decided."""

    class Rating(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        AT_RISK = "at_risk", _("At risk")
        OFF_TRACK = "off_track", _("Off track")

    project = models.ForeignKey(
        ImplementationProject,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("implementation project"),
    )
    period = models.CharField(_("stage / period"), max_length=100)
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    rating = models.CharField(_("assessment"), max_length=20, choices=Rating.choices, default=Rating.ON_TRACK)
    progress_percent = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    findings = models.TextField(_("findings"))
    adjustments = models.TextField(_("adjustments to the cooperation plan"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assessed by"),
    )

    class Meta:
        verbose_name = _("stage assessment")
        verbose_name_plural = _("stage assessments")
        ordering = ["project", "-assessed_on", "-id"]

    def __str__(self) -> str:
        return self.period


class FollowUp(TimeStamped):
    """A follow-up visit or call (跟踪服务, 6.5.1)."""

    class Mode(models.TextChoices):
        VISIT = "visit", _("On-site visit")
        PHONE = "phone", pgettext_lazy("matching", "Phone")
        ONLINE = "online", _("Online")

    project = models.ForeignKey(
        ImplementationProject,
        on_delete=models.CASCADE,
        related_name="followups",
        verbose_name=_("implementation project"),
    )
    visited_on = models.DateField(_("date"), default=timezone.localdate)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.VISIT)
    participants = models.CharField(_("participants"), max_length=300, blank=True)
    summary = models.TextField(_("progress found"))
    problems = models.TextField(_("problems raised"), blank=True)
    next_visit_on = models.DateField(_("next follow-up"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["project", "-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.visited_on:%Y-%m-%d}"


class FeedbackRequest(TimeStamped):
    """A request for implementation feedback (6.5.2); the quality app's surveys may attach here."""

    project = models.ForeignKey(
        ImplementationProject,
        on_delete=models.CASCADE,
        related_name="feedback_requests",
        verbose_name=_("implementation project"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="implementation_feedback_requests",
        verbose_name=_("asked"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    due_on = models.DateField(_("answer by"), null=True, blank=True)
    question = models.CharField(
        _("question"), max_length=300, default="请评价本阶段成果转化实施效果及平台服务情况。"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comments = models.TextField(_("comments"), blank=True)
    survey_url = models.CharField(_("survey link"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        ordering = ["project", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.project} → {self.recipient}"
