"""Dynamic update of the library (000 §5.2.1.2.6): holders confirm or refresh their entries periodically;
entries nobody confirms become stale and are retired."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achievements.models import Achievement
from platform_core.fields import EncryptedJSONField


class LibrarySettings(models.Model):
    """The library's settings (one row, pk=1), edited by staff in the web admin."""

    confirm_every_months = models.PositiveSmallIntegerField(
        _("ask holders to confirm every (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    grace_days = models.PositiveSmallIntegerField(
        _("days to answer before the entry is marked stale"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    retire_after_days = models.PositiveSmallIntegerField(
        _("days an entry may stay stale before it is retired"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    system_actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("account recorded for automatic retirements"),
        help_text=_("A staff account; when empty, the first active platform administrator is used."),
    )

    class Meta:
        verbose_name = _("library settings")
        verbose_name_plural = _("library settings")

    def __str__(self) -> str:
        return str(_("Library settings"))

    CACHE_KEY = "library:settings"

    def save(self, *args, **kwargs):
        from django.core.cache import cache

        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @classmethod
    def load(cls) -> LibrarySettings:
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    @classmethod
    def current(cls) -> LibrarySettings:
        """The settings, cached for a few minutes (read on every library page)."""
        from django.core.cache import cache

        obj = cache.get(cls.CACHE_KEY)
        if obj is None:
            obj = cls.load()
            cache.set(cls.CACHE_KEY, obj, 300)
        return obj


class EntryFreshness(models.Model):
    """The update cycle of one library entry."""

    class State(models.TextChoices):
        CURRENT = "current", _("Up to date")
        DUE = "due", _("Confirmation requested")
        STALE = "stale", _("Stale")
        RETIRED = "retired", _("Retired")

    achievement = models.OneToOneField(
        Achievement,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="freshness",
        verbose_name=_("achievement"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.CURRENT)
    confirmed_at = models.DateTimeField(_("last confirmed at"), default=timezone.now)
    asked_at = models.DateTimeField(_("confirmation requested at"), null=True, blank=True)
    stale_at = models.DateTimeField(_("marked stale at"), null=True, blank=True)
    exempt_until = models.DateField(
        _("no reminders until"),
        null=True,
        blank=True,
        help_text=_("Set by staff to keep an entry in the library without reminders until this date."),
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("entry update cycle")
        verbose_name_plural = _("entry update cycles")
        ordering = ["confirmed_at"]
        indexes = [models.Index(fields=["state", "confirmed_at"], name="library_fresh_state")]

    def __str__(self) -> str:
        return f"{self.achievement_id}: {self.state}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("library:updates")


class RefreshProposal(models.Model):
    """Content a holder refreshed on a published entry; goes live after a light staff review."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    # the public-facing fields a holder may refresh on a published entry
    FIELDS = Achievement.REFRESHABLE_FIELDS

    achievement = models.ForeignKey(
        Achievement, on_delete=models.CASCADE, related_name="refresh_proposals", verbose_name=_("achievement")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("proposed by")
    )
    # encrypted at rest like the record's own sections (they may hold registered-only text)
    changes = EncryptedJSONField(_("changes"), default=dict)
    previous = EncryptedJSONField(_("previous values"), default=dict, blank=True)
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    review_note = models.CharField(_("review note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("refresh proposal")
        verbose_name_plural = _("refresh proposals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["achievement"],
                condition=models.Q(state="submitted"),
                name="library_refresh_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.achievement_id} ({self.state})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("library:proposal", args=[self.pk])
