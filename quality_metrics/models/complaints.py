"""Complaints and feedback (DB1403/T 22 §7, in the spirit of GB/T 19012)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..service_types import choices as service_type_choices


def _track_token() -> str:
    return secrets.token_urlsafe(18)


class Complaint(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        INVESTIGATING = "investigating", _("Under investigation")
        RESOLVED = "resolved", _("Resolved, awaiting confirmation")
        REOPENED = "reopened", _("Reopened")
        CLOSED = "closed", pgettext_lazy("quality", "Closed")

    class Source(models.TextChoices):
        WEB = "web", _("Online form")
        SURVEY = "survey", _("Survey answer")
        PHONE = "phone", _("Telephone")
        VISIT = "visit", _("In person")
        EMAIL = "email", _("Email or letter")

    OPEN_STATES = (State.SUBMITTED, State.ACKNOWLEDGED, State.INVESTIGATING, State.REOPENED)

    code = models.CharField(_("complaint number"), max_length=20, unique=True, editable=False)
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
        verbose_name=_("complainant (account)"),
    )
    name = models.CharField(pgettext_lazy("quality", "name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    organization = models.CharField(_("organisation"), max_length=200, blank=True)
    service_type = models.CharField(
        _("service concerned"), max_length=30, choices=service_type_choices(), blank=True
    )
    related_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    related_id = models.PositiveBigIntegerField(null=True, blank=True)
    related_label = models.CharField(_("record concerned"), max_length=200, blank=True)
    subject = models.CharField(pgettext_lazy("quality", "subject"), max_length=200)
    description = models.TextField(_("what happened"), max_length=5000)
    expectation = models.TextField(_("what you expect"), blank=True, max_length=2000)
    source = models.CharField(_("received via"), max_length=10, choices=Source.choices, default=Source.WEB)
    survey_response = models.ForeignKey(
        "quality_metrics.SurveyResponse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
        verbose_name=_("from survey response"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_complaints",
        verbose_name=_("handled by"),
    )
    received_on = models.DateField(_("received on"))
    acknowledge_due = models.DateField(_("acknowledge by"))
    resolve_due = models.DateField(_("resolve by"))
    acknowledged_at = models.DateTimeField(pgettext_lazy("quality", "acknowledged at"), null=True, blank=True)
    investigation = models.TextField(_("investigation findings"), blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed by the complainant at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    track_token = models.CharField(max_length=40, unique=True, default=_track_token, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.code} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("quality_metrics:complaint_detail", args=[self.pk])

    def get_track_url(self) -> str:
        return reverse("quality_metrics:complaint_track", args=[self.track_token])

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def late_step(self) -> str:
        """ "acknowledge" or "resolve" when that working-day clock has run out, else ""."""
        today = timezone.localdate()
        if self.state == self.State.SUBMITTED and today > self.acknowledge_due:
            return "acknowledge"
        if self.is_open and today > self.resolve_due:
            return "resolve"
        return ""
