from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.attachments.models import Attachment
from platform_core.attachments.services import attachment_set_locked
from platform_core.attachments.validation import validate_upload
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.reports.models import ReportRecord
from platform_core.reports.services import report_set_locked

from .models import ArchiveEntry, ArchiveSequence, DocumentType, add_years
from .permissions import can_manage_archive


def document_type_get(doc_type: str | DocumentType) -> DocumentType:
    if isinstance(doc_type, DocumentType):
        return doc_type
    found = DocumentType.objects.filter(code=doc_type).first()
    if found is None:
        raise ValidationFailed(_("Unknown document type: %(code)s") % {"code": doc_type}, code="bad_doc_type")
    return found


def archive_code_next(*, doc_type: DocumentType, year: int) -> str:
    """The next retrieval code ``<prefix>-<year>-<nnnn>``; the counter row is locked, so concurrent
    archivings of the same type and year get distinct numbers. Call inside a transaction."""
    sequence, _created = ArchiveSequence.objects.select_for_update().get_or_create(
        doc_type=doc_type, year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{doc_type.prefix}-{year}-{sequence.last:04d}"


@transaction.atomic
def archive_code_reserve(*, doc_type: str | DocumentType) -> str:
    """Take the next retrieval code of ``doc_type`` now, for a document that prints its own code and is
    archived later (``archive_document(code=...)``): the PDF carries the code it is filed under."""
    kind = document_type_get(doc_type)
    return archive_code_next(doc_type=kind, year=timezone.localtime().year)


@transaction.atomic
def archive_document(
    *,
    subject: models.Model | None,
    doc_type: str | DocumentType,
    title: str,
    archived_by: Any,
    report: ReportRecord | None = None,
    attachment: Attachment | None = None,
    file_bytes: bytes | None = None,
    filename: str | None = None,
    retention_years: int | None = None,
    subject_label: str = "",
    note: str = "",
    code: str = "",
) -> ArchiveEntry:
    """Register a document in the archive and lock its file against deletion until retention ends.

    Exactly one source: a finished ``report``, an ``attachment``, or ``file_bytes`` with ``filename``
    (validated like an upload and stored as the archive's own copy). ``code``: one reserved earlier with
    ``archive_code_reserve`` for this document type (a fresh code is taken when empty).
    """
    sources = [s for s in (report, attachment, file_bytes) if s is not None]
    if len(sources) != 1:
        raise ValidationFailed(
            _("Archive exactly one document: a report, an attachment or a file."), code="archive_source"
        )
    kind = document_type_get(doc_type)
    if not kind.active:
        raise ValidationFailed(_("This document type is no longer used."), code="bad_doc_type")
    label = (subject_label or (str(subject) if subject is not None else "")).strip()[:300]
    if not label:
        raise ValidationFailed(_("Say what the document is about (the subject)."), code="no_subject")
    years = kind.retention_years if retention_years is None else int(retention_years)
    now = timezone.now()
    entry = ArchiveEntry(
        doc_type=kind,
        subject_label=label,
        title=title.strip()[:300],
        archived_by=archived_by if getattr(archived_by, "pk", None) else None,
        archived_at=now,
        retention_years=years,
        retain_until=add_years(timezone.localdate(now), years) if years > 0 else None,
        note=note,
    )
    if subject is not None:
        entry.content_type = ContentType.objects.get_for_model(subject)
        entry.object_id = subject.pk
    if report is not None:
        report = ReportRecord.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportRecord.Status.DONE or not report.file:
            raise ValidationFailed(_("Only a finished report can be archived."), code="report_not_done")
        entry.report = report
        entry.sha256, entry.size, entry.original_name = report.sha256, report.size, report.filename
    elif attachment is not None:
        attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
        entry.attachment = attachment
        entry.sha256, entry.size, entry.original_name = (
            attachment.sha256,
            attachment.size,
            attachment.original_name,
        )
    else:
        upload = ContentFile(file_bytes or b"", name=filename or "")
        checked = validate_upload(upload)
        entry.sha256, entry.size, entry.original_name = checked.sha256, checked.size, checked.name
        entry.file.save(f"archive.{checked.extension}", ContentFile(file_bytes), save=False)
    if code:
        if not code.startswith(f"{kind.prefix}-") or ArchiveEntry.objects.filter(code=code).exists():
            raise ValidationFailed(
                _("%(code)s is not a free retrieval code of this document type.") % {"code": code},
                code="bad_archive_code",
            )
        entry.code = code
    else:
        entry.code = archive_code_next(doc_type=kind, year=timezone.localtime(now).year)
    entry.full_clean()
    entry.save()
    if entry.report_id:
        report_set_locked(report_id=entry.report_id, locked=True)
    if entry.attachment_id:
        attachment_set_locked(attachment_id=entry.attachment_id, locked=True)
    return entry


@transaction.atomic
def archive_dispose(*, entry_id: int, actor: Any, reason: str, request: Any = None) -> None:
    """Dispose of (delete) an archived document whose retention has ended, with an audit row.

    The linked report or attachment is unlocked (when no other entry still holds it); the archive's
    own file copy is deleted.
    """
    from platform_core.audit.services import audit_event_record

    entry = ArchiveEntry.objects.select_for_update().select_related("doc_type").filter(pk=entry_id).first()
    if entry is None:
        raise NotFoundError(_("Archive entry not found."))
    if not can_manage_archive(actor):
        raise PermissionDeniedError(_("Only staff may dispose of archived documents."))
    if not (reason or "").strip():
        raise ValidationFailed(_("Give the reason for the disposal."), code="reason_required")
    if entry.is_retained():
        raise ConflictError(
            _("%(code)s is under retention until %(date)s and cannot be disposed of.")
            % {"code": entry.code, "date": entry.retain_until or _("permanently")},
            code="archive_retained",
        )
    audit_event_record(
        kind="archive_dispose",
        actor=actor,
        summary=f"{entry.code} {entry.title}"[:300],
        detail={
            "code": entry.code,
            "doc_type": entry.doc_type_id,
            "title": entry.title,
            "subject": entry.subject_label,
            "sha256": entry.sha256,
            "archived_at": entry.archived_at.isoformat(),
            "retain_until": entry.retain_until.isoformat() if entry.retain_until else None,
            "reason": reason.strip(),
        },
        target=entry,
        request=request,
    )
    report_id, attachment_id = entry.report_id, entry.attachment_id
    storage, name = entry.file.storage, entry.file.name
    entry.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    if report_id and not ArchiveEntry.objects.filter(report_id=report_id).exists():
        report_set_locked(report_id=report_id, locked=False)
    if attachment_id and not ArchiveEntry.objects.filter(attachment_id=attachment_id).exists():
        attachment_set_locked(attachment_id=attachment_id, locked=False)
