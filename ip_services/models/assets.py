from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from platform_core.fields import EncryptedTextField


class IpAsset(models.Model):
    """A patent, trademark or software copyright of a holder (5.5, 5.1.2.1.6, 5.2.1.2.4)."""

    class Kind(models.TextChoices):
        INVENTION = "invention", _("Invention patent")
        UTILITY_MODEL = "utility_model", _("Utility model patent")
        DESIGN = "design", _("Design patent")
        TRADEMARK = "trademark", _("Trademark")
        SOFTWARE_COPYRIGHT = "software_copyright", _("Software copyright")

    class Jurisdiction(models.TextChoices):
        CN = "CN", _("China")
        PCT = "PCT", _("PCT international application")
        OTHER = "other", _("Other country or region")

    class Status(models.TextChoices):
        PENDING = "pending", _("Application pending")
        PUBLISHED = "published", _("Application published")
        GRANTED = "granted", _("Granted or registered")
        REJECTED = "rejected", _("Rejected")
        LAPSED = "lapsed", _("Lapsed (fees unpaid)")
        EXPIRED = "expired", _("Term expired")
        ABANDONED = "abandoned", _("Withdrawn or abandoned")
        INVALIDATED = "invalidated", _("Declared invalid")

    PATENT_KINDS = (Kind.INVENTION, Kind.UTILITY_MODEL, Kind.DESIGN)
    LIVE_STATUSES = (Status.PENDING, Status.PUBLISHED, Status.GRANTED)

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(
        _("application or registration number"), max_length=60, blank=True, db_index=True
    )
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=10, choices=Jurisdiction.choices, default=Jurisdiction.CN
    )
    country = models.CharField(_("country or region"), max_length=60, blank=True)
    filing_date = models.DateField(_("filing date"), null=True, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    grant_date = models.DateField(_("grant or registration date"), null=True, blank=True)
    expiry_date = models.DateField(
        _("expiry date"),
        null=True,
        blank=True,
        help_text=_("Left empty, it is computed from the statutory term."),
    )
    expiry_entered = models.BooleanField(_("expiry date entered by hand"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    owners = models.CharField(
        _("right holders"), max_length=500, help_text=_("Separate several with commas.")
    )
    inventors = models.CharField(_("inventors or authors"), max_length=500, blank=True)
    claims_summary = EncryptedTextField(_("claims summary / scope of protection"), blank=True)
    trademark_classes = models.CharField(_("Nice classes"), max_length=100, blank=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ip_assets",
        verbose_name=_("holder on the platform"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ip_assets",
        verbose_name=_("organisation"),
    )
    achievements = models.ManyToManyField(
        "achievements.Achievement", blank=True, related_name="ip_assets", verbose_name=_("achievements")
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown with the achievement in the library.")
    )
    legacy_status_entry_id = models.PositiveBigIntegerField(
        _("converted from IP status entry"), null=True, blank=True, unique=True, editable=False
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("IP asset")
        verbose_name_plural = _("IP assets")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["holder", "kind"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("ip_services:asset_detail", args=[self.pk])

    @property
    def is_patent(self) -> bool:
        return self.kind in self.PATENT_KINDS


class IpDeadline(models.Model):
    """A fee or renewal deadline computed from the asset's dates (see :mod:`ip_services.deadlines`)."""

    class Kind(models.TextChoices):
        ANNUITY = "annuity", _("Annual fee")
        RENEWAL = "renewal", _("Trademark renewal")
        NATIONAL_PHASE = "national_phase", _("PCT national phase entry")

    class Status(models.TextChoices):
        OPEN = "open", _("Not yet done")
        DONE = "done", _("Done")
        WAIVED = "waived", _("Not pursued")

    asset = models.ForeignKey(
        IpAsset, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("asset")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    year_index = models.PositiveSmallIntegerField(_("fee year"), null=True, blank=True)
    due_date = models.DateField(_("due date"), db_index=True)
    window_opens = models.DateField(_("window opens"), null=True, blank=True)
    grace_until = models.DateField(_("late payment possible until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("done by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("IP deadline")
        verbose_name_plural = _("IP deadlines")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "kind", "due_date"], name="ip_deadline_once"),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.asset} · {self.label} · {self.due_date}"

    @property
    def label(self) -> str:
        if self.kind == self.Kind.ANNUITY and self.year_index:
            return _("Annual fee for year %(n)s") % {"n": self.year_index}
        return str(self.get_kind_display())


class DeadlineReminder(models.Model):
    """One reminder per deadline and offset: the unique constraint makes the reminder job idempotent."""

    deadline = models.ForeignKey(
        IpDeadline, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("deadline")
    )
    offset_days = models.PositiveSmallIntegerField(_("days before"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recipient"),
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "offset_days"], name="ip_reminder_once_per_offset")
        ]

    def __str__(self) -> str:
        return f"{self.deadline} −{self.offset_days}"
