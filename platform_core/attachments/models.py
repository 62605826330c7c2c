from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core.errors import ConflictError


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    """A server-generated storage path; only the (validated) extension of the client's name survives."""
    suffix = ""
    if "." in filename:
        candidate = filename.rsplit(".", 1)[1].lower()
        if candidate.isascii() and candidate.isalnum() and len(candidate) <= 8:
            suffix = f".{candidate}"
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class AttachmentQuerySet(models.QuerySet):
    def delete(self):
        if self.filter(locked=True).exists():
            raise ConflictError(_("An archived attachment cannot be deleted."), code="attachment_locked")
        return super().delete()


class Attachment(models.Model):
    """A validated file owned by any record (generic relation)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("owner type"))
    object_id = models.PositiveBigIntegerField(_("owner id"))
    owner = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=80, blank=True, db_index=True)
    original_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    detected_type = models.CharField(_("detected type"), max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # Set by the archive register: an archived file cannot be deleted until its retention ends.
    locked = models.BooleanField(_("archived (locked)"), default=False)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.original_name

    def delete(self, *args, **kwargs):
        if self.locked:
            raise ConflictError(_("An archived attachment cannot be deleted."), code="attachment_locked")
        storage, name = self.file.storage, self.file.name
        result = super().delete(*args, **kwargs)
        if name:
            storage.delete(name)
        return result

    @property
    def extension(self) -> str:
        return self.original_name.rsplit(".", 1)[-1].lower() if "." in self.original_name else ""

    def get_download_url(self) -> str:
        from django.urls import reverse

        return reverse("attachments:download", args=[self.pk])
