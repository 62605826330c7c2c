from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed

from . import registry
from .models import Attachment
from .selectors import attachment_visible
from .validation import validate_upload


@transaction.atomic
def attachment_create(
    *,
    owner: models.Model,
    uploaded_file: Any,
    uploaded_by: Any,
    kind: str = "",
    allowed_extensions: Iterable[str] | None = None,
    max_bytes: int | None = None,
    note: str = "",
) -> Attachment:
    """Validate an uploaded file completely and store it under a server-generated name.

    The caller decides whether ``uploaded_by`` may attach files to ``owner``; this function decides
    whether the file is acceptable. Raises ValidationFailed naming the problem.
    """
    if owner is None or owner.pk is None:
        raise ValidationFailed(_("The record to attach the file to does not exist."), code="no_owner")
    checked = validate_upload(uploaded_file, allowed_extensions=allowed_extensions, max_bytes=max_bytes)
    uploaded_file.seek(0)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(owner),
        object_id=owner.pk,
        kind=kind or "",
        original_name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        detected_type=checked.detected_type,
        uploaded_by=uploaded_by if getattr(uploaded_by, "pk", None) else None,
        note=note or "",
    )
    # The storage name comes from upload_to (attachments/YYYY/MM/<uuid>.<ext>); only the extension is ours.
    attachment.file.save(f"upload.{checked.extension}", ContentFile(uploaded_file.read()), save=False)
    try:
        attachment.full_clean()
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    # A rolled-back transaction can leave the stored file without a row; it is unreachable (random name).
    return attachment


@transaction.atomic
def attachment_delete(*, attachment_id: int, actor: Any) -> None:
    """Delete an attachment: 404 if the actor may not see it, 409 if archived, 403 unless the owner's
    ``can_delete`` rule (default: uploader or staff) allows it."""
    attachment = Attachment.objects.select_for_update().filter(pk=attachment_id).first()
    if attachment is None or not attachment_visible(actor, attachment):
        raise NotFoundError(_("Attachment not found."))
    if attachment.locked:
        raise ConflictError(
            _("This attachment is archived and cannot be deleted before its retention period ends."),
            code="attachment_locked",
        )
    if not registry.can_delete_attachment(actor, attachment.owner, attachment):
        raise PermissionDeniedError(_("Only the uploader or staff may delete this attachment."))
    attachment.delete()


@transaction.atomic
def attachment_set_locked(*, attachment_id: int, locked: bool) -> None:
    """Used by the archive register: a locked attachment cannot be deleted."""
    # A technical flag, not a business state: a plain update is right here.
    Attachment.objects.filter(pk=attachment_id).update(locked=locked)
