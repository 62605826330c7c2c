"""Formal review (000 §6.1.2): immutable submission snapshots, itemised reasons, reassignments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core.fields import EncryptedJSONField

from .achievement import Achievement


class Submission(models.Model):
    """An immutable snapshot of the submission application form (成果提交申请表), one per (re)submission.

    ``data`` holds every field, every row and the attachment list (id, name, kind, sha256); it contains
    confidential content and is therefore encrypted as a whole.
    """

    class Kind(models.TextChoices):
        SUBMIT = "submit", _("Submission")
        RESUBMIT = "resubmit", _("Resubmission")
        PUBLISH = "publish", _("Published version")
        REFRESH = "refresh", _("Refreshed published version")

    achievement = models.ForeignKey(
        Achievement, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("achievement")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SUBMIT)
    data = EncryptedJSONField(_("snapshot"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("submission snapshot")
        verbose_name_plural = _("submission snapshots")
        ordering = ["achievement", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["achievement", "number"], name="achievements_submission_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.achievement_id} #{self.number}"

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.pop("_allow_update", False):
            raise RuntimeError("A submission snapshot is immutable.")
        super().save(*args, **kwargs)


class ReviewReason(models.Model):
    """One itemised reason of a return for supplement (or a refusal), pinned to a field or a material."""

    class TargetKind(models.TextChoices):
        FIELD = "field", _("Field")
        MATERIAL = "material", _("Material")
        GENERAL = "general", _("General")

    achievement = models.ForeignKey(
        Achievement, on_delete=models.CASCADE, related_name="review_reasons", verbose_name=_("achievement")
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="reasons", verbose_name=_("submission")
    )
    action = models.CharField(_("decision"), max_length=40, default="return_for_supplement")
    target_kind = models.CharField(
        _("target type"), max_length=20, choices=TargetKind.choices, default=TargetKind.GENERAL
    )
    target = models.CharField(_("target"), max_length=60, blank=True)
    text = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("given by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("review reason")
        verbose_name_plural = _("review reasons")
        ordering = ["submission", "id"]

    def __str__(self) -> str:
        return f"{self.target or self.target_kind}: {self.text[:40]}"


class ReviewAssignment(models.Model):
    """The log of who works the formal review of an achievement (assignment and reassignment)."""

    achievement = models.ForeignKey(
        Achievement, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("achievement")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    previous = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("previously assigned"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["achievement", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.achievement_id} → {self.assigned_to}"
