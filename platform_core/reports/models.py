from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core.errors import ConflictError


def report_upload_to(instance: ReportRecord, filename: str) -> str:
    return f"reports/{timezone.now():%Y}/{uuid.uuid4().hex}.pdf"


class ReportQuerySet(models.QuerySet):
    def delete(self):
        if self.filter(locked=True).exists():
            raise ConflictError(_("An archived report cannot be deleted."), code="report_locked")
        return super().delete()


class ReportRecord(models.Model):
    """One rendering of a PDF report about a subject record, with its file and checksum.

    ``status`` is the technical status of a background job (queued → running → done | failed), not a
    business workflow: nobody decides it, nothing is timed in working days against it, and it has no
    permissions per move. So the render task updates it directly instead of through the workflow engine.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Rendering")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("subject type"))
    object_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=80, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    template_name = models.CharField(_("template"), max_length=200)
    context_builder = models.CharField(_("context builder"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to=report_upload_to, max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Set by the archive register: an archived report cannot be deleted until its retention ends.
    locked = models.BooleanField(_("archived (locked)"), default=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("PDF report")
        verbose_name_plural = _("PDF reports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "kind"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.locked:
            raise ConflictError(_("An archived report cannot be deleted."), code="report_locked")
        storage, name = self.file.storage, self.file.name
        result = super().delete(*args, **kwargs)
        if name:
            storage.delete(name)
        return result

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def progress_step(self) -> int:
        """The progress rounded down to a multiple of 5 (CSS classes pct-0 … pct-100)."""
        return max(0, min(100, int(self.progress) // 5 * 5))

    @property
    def filename(self) -> str:
        safe = "".join(ch for ch in self.title if ch not in '\\/:*?"<>|\r\n\t').strip() or "report"
        return f"{safe[:120]}.pdf"

    def get_download_url(self) -> str:
        return reverse("reports:download", args=[self.pk])
