from __future__ import annotations

import hashlib
import logging
import traceback
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed

from .models import ReportRecord
from .pdf import render_pdf_document
from .selectors import report_visible

logger = logging.getLogger(__name__)
Status = ReportRecord.Status


def _builder(path: str) -> Callable[[Any], dict]:
    try:
        builder = import_string(path)
    except ImportError as exc:
        raise ValidationFailed(
            _("Unknown report context builder: %(path)s") % {"path": path}, code="bad_builder"
        ) from exc
    if not callable(builder):
        raise ValidationFailed(
            _("Unknown report context builder: %(path)s") % {"path": path}, code="bad_builder"
        )
    return builder


def _create(*, subject, kind, title, template_name, context_builder, requested_by) -> ReportRecord:
    if subject is None or subject.pk is None:
        raise ValidationFailed(_("The report's subject does not exist."), code="no_subject")
    _builder(context_builder)
    from django.template.loader import get_template

    get_template(template_name)  # fail now, not in the worker
    report = ReportRecord(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        kind=kind,
        title=title,
        template_name=template_name,
        context_builder=context_builder,
        requested_by=requested_by if getattr(requested_by, "pk", None) else None,
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_request(
    *,
    subject: models.Model,
    kind: str,
    title: str,
    template_name: str,
    context_builder: str,
    requested_by: Any,
) -> ReportRecord:
    """Queue a PDF report about ``subject``; the Celery task renders it after commit.

    ``context_builder`` is the dotted path of a function ``(subject) -> dict`` so that the task can rebuild
    the template context from ids alone.
    """
    report = _create(
        subject=subject,
        kind=kind,
        title=title,
        template_name=template_name,
        context_builder=context_builder,
        requested_by=requested_by,
    )
    from .tasks import report_render

    transaction.on_commit(lambda: report_render.delay(report_id=report.pk))
    return report


def report_render_now(
    *,
    subject: models.Model,
    kind: str,
    title: str,
    template_name: str,
    context_builder: str,
    requested_by: Any = None,
) -> ReportRecord:
    """Create and render a report synchronously (tests, management commands)."""
    with transaction.atomic():
        report = _create(
            subject=subject,
            kind=kind,
            title=title,
            template_name=template_name,
            context_builder=context_builder,
            requested_by=requested_by,
        )
    report_render(report_id=report.pk)
    report.refresh_from_db()
    return report


def _set(report_id: int, **fields) -> None:
    # Technical job status and progress: a direct update is right (see ReportRecord's docstring).
    ReportRecord.objects.filter(pk=report_id).update(**fields)


def report_render(*, report_id: int) -> ReportRecord | None:
    """Render one report. Idempotent: a done report is left alone; a queued, failed or interrupted one
    (a redelivered task after a worker died) is rendered again."""
    with transaction.atomic():
        report = ReportRecord.objects.select_for_update().filter(pk=report_id).first()
        if report is None or report.status == Status.DONE:
            return report
        report.status, report.progress, report.error = Status.RUNNING, 5, ""
        report.started_at, report.finished_at = timezone.now(), None
        report.save(update_fields=["status", "progress", "error", "started_at", "finished_at"])
    try:
        subject = report.subject
        if subject is None:
            raise ValidationFailed(_("The report's subject no longer exists."), code="no_subject")
        context = dict(_builder(report.context_builder)(subject))
        context.setdefault("title", report.title)
        context.setdefault("report", report)
        _set(report_id, progress=30)
        rendered = render_pdf_document(report.template_name, context)
        _set(report_id, progress=90)
        digest = hashlib.sha256(rendered.content).hexdigest()
        with transaction.atomic():
            report = ReportRecord.objects.select_for_update().get(pk=report_id)
            old_name = report.file.name
            report.file.save("report.pdf", ContentFile(rendered.content), save=False)
            report.sha256 = digest
            report.pages = rendered.pages
            report.size = len(rendered.content)
            report.status, report.progress, report.finished_at = Status.DONE, 100, timezone.now()
            report.save(
                update_fields=["file", "sha256", "pages", "size", "status", "progress", "finished_at"]
            )
            if old_name and old_name != report.file.name:
                report.file.storage.delete(old_name)
    except Exception as exc:  # noqa: BLE001 - any failure is recorded on the job, then re-raised if eager debugging
        logger.warning("Report %s failed: %s", report_id, traceback.format_exc())
        message = str(getattr(exc, "message", "") or exc) or exc.__class__.__name__
        _set(report_id, status=Status.FAILED, error=message[:2000], finished_at=timezone.now())
        report.refresh_from_db()
        return report
    return report


@transaction.atomic
def report_retry(*, report_id: int, actor: Any) -> ReportRecord:
    """Queue a failed report again (its requester or staff)."""
    report = ReportRecord.objects.select_for_update().filter(pk=report_id).first()
    if report is None or not report_visible(actor, report):
        raise NotFoundError(_("Report not found."))
    if not (is_staff_member(actor) or report.requested_by_id == actor.pk):
        raise PermissionDeniedError(_("Only the requester or staff may retry this report."))
    if report.status != Status.FAILED:
        raise ConflictError(_("Only a failed report can be retried."), code="not_failed")
    _set(report.pk, status=Status.QUEUED, progress=0, error="")
    from .tasks import report_render as task

    transaction.on_commit(lambda: task.delay(report_id=report.pk))
    report.refresh_from_db()
    return report


@transaction.atomic
def report_set_locked(*, report_id: int, locked: bool) -> None:
    """Used by the archive register: a locked report cannot be deleted."""
    ReportRecord.objects.filter(pk=report_id).update(locked=locked)
