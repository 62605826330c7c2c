from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Cohort(models.Model):
    """An intake batch (入孵批次)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name


class IncubationProject(models.Model):
    """A team incubating an achievement, from application to market, financing or exit.

    The workflow state doubles as the incubation stage once admitted (pre-incubation → incubation →
    acceleration → graduated, or exited). ``outcome`` is the result that 7.1.1.6 counts: success means
    the project entered the market or raised further financing.
    """

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Application submitted")
        UNDER_REVIEW = "under_review", _("Admission review")
        REJECTED = "rejected", _("Not admitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        PRE_INCUBATION = "pre_incubation", _("Pre-incubation")
        INCUBATION = "incubation", _("In incubation")
        ACCELERATION = "acceleration", _("Acceleration")
        GRADUATED = "graduated", _("Graduated")
        EXITED = "exited", _("Exited")

    class Outcome(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        ENTERED_MARKET = "entered_market", _("Entered the market")
        RAISED_FINANCING = "raised_financing", _("Raised further financing")
        EXITED = "exited", _("Exited")

    SUCCESS_OUTCOMES = (Outcome.ENTERED_MARKET, Outcome.RAISED_FINANCING)
    ACTIVE_STATES = (State.PRE_INCUBATION, State.INCUBATION, State.ACCELERATION)
    STAGES = (State.PRE_INCUBATION, State.INCUBATION, State.ACCELERATION, State.GRADUATED, State.EXITED)

    name = models.CharField(_("project name"), max_length=200)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="incubation_projects",
        verbose_name=_("applicant"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incubation_projects",
        verbose_name=_("organisation"),
    )
    achievement = models.ForeignKey(
        "achievements.Achievement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incubation_projects",
        verbose_name=_("achievement"),
    )
    summary = models.TextField(_("project summary"))
    team_description = models.TextField(_("team"), blank=True, help_text=_("Composition and strengths."))
    business_model = models.TextField(_("business model"), blank=True)
    cohort = models.ForeignKey(
        Cohort,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("cohort"),
    )
    mentors = models.ManyToManyField(
        "incubation.Mentor", blank=True, related_name="projects", verbose_name=_("mentors")
    )
    admission_evaluation = models.OneToOneField(
        "evaluation.ScorecardEvaluation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incubation_project",
        verbose_name=_("admission review"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED, db_index=True
    )
    outcome = models.CharField(
        _("incubation outcome"),
        max_length=20,
        choices=Outcome.choices,
        default=Outcome.ONGOING,
        db_index=True,
    )
    outcome_note = models.TextField(_("outcome evidence note"), blank=True)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    seeking_financing = models.BooleanField(_("seeking financing"), default=False)
    financing_need = models.DecimalField(
        _("financing need (10k yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    admitted_at = models.DateTimeField(_("admitted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("incubation project")
        verbose_name_plural = _("incubation projects")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["applicant", "state"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("incubation:project_detail", args=[self.pk])

    @property
    def stage(self) -> str:
        """The incubation stage, or "" before admission."""
        return self.state if self.state in self.STAGES else ""

    @property
    def is_success(self) -> bool:
        return self.outcome in self.SUCCESS_OUTCOMES

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES


class ProjectMember(models.Model):
    project = models.ForeignKey(
        IncubationProject, on_delete=models.CASCADE, related_name="team_members", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role in the team"), max_length=100, blank=True)
    title = models.CharField(_("professional title"), max_length=100, blank=True)
    organization_name = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ProgressReport(models.Model):
    """A periodic progress report of an admitted project."""

    project = models.ForeignKey(
        IncubationProject,
        on_delete=models.CASCADE,
        related_name="progress_reports",
        verbose_name=_("project"),
    )
    period = models.CharField(_("reporting period"), max_length=50, help_text=_("For example 2025 Q1."))
    period_end = models.DateField(_("period end"))
    progress = models.TextField(_("progress made"))
    revenue = models.DecimalField(
        _("revenue (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    financing_raised = models.DecimalField(
        _("financing raised (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    problems = models.TextField(_("problems needing coordination"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    staff_comment = models.TextField(_("staff comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-period_end", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="incubation_report_one_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.period}"
