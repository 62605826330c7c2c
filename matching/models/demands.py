"""Enterprise technology demands (技术需求) and challenge calls (揭榜挂帅) with their applications."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from achievements.models import ApplicationScenario, CooperationMode, Maturity, TechnicalField

from .common import PROVINCE_CHOICES, TimeStamped, money_field


class DemandConfidentiality(models.TextChoices):
    PUBLIC = "public", _("Public")
    REGISTERED = "registered", _("Registered users only")
    PRIVATE = "private", _("Private: the platform and my enterprise only")


class DemandQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=Demand.State.PUBLISHED)

    def for_list(self):
        return self.select_related("owner", "organization", "technical_field")


class Demand(TimeStamped):
    """A technology demand posted by an enterprise (5.3.1.4 需求挖掘); a challenge call when ``is_challenge``."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        RETURNED = "returned", _("Returned for revision")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", pgettext_lazy("matching", "Closed")

    Confidentiality = DemandConfidentiality
    EDITABLE_STATES = (State.DRAFT, State.RETURNED)

    title = models.CharField(_("demand title"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="demands",
        verbose_name=_("posted by"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demands",
        verbose_name=_("enterprise"),
    )
    technical_field = models.ForeignKey(
        TechnicalField,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands",
        verbose_name=_("technical field"),
    )
    scenarios = models.ManyToManyField(
        ApplicationScenario, blank=True, related_name="demands", verbose_name=_("application scenarios")
    )
    min_maturity = models.CharField(
        _("minimum maturity"), max_length=20, choices=Maturity.choices, blank=True
    )
    min_trl = models.PositiveSmallIntegerField(
        _("minimum TRL"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    cooperation_modes = models.ManyToManyField(
        CooperationMode, blank=True, related_name="demands", verbose_name=_("cooperation modes")
    )
    budget_min = money_field(_("budget from (10k yuan)"))
    budget_max = money_field(_("budget up to (10k yuan)"))
    region = models.CharField(
        _("region"),
        max_length=30,
        choices=PROVINCE_CHOICES,
        blank=True,
        help_text=_("Leave empty for any region."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    description = models.TextField(
        _("demand description"),
        help_text=_("The problem to solve, the technical indicators wanted, the application conditions."),
    )
    tags = models.CharField(_("keywords"), max_length=300, blank=True, help_text=_("Separated by commas."))
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=20,
        choices=DemandConfidentiality.choices,
        default=DemandConfidentiality.REGISTERED,
    )
    # challenge call (揭榜挂帅): holders apply before the deadline
    is_challenge = models.BooleanField(_("challenge call"), default=False)
    reward = models.CharField(_("reward / support offered"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # jieba tokens of title, keywords and description, space-separated with spaces at both ends
    search_tokens = models.TextField(_("search tokens"), blank=True, editable=False)
    # the demand as a matching query: {token: weight}
    query_terms = models.JSONField(_("query terms"), default=dict, blank=True, editable=False)

    objects = DemandQuerySet.as_manager()

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["state", "-published_at"]),
            models.Index(fields=["owner", "state"]),
            models.Index(fields=["is_challenge", "state", "deadline"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_min__isnull=True)
                | models.Q(budget_max__isnull=True)
                | models.Q(budget_min__lte=models.F("budget_max")),
                name="matching_demand_budget_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matching:demand_detail", kwargs={"pk": self.pk})

    @property
    def number(self) -> str:
        return f"XQ-{timezone.localtime(self.created_at or timezone.now()):%Y}-{self.pk or 0:05d}"

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE_STATES

    @property
    def is_open_for_applications(self) -> bool:
        return (
            self.is_challenge
            and self.state == self.State.PUBLISHED
            and (self.deadline is None or self.deadline >= timezone.localdate())
        )

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.budget_min is not None and self.budget_max is not None and self.budget_min > self.budget_max:
            raise ValidationError({"budget_max": _("The upper budget must not be below the lower budget.")})
        if self.is_challenge and not self.deadline:
            raise ValidationError({"deadline": _("A challenge call needs an application deadline.")})


class ChallengeApplication(TimeStamped):
    """A holder's application to a challenge call (揭榜申请), reviewed by the enterprise or staff."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", pgettext_lazy("matching", "Accepted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    demand = models.ForeignKey(
        Demand, on_delete=models.CASCADE, related_name="applications", verbose_name=_("challenge call")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="challenge_applications",
        verbose_name=_("applicant"),
    )
    achievement = models.ForeignKey(
        "achievements.Achievement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenge_applications",
        verbose_name=_("achievement offered"),
    )
    proposal = models.TextField(_("solution proposal"))
    team_summary = models.TextField(_("team and track record"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("challenge application")
        verbose_name_plural = _("challenge applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "applicant"],
                condition=~models.Q(state="withdrawn"),
                name="matching_one_active_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.demand} · {self.applicant}"

    def get_absolute_url(self) -> str:
        return reverse("matching:demand_detail", kwargs={"pk": self.demand_id}) + f"#application-{self.pk}"
