"""Bulk import of existing catalogues from Excel, run in the background with progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        FAILED = "failed", _("Failed: nothing imported")
        DONE = "done", _("Imported")

    class Mode(models.TextChoices):
        ACCEPTED = "accepted", _("As accepted achievements")
        PUBLISHED = "published", _("As published library entries")

    file = models.FileField(_("file"), upload_to="library/imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    mode = models.CharField(_("import as"), max_length=20, choices=Mode.choices, default=Mode.PUBLISHED)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    phase = models.CharField(_("phase"), max_length=40, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("achievements created"), default=0)
    errors = models.JSONField(_("validation report"), default=list, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("imported by")
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    first_achievement_id = models.PositiveBigIntegerField(
        _("first achievement created"), null=True, blank=True
    )
    last_achievement_id = models.PositiveBigIntegerField(_("last achievement created"), null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.FAILED, self.State.DONE)

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None
