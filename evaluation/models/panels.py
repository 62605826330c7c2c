"""Evaluations of achievements (000 §5.1.1, §5.1.2.3, §6.2): experts, panels, declarations, audits."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .indicators import IndicatorSystem
from .scorecards import Aggregation
from .trl import TrlScale


class PanelRole(models.TextChoices):
    CLINICAL = "clinical", _("Clinical medicine expert")
    ENGINEERING = "engineering", _("Engineering/technical expert")
    INDUSTRY = "industry", _("Industry/investment expert")


class Sector(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    UNIVERSITY = "university", _("University")
    INSTITUTE = "institute", _("Research institute")
    HOSPITAL = "hospital", _("Hospital")
    ENTERPRISE = "enterprise", _("Enterprise")
    INVESTMENT = "investment", _("Investment institution")


class Expert(models.Model):
    """An expert of the pool (评估专家库), linked to a platform account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_profile",
        verbose_name=_("account"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experts",
    )
    title = models.CharField(_("professional title"), max_length=100, blank=True)
    discipline = models.CharField(_("discipline"), max_length=200, blank=True)
    panel_role = models.CharField(_("panel role"), max_length=20, choices=PanelRole.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    expertise = models.CharField(
        _("fields of expertise"), max_length=300, blank=True, help_text=_("Keywords separated by commas.")
    )
    bio = models.TextField(_("profile"), blank=True)
    max_load = models.PositiveSmallIntegerField(
        _("maximum concurrent evaluations"),
        null=True,
        blank=True,
        help_text=_("Empty: the platform default."),
    )
    is_active = models.BooleanField(_("available"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["panel_role", "id"]
        indexes = [models.Index(fields=["panel_role", "is_active"])]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("evaluation:expert_detail", args=[self.pk])


class ExpertRelation(models.Model):
    """A relation the expert declares (employment, cooperation, kinship, shares …): a conflict source."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="relations")
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    person_name = models.CharField(_("person"), max_length=100, blank=True)
    description = models.CharField(_("relation"), max_length=300)
    created_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("declared relation")
        verbose_name_plural = _("declared relations")
        ordering = ["expert", "id"]

    def __str__(self) -> str:
        who = self.organization or self.person_name
        return f"{who}: {self.description}"


class Evaluation(models.Model):
    """The evaluation project of one achievement (成果评估)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        AUDITING = "auditing", _("Material audit")
        SUPPLEMENT = "supplement", _("Waiting for supplementary materials")
        SCORING = "scoring", _("Expert scoring")
        REVIEW = "review", _("Panel review")
        PASSED = "passed", _("Evaluation passed")
        FAILED = "failed", _("Evaluation failed")
        NOT_EVALUATED = "not_evaluated", _("Not evaluated")
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        CORRESPONDENCE = "correspondence", _("Correspondence review")
        MEETING = "meeting", _("Meeting review")

    OPEN_STATES = (State.DRAFT, State.AUDITING, State.SUPPLEMENT, State.SCORING, State.REVIEW)
    FINISHED_STATES = (State.PASSED, State.FAILED, State.NOT_EVALUATED)

    achievement = models.ForeignKey(
        "achievements.Achievement",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("achievement"),
    )
    indicator_system = models.ForeignKey(
        IndicatorSystem,
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("indicator system"),
    )
    trl_scale = models.ForeignKey(
        TrlScale, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("TRL scale")
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    mode = models.CharField(
        _("review mode"), max_length=20, choices=Mode.choices, default=Mode.CORRESPONDENCE
    )
    due_date = models.DateField(_("scoring due date"), null=True, blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("work group leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_evaluations",
    )
    work_group = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("work group members"),
        blank=True,
        related_name="evaluation_work_groups",
    )
    aggregation = models.CharField(
        _("panel score"), max_length=20, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    trim_proportion = models.DecimalField(
        _("trimmed share at each end"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.20"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.49"))],
    )
    hide_others_until_submitted = models.BooleanField(
        _("hide other experts' sheets until one's own is submitted"), default=True
    )
    min_per_role = models.PositiveSmallIntegerField(
        _("minimum experts per panel role"), default=1, validators=[MaxValueValidator(5)]
    )
    outlier_threshold = models.DecimalField(
        _("outlier threshold"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.30"),
        help_text=_(
            "A score is flagged when it differs from the other experts' mean by more than this share of the full score."
        ),
    )
    # --- report (§5.1.2.3.6) and conclusion (§5.1.2.3.8) ---
    overview = models.TextField(_("achievement overview"), blank=True)
    recommend_publication = models.BooleanField(_("recommend publication"), null=True, blank=True)
    conclusion = models.TextField(_("evaluation conclusion"), blank=True)
    transfer_suggestions = models.TextField(_("transfer suggestions"), blank=True)
    expert_suggestions = models.TextField(_("expert suggestions"), blank=True)
    trl_assessment = models.TextField(_("TRL assessment"), blank=True)
    maturity_conclusion = models.CharField(
        _("maturity"),
        max_length=20,
        blank=True,
        choices=[
            ("lab", _("Laboratory stage")),
            ("pilot", _("Pilot stage")),
            ("industrial", _("Industrialisation stage")),
        ],
    )
    trl_conclusion = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    panel_score = models.DecimalField(_("panel score"), max_digits=6, decimal_places=2, null=True, blank=True)
    results = models.JSONField(_("aggregated results"), default=dict, blank=True)
    # --- meeting review (会议评价) ---
    meeting_at = models.DateTimeField(_("meeting time"), null=True, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True)
    meeting_attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendees"),
        blank=True,
        related_name="attended_evaluation_meetings",
    )
    meeting_other_attendees = models.CharField(_("other attendees"), max_length=500, blank=True)
    meeting_minutes = models.TextField(_("meeting record"), blank=True)
    consolidated_opinion = models.TextField(_("consolidated opinion"), blank=True)
    # --- archive ---
    report_code = models.CharField(_("retrieval code"), max_length=60, blank=True)
    report = models.ForeignKey(
        "reports.ReportRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "due_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["achievement"],
                condition=models.Q(state__in=["draft", "auditing", "supplement", "scoring", "review"]),
                name="evaluation_one_open_per_achievement",
            )
        ]

    def __str__(self) -> str:
        return f"{self.achievement} · {self.get_state_display()}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"PG-{self.created_at:%Y}-{self.pk:05d}" if self.created_at and self.pk else ""

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES


class PanelMember(models.Model):
    """An expert on an evaluation's panel (评估专家组)."""

    class State(models.TextChoices):
        ASSIGNED = "assigned", _("Declaration pending")
        ACTIVE = "active", _("Declaration signed")
        RECUSED = "recused", _("Recused")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="panel_members")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="panel_memberships")
    panel_role = models.CharField(_("panel role"), max_length=20, choices=PanelRole.choices)
    is_chair = models.BooleanField(_("panel chair"), default=False)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.ASSIGNED)
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    recusal_reason = models.CharField(_("recusal reason"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        ordering = ["evaluation", "-is_chair", "panel_role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "expert"],
                condition=~models.Q(state="recused"),
                name="evaluation_panel_member_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.expert} ({self.get_panel_role_display()})"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:detail", args=[self.evaluation_id])


class ConflictDeclaration(models.Model):
    """利益冲突回避声明, signed in the browser: typed full name + consent + time + IP."""

    panel_member = models.OneToOneField(PanelMember, on_delete=models.CASCADE, related_name="declaration")
    full_name = models.CharField(_("full name"), max_length=100)
    agreed = models.BooleanField(_("I have read and accept the declaration"), default=False)
    statement = models.TextField(_("declaration text"))
    signed_at = models.DateTimeField(_("signed at"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")

    def __str__(self) -> str:
        return f"{self.full_name} {self.signed_at:%Y-%m-%d %H:%M}"


class MaterialAudit(models.Model):
    """One material audit (资料审核, §5.1.2.3.4)."""

    class Result(models.TextChoices):
        COMPLETE = "complete", _("Complete: proceed")
        INCOMPLETE = "incomplete", _("Incomplete: request supplement")
        FUNDAMENTAL_ERROR = "fundamental_error", _("Fundamental error: not evaluated")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="audits")
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    reasons = models.TextField(_("reasons"), blank=True)
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("audited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("material audit")
        verbose_name_plural = _("material audits")
        ordering = ["evaluation", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.evaluation_id}: {self.get_result_display()}"


class ReminderLog(models.Model):
    """One reminder or escalation sent (makes the periodic task idempotent)."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue escalation")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="reminders")
    panel_member = models.ForeignKey(
        PanelMember, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    due_date = models.DateField(_("due date"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "panel_member", "kind", "due_date"], name="evaluation_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation_id} {self.kind} {self.due_date}"
