"""Docking projects (对接项目, 6.3.2, 5.3.1.4) with negotiation records, proposed terms and valuation."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .common import TimeStamped, money_field


class DockingProjectQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related(
            "achievement", "achievement__holder", "demand", "enterprise", "enterprise_org", "assigned_to"
        ).only(
            "id", "title", "state", "source", "created_at", "updated_at", "closed_reason",
            "achievement__id", "achievement__name", "achievement__holder__id", "achievement__holder__username",
            "achievement__holder__display_name", "achievement__holder__first_name", "achievement__holder__last_name",
            "demand__id", "demand__title", "enterprise__id", "enterprise__username", "enterprise__display_name",
            "enterprise__first_name", "enterprise__last_name", "enterprise_org__id", "enterprise_org__name",
            "assigned_to__id", "assigned_to__username", "assigned_to__display_name",
            "assigned_to__first_name", "assigned_to__last_name",
        )  # fmt: skip


class DockingProject(TimeStamped):
    """One supply–demand pairing followed by staff from the first inquiry to a signed agreement."""

    class State(models.TextChoices):
        INQUIRY = "inquiry", _("Inquiry")
        CONTACTED = "contacted", _("Contacted")
        NEGOTIATING = "negotiating", _("Negotiating")
        INTENT = "intent", _("Cooperation intent")
        AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
        CLOSED = "closed", _("Closed without agreement")

    class Source(models.TextChoices):
        INQUIRY = "inquiry", _("Inquiry from the library")
        MATCH = "match", _("Smart matching")
        EVENT = "event", _("Matchmaking event")
        CHALLENGE = "challenge", _("Challenge call")
        STAFF = "staff", _("Arranged by staff")

    class CloseReason(models.TextChoices):
        NO_INTEREST = "no_interest", _("No further interest")
        PRICE = "price", _("No agreement on the price")
        TERMS = "terms", _("No agreement on the terms")
        TECHNICAL = "technical", _("Technology does not fit")
        OTHER = "other", _("Other")

    OPEN_STATES = (State.INQUIRY, State.CONTACTED, State.NEGOTIATING, State.INTENT)

    title = models.CharField(_("title"), max_length=200)
    achievement = models.ForeignKey(
        "achievements.Achievement",
        on_delete=models.PROTECT,
        related_name="docking_projects",
        verbose_name=_("achievement"),
    )
    demand = models.ForeignKey(
        "matching.Demand",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="docking_projects",
        verbose_name=_("demand"),
    )
    enterprise = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="docking_projects",
        verbose_name=_("demand side"),
    )
    enterprise_org = models.ForeignKey(
        "accounts.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("enterprise"),
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.INQUIRY)
    suggestion = models.ForeignKey(
        "matching.MatchSuggestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="docking_projects",
        verbose_name=_("match"),
    )
    session = models.ForeignKey(
        "matching.EventSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="docking_projects",
        verbose_name=_("event session"),
    )
    application = models.ForeignKey(
        "matching.ChallengeApplication",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="docking_projects",
        verbose_name=_("challenge application"),
    )
    message = models.TextField(_("inquiry message"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_docking_projects",
        verbose_name=_("service specialist"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.INQUIRY)
    closed_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=CloseReason.choices, blank=True
    )
    intent_at = models.DateTimeField(_("intent reached at"), null=True, blank=True)
    signed_at = models.DateTimeField(_("agreement signed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = DockingProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("docking project")
        verbose_name_plural = _("docking projects")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["state", "-updated_at"]),
            models.Index(fields=["enterprise", "state"]),
            models.Index(fields=["achievement", "state"]),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matching:project_detail", kwargs={"pk": self.pk})

    @property
    def number(self) -> str:
        return f"DJ-{timezone.localtime(self.created_at or timezone.now()):%Y}-{self.pk or 0:05d}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def agreed_terms(self):
        return self.terms.filter(agreed=True).order_by("-version").first()


class NegotiationRecord(TimeStamped):
    """A meeting, call or note of the negotiation (5.3.2.1)."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        CALL = "call", _("Phone call")
        ONLINE = "online", _("Online meeting")
        NOTE = "note", _("Note")

    project = models.ForeignKey(
        DockingProject,
        on_delete=models.CASCADE,
        related_name="negotiations",
        verbose_name=_("docking project"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    participants = models.CharField(_("participants"), max_length=300, blank=True)
    summary = models.TextField(_("summary"))
    next_steps = models.TextField(_("next steps"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("negotiation record")
        verbose_name_plural = _("negotiation records")
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"


class PaymentMethod(models.TextChoices):
    LUMP_SUM = "lump_sum", _("Lump sum")
    MILESTONES = "milestones", _("Instalments by milestones")
    ROYALTY = "royalty", _("Royalty (sales-based)")
    EQUITY = "equity", _("Equity")
    MIXED = "mixed", _("Down payment plus royalty")


class DisputeResolution(models.TextChoices):
    NONE = "", _("Not agreed")
    ARBITRATION = "arbitration", _("Arbitration")
    LITIGATION = "litigation", _("Litigation")


class ProposedTerms(TimeStamped):
    """One version of the proposed terms: scope, usage rights, payment, price (5.3.2.1 a)."""

    class Party(models.TextChoices):
        DEMAND = "demand", _("Demand side")
        SUPPLY = "supply", _("Supply side")
        PLATFORM = "platform", _("Platform (mediated)")

    project = models.ForeignKey(
        DockingProject, on_delete=models.CASCADE, related_name="terms", verbose_name=_("docking project")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    proposed_by = models.CharField(
        _("proposed by"), max_length=20, choices=Party.choices, default=Party.PLATFORM
    )
    cooperation_mode = models.CharField(
        _("cooperation mode"), max_length=30,
        choices=[("transfer", _("Transfer")), ("license", _("License")), ("equity", _("Equity investment")), ("joint_development", _("Joint development"))],
        default="transfer",
    )  # fmt: skip
    technical_scope = models.TextField(_("technical scope"))
    exclusive = models.BooleanField(_("exclusive"), default=False)
    territory = models.CharField(_("territory"), max_length=200, blank=True)
    field_of_use = models.CharField(_("field of use"), max_length=200, blank=True)
    term_years = models.PositiveSmallIntegerField(_("term (years)"), null=True, blank=True)
    payment_method = models.CharField(
        _("payment method"), max_length=20, choices=PaymentMethod.choices, default=PaymentMethod.LUMP_SUM
    )
    price = money_field(_("price (10k yuan)"))
    royalty_rate = models.DecimalField(
        _("royalty rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )  # fmt: skip
    equity_share = models.DecimalField(
        _("equity share (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )  # fmt: skip
    payment_schedule = models.TextField(
        _("payment schedule"), blank=True, help_text=_("One instalment per line: milestone, share or amount.")
    )
    acceptance_criteria = models.TextField(_("acceptance criteria"), blank=True)
    ip_warranty = models.BooleanField(_("supply side warrants the IP"), default=True)
    confidentiality = models.BooleanField(_("confidentiality clause"), default=True)
    dispute_resolution = models.CharField(
        _("dispute resolution"), max_length=20, choices=DisputeResolution.choices, blank=True, default=""
    )
    note = models.TextField(_("note"), blank=True)
    agreed = models.BooleanField(_("agreed by both sides"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("proposed terms")
        verbose_name_plural = _("proposed terms")
        ordering = ["project", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["project", "version"], name="matching_terms_version"),
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(agreed=True), name="matching_one_agreed_terms"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} v{self.version}"


class ValuationWorksheet(TimeStamped):
    """Pricing support (5.3.2.1 b): cost, market and income approaches; results computed by ``valuation``."""

    project = models.OneToOneField(
        DockingProject, on_delete=models.CASCADE, related_name="valuation", verbose_name=_("docking project")
    )
    # cost approach
    rd_cost = money_field(_("R&D cost incurred (10k yuan)"))
    replacement_factor = models.DecimalField(
        _("replacement cost factor"),
        max_digits=5,
        decimal_places=2,
        default=1,
        help_text=_("Replacement cost today ÷ historical cost."),
    )
    obsolescence_rate = models.DecimalField(
        _("obsolescence (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    # market approach
    comparable_prices = models.CharField(
        _("comparable deal prices (10k yuan)"),
        max_length=300,
        blank=True,
        help_text=_("Separated by commas; leave empty to use the platform's comparable deals."),
    )
    market_adjustment = models.DecimalField(
        _("market adjustment factor"),
        max_digits=5,
        decimal_places=2,
        default=1,
        help_text=_("Technology, timing and terms differences against the comparables."),
    )
    # income approach
    annual_revenue = models.CharField(
        _("forecast annual revenue (10k yuan)"),
        max_length=300,
        blank=True,
        help_text=_("One figure per year, separated by commas."),
    )
    share_rate = models.DecimalField(
        _("technology share of revenue (%)"),
        max_digits=5,
        decimal_places=2,
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    discount_rate = models.DecimalField(
        _("discount rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=10,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    risk_factor = models.DecimalField(
        _("risk discount (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.TextField(_("note"), blank=True)
    results = models.JSONField(_("results"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("valuation worksheet")
        verbose_name_plural = _("valuation worksheets")

    def __str__(self) -> str:
        return f"{self.project} · {_('valuation')}"
