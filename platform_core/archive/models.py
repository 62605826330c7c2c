from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core.errors import ConflictError


def archive_upload_to(instance: ArchiveEntry, filename: str) -> str:
    suffix = ""
    if "." in filename:
        candidate = filename.rsplit(".", 1)[1].lower()
        if candidate.isascii() and candidate.isalnum() and len(candidate) <= 8:
            suffix = f".{candidate}"
    return f"archive/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"


def add_years(start: date, years: int) -> date:
    """``start`` plus whole years; 29 February falls back to 28 February in common years."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


class DocumentType(models.Model):
    """A kind of archived document with its retrieval-code prefix and default retention (staff-editable)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(
        _("code prefix"),
        max_length=10,
        unique=True,
        help_text=_("Upper-case letters that start every retrieval code of this type, e.g. PGBG."),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("retention (years)"), default=10, help_text=_("0 means kept permanently.")
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class ArchiveSequence(models.Model):
    """The last sequence number used per document type and year (locked with select_for_update)."""

    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, to_field="code", verbose_name=_("type")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("archive sequence")
        verbose_name_plural = _("archive sequences")
        constraints = [models.UniqueConstraint(fields=["doc_type", "year"], name="archive_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.doc_type_id} {self.year}: {self.last}"


class ArchiveEntryQuerySet(models.QuerySet):
    def under_retention(self, today: date | None = None) -> ArchiveEntryQuerySet:
        today = today or timezone.localdate()
        return self.filter(models.Q(retain_until__isnull=True) | models.Q(retain_until__gt=today))

    def delete(self):
        if self.under_retention().exists():
            raise ConflictError(
                _("Archived documents cannot be deleted before their retention period ends."),
                code="archive_retained",
            )
        return super().delete()


class ArchiveEntry(models.Model):
    """One archived document (DB1403/T 22 §6.4; 003 §8.5): retrieval code, type, subject, retention."""

    code = models.CharField(_("retrieval code"), max_length=40, unique=True)
    doc_type = models.ForeignKey(
        DocumentType,
        on_delete=models.PROTECT,
        to_field="code",
        related_name="entries",
        verbose_name=_("type"),
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("subject type")
    )
    object_id = models.PositiveBigIntegerField(_("subject id"), null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    subject_label = models.CharField(_("subject"), max_length=300)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=archive_upload_to, max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    report = models.ForeignKey(
        "reports.ReportRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="archive_entries",
        verbose_name=_("report"),
    )
    attachment = models.ForeignKey(
        "attachments.Attachment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="archive_entries",
        verbose_name=_("attachment"),
    )
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("archived by"),
    )
    archived_at = models.DateTimeField(_("archived at"), default=timezone.now, db_index=True)
    retention_years = models.PositiveSmallIntegerField(
        _("retention (years)"), help_text=_("0 means permanent.")
    )
    retain_until = models.DateField(_("retain until"), null=True, blank=True, db_index=True)
    note = models.TextField(_("note"), blank=True)

    objects = ArchiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("archive entry")
        verbose_name_plural = _("archive entries")
        ordering = ["-archived_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["doc_type", "archived_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("archive:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.is_retained():
            raise ConflictError(
                _("%(code)s is under retention until %(date)s and cannot be deleted.")
                % {"code": self.code, "date": self.retain_until or _("permanently")},
                code="archive_retained",
            )
        return super().delete(*args, **kwargs)

    def is_retained(self, today: date | None = None) -> bool:
        if self.retain_until is None:
            return True
        return self.retain_until > (today or timezone.localdate())

    @property
    def is_permanent(self) -> bool:
        return self.retention_years == 0

    def get_download_url(self) -> str:
        return reverse("archive:download", args=[self.pk])
