"""The PDF reports (quarterly quality report, platform evaluation report archived) and the service-star flow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from evaluation.models import ScorecardTemplate
from evaluation.scorecards import scorecard_sheet_save, scorecard_sheet_submit
from platform_core.errors import ConflictError, ValidationFailed
from quality_metrics import periods
from quality_metrics.models import EvaluationTrigger, PlatformEvaluation, QualityReport
from quality_metrics.services import platform_evaluation as pe
from quality_metrics.services import service_star as star_svc


def _submit_full_marks(sheet, minus: dict[str, Decimal] | None = None):
    minus = minus or {}
    criteria = list(sheet.evaluation.template.criteria.all())
    parents = {c.parent_id for c in criteria if c.parent_id}
    scores = {
        c.pk: {"points": str(c.max_points - minus.get(c.code, Decimal(0))), "comment": ""}
        for c in criteria
        if c.pk not in parents
    }
    sheet = scorecard_sheet_save(sheet_id=sheet.pk, actor=sheet.member, version=sheet.version, scores=scores)
    scorecard_sheet_submit(sheet_id=sheet.pk, actor=sheet.member)


def test_quarterly_quality_report_pdf(db, users):
    from platform_core.reports.services import report_render_now

    period = periods.Period("quarter", dt.date(2025, 1, 1))
    subject = QualityReport.objects.create(period_type=period.type, period_start=period.start)
    report = report_render_now(
        subject=subject,
        kind="quality_report",
        title="服务质量报告",
        template_name="reports/quality_metrics/quarterly.html",
        context_builder="quality_metrics.reports.quarterly_report_context",
        requested_by=users["staff"],
    )
    assert (report.status, report.error) == ("done", "")
    assert report.pages >= 2 and report.file.read(4) == b"%PDF"


def test_platform_evaluation_report_is_rendered_and_archived(users, make_user):
    staff = users["staff"]
    evaluation = pe.platform_evaluation_create(actor=staff, title="2025 年度平台评价", year=2025)
    people = [users["evaluator"], users["other_evaluator"], make_user("panelist", ["evaluator"])]
    for i, user in enumerate(people):
        pe.panel_member_add(
            evaluation_id=evaluation.pk,
            actor=staff,
            user=user,
            professional_title="高级工程师",
            expertise="technical",
            is_leader=i == 0,
            hands_on_experience=i == 2,
            intermediate_title=True,
            management_knowledge=True,
            trained=True,
            impartial=True,
        )
    evaluation = pe.evaluation_start_scoring(evaluation_id=evaluation.pk, actor=staff)
    for sheet in evaluation.scorecard.sheets.select_related("evaluation__template", "member"):
        _submit_full_marks(
            sheet, {"A2.1": Decimal(2), "B1.2": Decimal(4), "B3.2": Decimal(2), "C5.2": Decimal(3)}
        )
    evaluation = pe.evaluation_finish_scoring(evaluation_id=evaluation.pk, actor=staff)
    # 100 − (2 + 4 + 2 + 3) + the whole bonus (2 + 5) = 96
    assert (str(evaluation.total), evaluation.grade_label) == ("96.00", "优秀")
    pe.evaluation_write_conclusions(
        evaluation_id=evaluation.pk, actor=staff, overall_situation="良好", problems="无资质"
    )
    pe.suggestion_add(evaluation_id=evaluation.pk, actor=staff, text="申请资质认可", deadline_days=30)
    pe.evaluation_issue_report(evaluation_id=evaluation.pk, actor=staff)
    evaluation = pe.evaluation_render_and_archive(evaluation_id=evaluation.pk, actor=staff)
    assert evaluation.report.status == "done" and evaluation.report.pages >= 2
    assert evaluation.archive_code.startswith("PTPJ-")
    from platform_core.archive.models import ArchiveEntry

    entry = ArchiveEntry.objects.get(code=evaluation.archive_code)
    assert entry.doc_type_id == "platform_evaluation_report"
    # idempotent: rendering again keeps the archived report
    again = pe.evaluation_render_and_archive(evaluation_id=evaluation.pk, actor=staff)
    assert (again.report_id, again.archive_code) == (evaluation.report_id, evaluation.archive_code)


def test_a_trigger_starts_one_re_evaluation(users):
    staff = users["staff"]
    trigger = pe.trigger_record(
        actor=staff,
        kind=EvaluationTrigger.Kind.KEY_STAFF_CHANGE,
        occurred_on=dt.date(2026, 3, 1),
        description="主任更换",
    )
    evaluation = pe.evaluation_from_trigger(trigger_id=trigger.pk, actor=staff)
    assert (evaluation.reason, evaluation.trigger, evaluation.year) == ("trigger", trigger, 2026)
    with pytest.raises(ConflictError):
        pe.evaluation_from_trigger(trigger_id=trigger.pk, actor=staff)
    assert PlatformEvaluation.objects.count() == 1


def test_service_star_needs_the_basic_conditions_and_scores_on_its_template(users):
    staff = users["staff"]
    star = star_svc.service_star_create(
        actor=staff,
        title="评估服务提速",
        subject_name="评估服务团队",
        subject_kind="team",
        organization="平台",
        party="third",
        quality_literacy=True,
        service_innovation=True,
        service_performance=True,
        user_satisfaction=False,
    )
    with pytest.raises(ValidationFailed):
        star_svc.service_star_start_scoring(star_id=star.pk, actor=staff, members=[users["evaluator"]])
    type(star).objects.filter(pk=star.pk).update(user_satisfaction=True)
    star = star_svc.service_star_start_scoring(star_id=star.pk, actor=staff, members=[users["evaluator"]])
    for sheet in star.scorecard.sheets.select_related("evaluation__template", "member"):
        _submit_full_marks(sheet, {"S2.2": Decimal(5), "S3.3": Decimal(6)})
    star = star_svc.service_star_close(star_id=star.pk, actor=staff)
    assert (str(star.total), star.grade, star.grade_label) == ("89.00", "level_2", "二级（默认分级）")


def test_service_star_points_and_bands_are_configurable(users):
    template = star_svc.service_star_template_configure(
        actor=users["admin"],
        points={"S1.1": 20, "S1.2": 10},
        bands=[(85, "level_1", "一级（默认分级）"), (70, "level_2", "二级（默认分级）")],
    )
    background = template.criteria.get(code="S1")
    assert background.max_points == 30  # a parent is the sum of its items
    assert [b["min"] for b in ScorecardTemplate.objects.get(code="service_star_004").grade_bands] == [
        "85",
        "70",
    ]
    with pytest.raises(ValidationFailed):
        star_svc.service_star_template_configure(actor=users["admin"], points={"S1.1": -1}, bands=[])
