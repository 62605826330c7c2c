"""Matchmaking events (技术对接会, 5.3.1.1): agenda, registration, check-in, one-to-one sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .common import TimeStamped


class MatchmakingEvent(TimeStamped):
    class Mode(models.TextChoices):
        OFFLINE = "offline", _("Offline")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Online and offline")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Registration open")
        ONGOING = "ongoing", _("In progress")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("event title"), max_length=200)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.OFFLINE)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_link = models.URLField(_("online meeting link"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    technical_field = models.ForeignKey(
        "achievements.TechnicalField",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("theme field"),
    )
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organized_events",
        verbose_name=_("organiser"),
    )
    session_minutes = models.PositiveSmallIntegerField(_("one-to-one session length (minutes)"), default=20)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)

    class Meta:
        verbose_name = _("matchmaking event")
        verbose_name_plural = _("matchmaking events")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["state", "-starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matching:event_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})


class AgendaItem(models.Model):
    event = models.ForeignKey(
        MatchmakingEvent, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("event")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    title = models.CharField(_("item"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["event", "starts_at", "id"]

    def __str__(self) -> str:
        return self.title


class EventRegistration(TimeStamped):
    class Side(models.TextChoices):
        DEMAND = "demand", _("Demand side (enterprise)")
        SUPPLY = "supply", _("Supply side (achievement holder)")
        OTHER = "other", _("Other (investor, observer)")

    class Status(models.TextChoices):
        REGISTERED = "registered", pgettext_lazy("matching", "Registered")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        MatchmakingEvent, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="event_registrations",
        verbose_name=_("participant"),
    )
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    achievement = models.ForeignKey(
        "achievements.Achievement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("achievement presented"),
    )
    demand = models.ForeignKey(
        "matching.Demand",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("demand brought"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["event", "side", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="matching_one_registration")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"


class EventSession(TimeStamped):
    """A one-to-one meeting in a time slot; nobody may be in two sessions at once."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("No-show")

    class Outcome(models.TextChoices):
        NONE = "", _("Not recorded")
        INTENT = "intent", _("Cooperation intent")
        FOLLOW_UP = "follow_up", _("Further contact")
        NO_INTEREST = "no_interest", _("No interest")

    event = models.ForeignKey(
        MatchmakingEvent, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    demand_side = models.ForeignKey(
        EventRegistration,
        on_delete=models.PROTECT,
        related_name="sessions_as_demand",
        verbose_name=_("demand side"),
    )
    supply_side = models.ForeignKey(
        EventRegistration,
        on_delete=models.PROTECT,
        related_name="sessions_as_supply",
        verbose_name=_("supply side"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    table = models.CharField(_("table / room"), max_length=50, blank=True)
    achievement = models.ForeignKey(
        "achievements.Achievement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("achievement"),
    )
    demand = models.ForeignKey(
        "matching.Demand",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("demand"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True, default="")
    outcome_note = models.TextField(_("outcome note"), blank=True)

    class Meta:
        verbose_name = _("one-to-one session")
        verbose_name_plural = _("one-to-one sessions")
        ordering = ["event", "starts_at", "table", "id"]
        indexes = [models.Index(fields=["event", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M} {self.demand_side.user} × {self.supply_side.user}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The session must end after it starts.")})
