"""Platform evaluation (质量基础设施“一站式”服务规范 平台评价与改进, 2025) and service-star evaluation (T/SAQ 0008—2024)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EvaluationTrigger(models.Model):
    """An event of 003 §6.1.2 after which the evaluation must be restarted."""

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", _("Emergency")
        KEY_STAFF_CHANGE = "key_staff_change", _("Change of key management staff")
        SOFTWARE_UPGRADE = "software_upgrade", _("Major software upgrade")
        HARDWARE_UPDATE = "hardware_update", _("Major hardware update")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    occurred_on = models.DateField(_("occurred on"))
    description = models.TextField(_("description"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation trigger")
        verbose_name_plural = _("evaluation triggers")
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.occurred_on:%Y-%m-%d})"


class PlatformEvaluation(models.Model):
    """One evaluation round of the platform against Table A.1 (003 §6–§8)."""

    class State(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        SCORING = "scoring", _("Scoring")
        SCORED = "scored", _("Scored")
        REPORTED = "reported", _("Report issued")

    class Mode(models.TextChoices):
        SELF = "self", _("Self-evaluation")
        AUTHORITY = "authority", _("Led by the competent authority")

    class Reason(models.TextChoices):
        ANNUAL = "annual", _("Annual evaluation")
        TRIGGER = "trigger", _("Restarted after a trigger event")

    code = models.CharField(_("evaluation number"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices, default=Reason.ANNUAL)
    trigger = models.OneToOneField(
        EvaluationTrigger,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluation",
        verbose_name=_("trigger event"),
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.SELF)
    purpose = models.TextField(pgettext_lazy("quality", "purpose"), blank=True)
    site_visit_on = models.DateField(_("on-site evaluation date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PREPARING)
    scorecard = models.OneToOneField(
        "evaluation.ScorecardEvaluation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("score sheets"),
    )
    total = models.DecimalField(_("total score"), max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=20, blank=True)
    grade_label = models.CharField(_("grade label"), max_length=40, blank=True)
    overall_situation = models.TextField(_("overall situation"), blank=True)
    problems = models.TextField(_("problems found"), blank=True)
    report = models.ForeignKey(
        "reports.ReportRecord",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("report"),
    )
    archive_code = models.CharField(_("archive retrieval code"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("platform evaluation")
        verbose_name_plural = _("platform evaluations")
        ordering = ["-year", "-created_at"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("quality_metrics:platform_evaluation_detail", args=[self.pk])


class PanelMember(models.Model):
    """A member of the evaluation panel with the qualifications of 003 §6.2.2."""

    class Expertise(models.TextChoices):
        TECHNICAL = "technical", _("Technical expert")
        MANAGEMENT = "management", _("Management scholar")
        LEGAL = "legal", _("Legal adviser")
        PRACTITIONER = "practitioner", _("Platform practitioner")

    evaluation = models.ForeignKey(PlatformEvaluation, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("account")
    )
    organization = models.CharField(_("organisation"), max_length=200, blank=True)
    professional_title = models.CharField(_("professional title"), max_length=100)
    expertise = models.CharField(_("expertise"), max_length=20, choices=Expertise.choices)
    is_leader = models.BooleanField(_("panel leader"), default=False)
    duties = models.CharField(_("duties and division of work"), max_length=300, blank=True)
    intermediate_title = models.BooleanField(
        _("intermediate or higher technical title, or equivalent ability"), default=False
    )
    management_knowledge = models.BooleanField(
        _("management knowledge and evaluation ability; familiar with how service platforms work"),
        default=False,
    )
    trained = models.BooleanField(_("trained in the evaluation requirements and methods"), default=False)
    impartial = models.BooleanField(
        _("impartial and objective; bound by the work rules and confidentiality"), default=False
    )
    hands_on_experience = models.BooleanField(
        _("hands-on experience of running a service platform"), default=False
    )

    class Meta:
        verbose_name = pgettext_lazy("quality", "panel member")
        verbose_name_plural = pgettext_lazy("quality", "panel members")
        ordering = ["evaluation", "-is_leader", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "user"], name="qm_panel_member_once"),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def qualified(self) -> bool:
        return all((self.intermediate_title, self.management_knowledge, self.trained, self.impartial))


class EvaluationSuggestion(models.Model):
    """An improvement suggestion of the report (003 §8.3); each becomes a time-limited action (§8.4.2)."""

    evaluation = models.ForeignKey(PlatformEvaluation, on_delete=models.CASCADE, related_name="suggestions")
    text = models.TextField(_("suggestion"))
    deadline_days = models.PositiveSmallIntegerField(_("deadline (working days)"), default=30)
    action = models.OneToOneField(
        "quality_metrics.ImprovementAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestion",
        verbose_name=_("improvement action"),
    )

    class Meta:
        verbose_name = _("improvement suggestion")
        verbose_name_plural = _("improvement suggestions")
        ordering = ["evaluation", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class ServiceStarEvaluation(models.Model):
    """A service-star innovation achievement evaluated under T/SAQ 0008—2024 (template service_star_004)."""

    class Party(models.TextChoices):
        FIRST = "first", _("First-party evaluation")
        SECOND = "second", _("Second-party evaluation")
        THIRD = "third", _("Third-party evaluation")

    class SubjectKind(models.TextChoices):
        TEAM = "team", pgettext_lazy("quality", "Team")
        INDIVIDUAL = "individual", _("Individual")

    class State(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        SCORING = "scoring", _("Scoring")
        CLOSED = "closed", _("Scoring closed")

    code = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("achievement title"), max_length=200)
    subject_name = models.CharField(_("service star (team or person)"), max_length=200)
    subject_kind = models.CharField(_("team or individual"), max_length=12, choices=SubjectKind.choices)
    organization = models.CharField(_("organisation"), max_length=200)
    party = models.CharField(_("evaluation party"), max_length=10, choices=Party.choices)
    evaluating_body = models.CharField(_("evaluating body"), max_length=200, blank=True)
    quality_literacy = models.BooleanField(_("quality literacy (4.2) met"), default=False)
    service_innovation = models.BooleanField(_("service innovation (4.3) met"), default=False)
    service_performance = models.BooleanField(_("service performance (4.4) met"), default=False)
    user_satisfaction = models.BooleanField(_("user satisfaction (4.5) met"), default=False)
    conditions_note = models.TextField(_("evidence of the basic conditions"), blank=True)
    summary = models.TextField(_("achievement summary"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PREPARING)
    scorecard = models.OneToOneField(
        "evaluation.ScorecardEvaluation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("score sheets"),
    )
    total = models.DecimalField(_("total score"), max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=20, blank=True)
    grade_label = models.CharField(_("grade label"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("service-star evaluation")
        verbose_name_plural = _("service-star evaluations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("quality_metrics:service_star_detail", args=[self.pk])

    @property
    def conditions_met(self) -> bool:
        return all(
            (self.quality_literacy, self.service_innovation, self.service_performance, self.user_satisfaction)
        )


class QualityReport(models.Model):
    """The subject of a periodic quality report PDF (one per period; the PDFs are ReportRecords)."""

    period_type = models.CharField(_("period type"), max_length=10)
    period_start = models.DateField(_("period start"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("quality report")
        verbose_name_plural = _("quality reports")
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["period_type", "period_start"], name="qm_quality_report_once")
        ]

    def __str__(self) -> str:
        from ..periods import Period

        return str(Period(self.period_type, self.period_start))
