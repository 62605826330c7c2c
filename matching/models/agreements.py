"""Agreements (成果转化合作协议, 6.4.1, 5.3.2.2): templates with clauses, drafts, risk review, signing,
and the technology-contract registration (技术合同认定登记)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .common import TimeStamped, money_field


class ContractType(models.TextChoices):
    TRANSFER = "transfer", _("Technology transfer contract")
    LICENSE = "license", _("Technology licence contract")
    EQUITY = "equity", _("Equity investment agreement")
    JOINT_DEVELOPMENT = "joint_development", _("Joint development agreement")


class AgreementTemplate(TimeStamped):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    contract_type = models.CharField(_("contract type"), max_length=30, choices=ContractType.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("agreement template")
        verbose_name_plural = _("agreement templates")
        ordering = ["contract_type", "code"]

    def __str__(self) -> str:
        return self.name


class TemplateClause(models.Model):
    """A clause of a template. ``body`` may use placeholders such as ``{price}``; see ``matching.drafting``."""

    template = models.ForeignKey(
        AgreementTemplate, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("template")
    )
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("template clause")
        verbose_name_plural = _("template clauses")
        ordering = ["template", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="matching_clause_code")]

    def __str__(self) -> str:
        return f"{self.template}: {self.title}"


class AgreementQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("project", "project__achievement", "project__enterprise_org", "template")


class Agreement(TimeStamped):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Review passed")
        SIGNED = "signed", _("Signed")
        CANCELLED = "cancelled", _("Cancelled")

    class TaxIncentive(models.TextChoices):
        NONE = "", _("None claimed")
        VAT = "vat_exemption", _("VAT exemption for technology transfer")
        INCOME_TAX = "income_tax", _("Income tax reduction for technology transfer")
        BOTH = "both", _("VAT exemption and income tax reduction")
        SUPER_DEDUCTION = "super_deduction", _("Additional deduction of R&D expenses")

    project = models.ForeignKey(
        "matching.DockingProject",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("docking project"),
    )
    template = models.ForeignKey(
        AgreementTemplate, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("template")
    )
    contract_type = models.CharField(_("contract type"), max_length=30, choices=ContractType.choices)
    title = models.CharField(_("title"), max_length=200)
    party_a = models.CharField(_("party A (supply side)"), max_length=200)
    party_b = models.CharField(_("party B (demand side)"), max_length=200)
    value = money_field(_("contract value (10k yuan)"))
    terms = models.JSONField(_("agreed terms"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    archive_code = models.CharField(_("archive retrieval code"), max_length=40, blank=True)
    # 技术合同认定登记
    registration_body = models.CharField(_("registration body"), max_length=200, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=60, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    tax_incentive = models.CharField(
        _("tax incentive claimed"), max_length=30, choices=TaxIncentive.choices, blank=True, default=""
    )
    tax_incentive_amount = money_field(_("tax incentive amount (10k yuan)"))
    registration_reminded_at = models.DateTimeField(_("registration reminder sent at"), null=True, blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["state", "signed_on"]),
            models.Index(fields=["contract_type", "state"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matching:agreement_detail", kwargs={"pk": self.pk})

    @property
    def number(self) -> str:
        return f"XY-{timezone.localtime(self.created_at or timezone.now()):%Y}-{self.pk or 0:05d}"

    @property
    def is_registered(self) -> bool:
        return bool(self.registration_number and self.registered_on)

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.DRAFT


class AgreementClause(models.Model):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("agreement")
    )
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("agreement clause")
        verbose_name_plural = _("agreement clauses")
        ordering = ["agreement", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "code"], name="matching_agreement_clause_code")
        ]

    def __str__(self) -> str:
        return self.title


class RiskFlag(TimeStamped):
    """A risk point found by the review checklist (5.3.2.2 b)."""

    class Severity(models.TextChoices):
        HIGH = "high", pgettext_lazy("matching", "High")
        MEDIUM = "medium", pgettext_lazy("matching", "Medium")
        LOW = "low", pgettext_lazy("matching", "Low")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("matching", "Open")
        RESOLVED = "resolved", _("Resolved")
        WAIVED = "waived", _("Accepted by staff")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="risk_flags", verbose_name=_("agreement")
    )
    code = models.SlugField(_("code"), max_length=40)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    waiver_reason = models.TextField(_("reason for accepting the risk"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("risk point")
        verbose_name_plural = _("risk points")
        ordering = ["agreement", "status", "severity", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "code"], name="matching_risk_code")]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.code}"

    @property
    def label(self):
        from matching.risk import RISK_CHECKS

        check = RISK_CHECKS.get(self.code)
        return check.label if check else self.code

    @property
    def suggestion(self):
        from matching.risk import RISK_CHECKS

        check = RISK_CHECKS.get(self.code)
        return check.suggestion if check else ""
