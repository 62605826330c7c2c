"""Access to confidential sections (000 §5.2.1.2.8), favourites and behaviour events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achievements.models import Achievement


class AccessRequest(models.Model):
    """An enterprise asks the holder for confidential sections; the holder grants or denies; a grant can
    be revoked. Every step is a transition (the log is the audit trail)."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        GRANTED = "granted", _("Granted")
        DENIED = "denied", _("Denied")
        REVOKED = "revoked", _("Revoked")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATES = (State.REQUESTED, State.GRANTED)

    achievement = models.ForeignKey(
        Achievement, on_delete=models.CASCADE, related_name="access_requests", verbose_name=_("achievement")
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="library_access_requests",
        verbose_name=_("requester"),
    )
    all_confidential = models.BooleanField(_("all confidential sections"), default=True)
    sections = models.JSONField(_("sections"), default=list, blank=True)
    message = models.TextField(_("purpose of the request"), max_length=2000)
    response = models.TextField(_("holder's answer"), blank=True, max_length=2000)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.REQUESTED)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["requester", "state"], name="library_access_requester"),
            models.Index(fields=["achievement", "state"], name="library_access_achievement"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["achievement", "requester"],
                condition=models.Q(state__in=["requested", "granted"]),
                name="library_access_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.achievement_id}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("library:access_request", args=[self.pk])

    def covers(self, section: str) -> bool:
        return self.state == self.State.GRANTED and (
            self.all_confidential or section in (self.sections or [])
        )


class Favourite(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="library_favourites",
        verbose_name=_("user"),
    )
    achievement = models.ForeignKey(
        Achievement, on_delete=models.CASCADE, related_name="favourites", verbose_name=_("achievement")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("favourite")
        verbose_name_plural = _("favourites")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "achievement"], name="library_favourite_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ♥ {self.achievement_id}"


class BehaviourEvent(models.Model):
    """What people do in the library (5.2.1.2.7): written in bulk from a buffer, never on the request path."""

    class Kind(models.TextChoices):
        VIEW = "view", _("Viewed")
        SEARCH = "search", _("Searched")
        FAVOURITE = "favourite", _("Saved as favourite")
        ACCESS_REQUEST = "access_request", _("Requested confidential details")
        INQUIRY = "inquiry", _("Sent an inquiry")
        EXPORT = "export", _("Exported")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # no database constraints on the references: events are written later in bulk, and an event about a
    # user or achievement deleted meanwhile must not make the whole batch fail
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
        db_constraint=False,
    )
    achievement = models.ForeignKey(
        Achievement,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("achievement"),
        db_constraint=False,
    )
    query = models.CharField(_("search words"), max_length=200, blank=True)
    technical_field = models.ForeignKey(
        "achievements.TechnicalField",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("technical field"),
        db_constraint=False,
    )
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    results = models.PositiveIntegerField(_("results"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("behaviour event")
        verbose_name_plural = _("behaviour events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "kind", "-created_at"], name="library_event_user"),
            models.Index(fields=["kind", "-created_at"], name="library_event_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id or '-'} {self.achievement_id or self.query}"
