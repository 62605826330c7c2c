from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Dispute(models.Model):
    """An IP dispute handled for a holder (5.5.2): the inputs of the IP-protection indicator (7.1.2.7).

    Amounts are in yuan. ``outcome`` is set when the dispute is closed; resolved_in_favour and settled
    count as resolved for the indicator.
    """

    class Kind(models.TextChoices):
        LITIGATION = "litigation", _("Litigation")
        ARBITRATION = "arbitration", _("Arbitration")
        MEDIATION = "mediation", _("Mediation")
        ADMINISTRATIVE = "administrative", _("Administrative enforcement")

    class State(models.TextChoices):
        OPEN = "open", _("Opened")
        IN_PROGRESS = "in_progress", _("Being handled")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        RESOLVED_IN_FAVOUR = "resolved_in_favour", _("Resolved in the holder's favour")
        SETTLED = "settled", _("Settled")
        LOST = "lost", _("Lost")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    RESOLVED_OUTCOMES = (Outcome.RESOLVED_IN_FAVOUR, Outcome.SETTLED)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ip_disputes",
        verbose_name=_("right holder"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    assets = models.ManyToManyField(
        "ip_services.IpAsset", blank=True, related_name="disputes", verbose_name=_("IP assets")
    )
    summary = models.TextField(_("facts and claims"))
    forum = models.CharField(_("court, arbitration body or authority"), max_length=200, blank=True)
    case_number = models.CharField(_("case number"), max_length=100, blank=True)
    filed_on = models.DateField(_("case filed on"), null=True, blank=True)
    amount_claimed = models.DecimalField(
        _("amount claimed (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    amount_recovered = models.DecimalField(
        _("amount recovered (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("handled by"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.OPEN, db_index=True
    )
    outcome = models.CharField(
        _("dispute outcome"), max_length=20, choices=Outcome.choices, blank=True, db_index=True
    )
    outcome_note = models.TextField(_("outcome details"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("IP dispute")
        verbose_name_plural = _("IP disputes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ip_services:dispute_detail", args=[self.pk])

    @property
    def is_resolved(self) -> bool:
        return self.outcome in self.RESOLVED_OUTCOMES


class DisputeParty(models.Model):
    class Role(models.TextChoices):
        CLAIMANT = "claimant", _("Claimant (plaintiff)")
        RESPONDENT = "respondent", _("Respondent (defendant)")
        THIRD_PARTY = "third_party", _("Third party")

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="parties", verbose_name=_("dispute")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_client = models.BooleanField(_("the holder's side"), default=False)
    representative = models.CharField(_("representative or counsel"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class DisputeEvidence(models.Model):
    """An evidence record (5.5.2.3 a); files are attachments of this row."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Documents and certificates")
        NOTARISED_PURCHASE = "notarised_purchase", _("Notarised purchase")
        SCREENSHOT = "screenshot", _("Web page preservation")
        TESTIMONY = "testimony", _("Witness testimony")
        EXPERT_OPINION = "expert_opinion", _("Expert or appraisal opinion")
        OTHER = "other", _("Other")

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("dispute")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    collected_on = models.DateField(_("collected on"))
    description = models.TextField(_("what it proves"), blank=True)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence record")
        verbose_name_plural = _("evidence records")
        ordering = ["collected_on", "id"]

    def __str__(self) -> str:
        return self.title
