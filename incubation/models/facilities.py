from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Facility(models.Model):
    """A bookable resource (5.4.1.1): laboratory, pilot workshop, office or instrument."""

    class Kind(models.TextChoices):
        LAB = "lab", _("Standardised laboratory")
        PILOT_WORKSHOP = "pilot_workshop", _("Pilot workshop")
        OFFICE = "office", _("Office space")
        INSTRUMENT = "instrument", _("Instrument")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    location = models.CharField(_("location"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How many bookings (units, seats or benches) it can hold at the same time."),
    )
    rules = models.TextField(_("rules of use"), blank=True)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.TimeField(_("opens at"), default=dt.time(8, 0))
    closes_at = models.TimeField(_("closes at"), default=dt.time(18, 0))
    max_hours = models.PositiveSmallIntegerField(
        _("longest booking (hours)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    requires_approval = models.BooleanField(_("requires staff approval"), default=True)
    is_active = models.BooleanField(_("bookable"), default=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("manager"),
    )

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities and equipment")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("incubation:facility_detail", args=[self.pk])

    @property
    def open_hours(self) -> float:
        start = dt.datetime.combine(dt.date(2000, 1, 1), self.opens_at)
        end = dt.datetime.combine(dt.date(2000, 1, 1), self.closes_at)
        return max((end - start).total_seconds() / 3600, 0)


class Booking(models.Model):
    """A booking of a facility; pending and approved bookings hold capacity."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    HOLDING_STATES = (State.PENDING, State.APPROVED)

    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("facility")
    )
    project = models.ForeignKey(
        "incubation.IncubationProject",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
        verbose_name=_("project"),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("booked by")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    quantity = models.PositiveSmallIntegerField(_("units"), default=1, validators=[MinValueValidator(1)])
    purpose = models.CharField(_("purpose"), max_length=300)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING, db_index=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["facility", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="incubation_booking_positive"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.facility} {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("incubation:booking_detail", args=[self.pk])

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600
