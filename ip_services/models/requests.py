from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class IpServiceRequest(models.Model):
    """A request for an IP service (5.5.1–5.5.2), tracked from intake to the requester's acceptance."""

    class ServiceType(models.TextChoices):
        SEARCH_ANALYSIS = "search_analysis", _("Patent search and analysis")
        DRAFTING = "drafting", _("Drafting and filing")
        OFFICE_ACTION = "office_action", _("Office action response")
        PROTECTION_STRATEGY = "protection_strategy", _("Protection strategy")
        INFRINGEMENT_MONITORING = "infringement_monitoring", _("Infringement monitoring")
        VALUATION = "valuation", _("IP valuation")
        TRANSACTION_LICENSE = "transaction_license", _("Trading and licensing")
        PLEDGE_FINANCING = "pledge_financing", _("Pledge financing")
        RISK_ASSESSMENT = "risk_assessment", _("Risk assessment")
        OVERSEAS_PROTECTION = "overseas_protection", _("Overseas rights protection")

    class State(models.TextChoices):
        INTAKE = "intake", _("Received")
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        DELIVERED = "delivered", _("Delivered")
        ACCEPTED = "accepted", _("Accepted by the requester")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATES = (State.INTAKE, State.ASSIGNED, State.IN_PROGRESS)
    REPORT_KIND = "ip_report"

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ip_service_requests",
        verbose_name=_("requester"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    service_type = models.CharField(_("service"), max_length=30, choices=ServiceType.choices, db_index=True)
    title = models.CharField(_("subject line"), max_length=200)
    description = models.TextField(_("what is needed"))
    achievement = models.ForeignKey(
        "achievements.Achievement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ip_service_requests",
        verbose_name=_("achievement"),
    )
    assets = models.ManyToManyField(
        "ip_services.IpAsset", blank=True, related_name="service_requests", verbose_name=_("IP assets")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("specialist"),
    )
    delivery_summary = models.TextField(_("delivery summary"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.INTAKE, db_index=True
    )
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted by the requester at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("IP service request")
        verbose_name_plural = _("IP service requests")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requester", "state"])]

    def __str__(self) -> str:
        return f"{self.get_service_type_display()}：{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("ip_services:request_detail", args=[self.pk])


class DisclaimerAcknowledgement(models.Model):
    """The user's acknowledgement of the platform's disclaimer (5.5.1), stored with its text and time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ip_disclaimer_acknowledgements",
        verbose_name=_("user"),
    )
    version = models.CharField(_("version"), max_length=20)
    text = models.TextField(_("text acknowledged"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("disclaimer acknowledgement")
        verbose_name_plural = _("disclaimer acknowledgements")
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="ip_disclaimer_once_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.version}"
