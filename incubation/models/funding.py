from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 12, "decimal_places": 2}


class FundProgramme(models.Model):
    """A special incubation fund (5.4.1.2 a): seed money or angel investment."""

    class Kind(models.TextChoices):
        SEED = "seed", _("Seed fund")
        ANGEL = "angel", _("Angel investment")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    total_budget = models.DecimalField(
        _("total budget (10k yuan)"), validators=[MinValueValidator(0)], **MONEY
    )
    max_award = models.DecimalField(
        _("largest award (10k yuan)"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    eligibility = models.TextField(_("eligibility"), blank=True)
    description = models.TextField(_("description"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    is_active = models.BooleanField(_("open for applications"), default=True)

    class Meta:
        verbose_name = _("fund programme")
        verbose_name_plural = _("fund programmes")
        ordering = ["-opens_on", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("incubation:programme_detail", args=[self.pk])


class FundApplication(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        COMPLETED = "completed", _("Fully disbursed")

    OPEN_STATES = (State.SUBMITTED, State.UNDER_REVIEW, State.APPROVED, State.COMPLETED)

    programme = models.ForeignKey(
        FundProgramme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("programme")
    )
    project = models.ForeignKey(
        "incubation.IncubationProject",
        on_delete=models.PROTECT,
        related_name="fund_applications",
        verbose_name=_("project"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("applicant")
    )
    amount_requested = models.DecimalField(
        _("amount requested (10k yuan)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    use_of_funds = models.TextField(_("use of funds"))
    milestones = models.TextField(_("milestones"), blank=True)
    amount_awarded = models.DecimalField(
        _("amount awarded (10k yuan)"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED, db_index=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("fund application")
        verbose_name_plural = _("fund applications")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.project} · {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("incubation:fund_application_detail", args=[self.pk])


class Disbursement(models.Model):
    application = models.ForeignKey(
        FundApplication, on_delete=models.PROTECT, related_name="disbursements", verbose_name=_("application")
    )
    amount = models.DecimalField(
        _("amount (10k yuan)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    paid_on = models.DateField(_("paid on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["paid_on", "id"]

    def __str__(self) -> str:
        return f"{self.application} · {self.amount}"


class FinancingContact(models.Model):
    """The directory of banks, venture investors and other financing channels (5.4.1.2 b)."""

    class Kind(models.TextChoices):
        BANK = "bank", _("Bank")
        VC = "vc", _("Venture capital")
        ANGEL = "angel", _("Angel investor")
        GOVERNMENT_FUND = "government_fund", _("Government guidance fund")
        OTHER = "other", _("Other channel")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    organization = models.ForeignKey(
        "accounts.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    focus = models.TextField(_("investment focus"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("financing contact")
        verbose_name_plural = _("banks and investors")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class FinancingEvent(models.Model):
    """A financing round a project raised (evidence for the 'raised further financing' outcome)."""

    class Round(models.TextChoices):
        SEED = "seed", _("Seed round")
        ANGEL = "angel", _("Angel round")
        PRE_A = "pre_a", _("Pre-A round")
        A = "a", _("Series A")
        B = "b", _("Series B")
        LATER = "later", _("Later rounds")
        BANK_LOAN = "bank_loan", _("Bank loan")
        GRANT = "grant", _("Government grant")
        OTHER = "other", _("Other")

    project = models.ForeignKey(
        "incubation.IncubationProject",
        on_delete=models.CASCADE,
        related_name="financing_events",
        verbose_name=_("project"),
    )
    round = models.CharField(_("round"), max_length=20, choices=Round.choices)
    amount = models.DecimalField(_("amount (10k yuan)"), validators=[MinValueValidator(0)], **MONEY)
    investor_name = models.CharField(_("investor"), max_length=200)
    contact = models.ForeignKey(
        FinancingContact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("directory entry"),
    )
    occurred_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("financing event")
        verbose_name_plural = _("financing events")
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_round_display()}"
