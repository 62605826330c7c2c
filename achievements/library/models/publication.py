"""Publication (000 §6.3.1): what staff chose when they put an achievement in the library."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achievements.models import Achievement


class PublicationSettings(models.Model):
    """One row per achievement that was ever published: the classification taken from the evaluation,
    the section levels staff confirmed, who published it, and why it was last taken out."""

    class Source(models.TextChoices):
        STAFF = "staff", _("Published by staff")
        IMPORT = "import", _("Bulk import")
        SYNC = "sync", _("Indexed from an earlier publication")

    achievement = models.OneToOneField(
        Achievement,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="publication",
        verbose_name=_("achievement"),
    )
    maturity = models.CharField(_("maturity at publication"), max_length=20, blank=True)
    trl = models.PositiveSmallIntegerField(_("TRL at publication"), null=True, blank=True)
    levels = models.JSONField(_("section levels at publication"), default=dict, blank=True)
    note = models.CharField(_("publication note"), max_length=500, blank=True)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.STAFF)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    unpublished_at = models.DateTimeField(_("taken out at"), null=True, blank=True)
    unpublish_reason = models.CharField(_("reason for taking out"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("publication settings")
        verbose_name_plural = _("publication settings")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return str(self.achievement_id)
