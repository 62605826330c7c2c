"""The evaluation report and the experts' score-sheet PDFs, and their archiving with retrieval codes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from evaluation.models import Evaluation, ScoreSheet
from platform_core.errors import ConflictError, NotFoundError
from platform_core.reports.models import ReportRecord
from platform_core.reports.selectors import latest_report
from platform_core.reports.services import report_render_now, report_request

REPORT_KIND = "evaluation_report"
SHEET_KIND = "score_sheet"


@transaction.atomic
def evaluation_report_request(*, evaluation_id: int, actor: Any) -> ReportRecord:
    """Queue the evaluation report (rendered by Celery; archived by ``evaluation_report_archive``)."""
    evaluation = Evaluation.objects.select_related("achievement").filter(pk=evaluation_id).first()
    if evaluation is None:
        raise NotFoundError(_("The record does not exist."))
    if evaluation.state not in (Evaluation.State.REVIEW, Evaluation.State.PASSED, Evaluation.State.FAILED):
        raise ConflictError(_("The report is written after scoring has closed."), code="too_early")
    closed = evaluation.state in (Evaluation.State.PASSED, Evaluation.State.FAILED)
    if closed:
        _reserve_report_code(evaluation.pk)
    report = report_request(
        subject=evaluation,
        kind=REPORT_KIND,
        title=f"{evaluation.achievement.name} 评估报告",
        template_name="reports/evaluation/report.html",
        context_builder="evaluation.reports.evaluation_report_context",
        requested_by=actor,
    )
    Evaluation.objects.filter(pk=evaluation.pk).update(report=report)
    if closed:
        from evaluation.tasks import evaluation_documents_archive

        transaction.on_commit(lambda: evaluation_documents_archive.delay(evaluation_id=evaluation.pk))
    return report


def _reserve_report_code(evaluation_id: int) -> str:
    """The final report's retrieval code, taken from the archive register when the evaluation closes so the
    PDF prints the code it is filed under (kept in ``report_code``; archived with it later)."""
    from platform_core.archive.services import archive_code_reserve

    with transaction.atomic():
        locked = Evaluation.objects.select_for_update().get(pk=evaluation_id)
        if not locked.report_code:
            locked.report_code = archive_code_reserve(doc_type="evaluation_report")
            Evaluation.objects.filter(pk=evaluation_id).update(report_code=locked.report_code)
        return locked.report_code


def _report_code_free(code: str) -> bool:
    from platform_core.archive.models import ArchiveEntry

    return bool(code) and not ArchiveEntry.objects.filter(code=code).exists()


@transaction.atomic
def score_sheet_pdf_request(*, sheet_id: int, actor: Any) -> ReportRecord:
    sheet = ScoreSheet.objects.select_related(
        "panel_member__evaluation__achievement", "panel_member__expert__user"
    ).get(pk=sheet_id)
    if sheet.state != ScoreSheet.State.SUBMITTED:
        raise ConflictError(_("Only a submitted sheet can be printed for signing."), code="not_submitted")
    return report_request(**_sheet_report_args(sheet), requested_by=actor)


def _sheet_report_args(sheet: ScoreSheet) -> dict[str, Any]:
    return {
        "subject": sheet,
        "kind": SHEET_KIND,
        "title": f"{sheet.panel_member.evaluation.achievement.name} 评分表（{sheet.panel_member.expert}）",
        "template_name": "reports/evaluation/score_sheet.html",
        "context_builder": "evaluation.reports.score_sheet_context",
    }


def evaluation_documents_archive(*, evaluation_id: int) -> bool:
    """Archive the finished report (and every submitted sheet's PDF, requested if missing). Idempotent;
    returns False while the report is still rendering (the task retries)."""
    from platform_core.archive.models import ArchiveEntry
    from platform_core.archive.services import archive_document

    evaluation = Evaluation.objects.select_related("achievement", "report").filter(pk=evaluation_id).first()
    if evaluation is None or evaluation.state not in (Evaluation.State.PASSED, Evaluation.State.FAILED):
        return True
    report = evaluation.report or latest_report(evaluation, REPORT_KIND)
    if report is None:
        return True
    if report.status != ReportRecord.Status.DONE:
        return report.status == ReportRecord.Status.FAILED
    with transaction.atomic():
        locked = Evaluation.objects.select_for_update().get(pk=evaluation_id)
        if not locked.report_code or _report_code_free(locked.report_code):  # not archived yet
            entry = ArchiveEntry.objects.filter(report=report).first() or archive_document(
                subject=locked,
                doc_type="evaluation_report",
                title=report.title,
                archived_by=report.requested_by,
                report=report,
                subject_label=f"{evaluation.achievement.name}（{evaluation.number}）",
                code=locked.report_code,
            )
            Evaluation.objects.filter(pk=evaluation_id).update(report_code=entry.code, report=report)
    if not getattr(settings, "EVALUATION_ARCHIVE_SCORE_SHEETS", True):
        return True
    sheets = list(
        ScoreSheet.objects.filter(panel_member__evaluation=evaluation, state=ScoreSheet.State.SUBMITTED)
    )
    for sheet in sheets:
        if latest_report(sheet, SHEET_KIND) is None:  # rendered here: this already runs in the worker
            report_render_now(**_sheet_report_args(sheet), requested_by=report.requested_by)
    pending = False
    for sheet in sheets:
        sheet_report = latest_report(sheet, SHEET_KIND)
        if sheet_report is None or sheet_report.status != ReportRecord.Status.DONE:
            pending = pending or sheet_report is None or sheet_report.status != ReportRecord.Status.FAILED
            continue
        if not ArchiveEntry.objects.filter(report=sheet_report).exists():
            archive_document(
                subject=sheet,
                doc_type="score_sheet",
                title=sheet_report.title,
                archived_by=report.requested_by,
                report=sheet_report,
                subject_label=f"{evaluation.achievement.name}（{evaluation.number}）",
            )
    return not pending


def evaluation_report_render_and_archive(*, evaluation_id: int, actor: Any) -> ReportRecord:
    """Render the report now and archive it (no sheet PDFs): used by the demo data and commands."""
    from platform_core.archive.services import archive_document

    evaluation = Evaluation.objects.select_related("achievement").get(pk=evaluation_id)
    code = _reserve_report_code(evaluation_id)
    report = report_render_now(
        subject=evaluation,
        kind=REPORT_KIND,
        title=f"{evaluation.achievement.name} 评估报告",
        template_name="reports/evaluation/report.html",
        context_builder="evaluation.reports.evaluation_report_context",
        requested_by=actor,
    )
    if report.status == ReportRecord.Status.DONE:
        entry = archive_document(
            subject=evaluation,
            doc_type="evaluation_report",
            title=report.title,
            archived_by=actor,
            report=report,
            subject_label=f"{evaluation.achievement.name}（{evaluation.number}）",
            code=code if _report_code_free(code) else "",
        )
        Evaluation.objects.filter(pk=evaluation.pk).update(report=report, report_code=entry.code)
    return report
