from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class InfringementWatch(models.Model):
    """What is watched for a holder (5.5.1.2 b): keywords, competitor names, patent numbers."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="infringement_watches",
        verbose_name=_("right holder"),
    )
    title = models.CharField(_("title"), max_length=200)
    asset = models.ForeignKey(
        "ip_services.IpAsset",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="watches",
        verbose_name=_("IP asset"),
    )
    keywords = models.TextField(
        _("keywords"), blank=True, help_text=_("One per line or separated by commas.")
    )
    competitors = models.TextField(_("competitor names"), blank=True)
    patent_numbers = models.TextField(_("patent numbers"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("infringement watch item")
        verbose_name_plural = _("infringement watch items")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ip_services:watch_list") + f"#watch-{self.pk}"


class InfringementAlert(models.Model):
    """A possible infringement found by monitoring, entered by staff or imported; triaged and acted on."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by staff")
        IMPORT = "import", _("Imported from a spreadsheet")
        HOLDER = "holder", _("Reported by the holder")

    class Severity(models.TextChoices):
        LOW = "low", _("Low severity")
        MEDIUM = "medium", _("Medium severity")
        HIGH = "high", _("High severity")

    class State(models.TextChoices):
        NEW = "new", _("Newly found")
        INVESTIGATING = "investigating", _("Being assessed")
        CONFIRMED = "confirmed", _("Infringement suspected")
        DISMISSED = "dismissed", _("Dismissed")
        ACTIONED = "actioned", _("Action taken")
        CLOSED = "closed", _("Closed")

    class Action(models.TextChoices):
        WARNING_LETTER = "warning_letter", _("Warning letter")
        TAKEDOWN = "takedown", _("Takedown request to the platform or marketplace")
        NEGOTIATION = "negotiation", _("Negotiation")
        DISPUTE = "dispute", _("Dispute opened")
        MONITOR = "monitor", _("Keep monitoring")
        OTHER = "other", _("Other")

    OPEN_STATES = (State.NEW, State.INVESTIGATING, State.CONFIRMED)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="infringement_alerts",
        verbose_name=_("right holder"),
    )
    watch = models.ForeignKey(
        InfringementWatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts",
        verbose_name=_("watch item"),
    )
    asset = models.ForeignKey(
        "ip_services.IpAsset",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts",
        verbose_name=_("IP asset"),
    )
    title = models.CharField(_("title"), max_length=200)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    detected_on = models.DateField(_("found on"))
    suspected_infringer = models.CharField(_("suspected infringer"), max_length=200, blank=True)
    evidence_url = models.URLField(_("link"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.NEW, db_index=True
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, blank=True)
    action_note = models.TextField(_("action taken"), blank=True)
    dispute = models.ForeignKey(
        "ip_services.Dispute",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts",
        verbose_name=_("dispute"),
    )
    import_batch = models.CharField(_("import batch"), max_length=40, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("infringement alert")
        verbose_name_plural = _("infringement alerts")
        ordering = ["-detected_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ip_services:alert_detail", args=[self.pk])
