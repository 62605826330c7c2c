"""003 panel rules (§6.2), the scoring round on Table A.1, the report and the improvement loop (§8)."""

from __future__ import annotations

import pytest

from evaluation.scorecards import scorecard_sheet_save, scorecard_sheet_submit
from platform_core.errors import ConflictError, InvalidTransition, ValidationFailed
from platform_core.workflow.engine import transition
from quality_metrics.models import ImprovementAction, PlatformEvaluation
from quality_metrics.services import platform_evaluation as pe

QUALIFIED = {
    "intermediate_title": True,
    "management_knowledge": True,
    "trained": True,
    "impartial": True,
}


@pytest.fixture
def evaluation(users):
    return pe.platform_evaluation_create(actor=users["staff"], title="2025 年度平台评价", year=2025)


def add(evaluation, user, *, leader=False, hands_on=False, **overrides):
    fields = {**QUALIFIED, **overrides}
    return pe.panel_member_add(
        evaluation_id=evaluation.pk,
        actor=None,
        user=user,
        professional_title="高级工程师",
        expertise="technical",
        is_leader=leader,
        hands_on_experience=hands_on,
        **fields,
    )


@pytest.fixture
def panel_of_three(evaluation, users, make_user):
    add(evaluation, users["evaluator"], leader=True)
    add(evaluation, users["other_evaluator"])
    add(evaluation, make_user("panelist", ["evaluator"]), hands_on=True)
    return evaluation


def test_a_panel_of_four_is_refused(panel_of_three, make_user):
    add(panel_of_three, make_user("fourth", ["evaluator"]))
    problems = pe.panel_problems(panel_of_three)
    assert problems == ["评价小组人数应为奇数（现有 4 人）。"]
    with pytest.raises(ValidationFailed, match="奇数"):
        pe.evaluation_start_scoring(evaluation_id=panel_of_three.pk, actor=None)
    panel_of_three.refresh_from_db()
    assert (panel_of_three.state, panel_of_three.scorecard_id) == ("preparing", None)


def test_three_without_hands_on_experience_are_refused(evaluation, users, make_user):
    add(evaluation, users["evaluator"], leader=True)
    add(evaluation, users["other_evaluator"])
    add(evaluation, make_user("panelist", ["evaluator"]))
    assert pe.panel_problems(evaluation) == ["评价小组中至少应有一名具有服务平台运作实际工作经验的人员。"]
    with pytest.raises(ValidationFailed):
        pe.evaluation_start_scoring(evaluation_id=evaluation.pk, actor=None)
    # the bare engine refuses too (the API's transition endpoint cannot skip the rule)
    with pytest.raises(InvalidTransition):
        transition(PlatformEvaluation, evaluation.pk, action="start_scoring", actor=users["staff"])
    evaluation.refresh_from_db()
    assert evaluation.state == "preparing"


def test_too_few_unqualified_or_leaderless_panels_are_refused(evaluation, users):
    add(evaluation, users["evaluator"], hands_on=True, trained=False)
    problems = pe.panel_problems(evaluation)
    assert problems == [
        "评价小组人数不应少于3人（现有 1 人）。",
        "evaluator 不满足第6.2.2条的条件：缺少评价有关要求和方法的培训。",
        "应指定一名评价组组长（第6.2.3条）。",
    ]


def test_english_messages(evaluation, users):
    from django.utils import translation

    add(evaluation, users["evaluator"], leader=True)
    with translation.override("en"):
        problems = pe.panel_problems(evaluation)
    assert problems[0] == "The panel must have at least 3 members (it has 1)."


def _score_all(sheet, points_for):
    criteria = sheet.evaluation.template.criteria.all()
    parents = {c.parent_id for c in criteria if c.parent_id}
    leaves = [c for c in criteria if c.pk not in parents]
    scores = {c.pk: {"points": str(points_for(c)), "comment": ""} for c in leaves}
    sheet = scorecard_sheet_save(sheet_id=sheet.pk, actor=sheet.member, version=sheet.version, scores=scores)
    scorecard_sheet_submit(sheet_id=sheet.pk, actor=sheet.member)


def test_three_qualified_members_score_and_the_report_closes_the_loop(panel_of_three, users, settings):
    evaluation = pe.evaluation_start_scoring(evaluation_id=panel_of_three.pk, actor=users["staff"])
    assert evaluation.state == "scoring"
    sheets = list(evaluation.scorecard.sheets.select_related("evaluation__template", "member"))
    assert {s.member_id for s in sheets} == {m.user_id for m in evaluation.panel.all()}
    # two members give full marks except 5 points, one gives full marks and the whole bonus
    deductions = {"A1.1": 2, "A1.2": 2, "B2.3": 2}  # 6 points off, no bonus
    for i, sheet in enumerate(sheets):
        if i < 2:
            _score_all(sheet, lambda c: 0 if c.is_bonus else c.max_points - deductions.get(c.code, 0))
        else:
            _score_all(sheet, lambda c: c.max_points)
    with pytest.raises(ConflictError):
        pe.evaluation_issue_report(evaluation_id=evaluation.pk, actor=users["staff"])
    evaluation = pe.evaluation_finish_scoring(evaluation_id=evaluation.pk, actor=users["staff"])
    # sheets: 100 - 6 = 94, 94, 100 + 7 = 107 → mean 98.33
    assert str(evaluation.total) == "98.33"
    assert (evaluation.grade, evaluation.grade_label) == ("excellent", "优秀")
    with pytest.raises(InvalidTransition):
        pe.evaluation_issue_report(evaluation_id=evaluation.pk, actor=users["staff"])
    pe.evaluation_write_conclusions(
        evaluation_id=evaluation.pk,
        actor=users["staff"],
        overall_situation="运行规范。",
        problems="标准服务不全。",
    )
    pe.suggestion_add(
        evaluation_id=evaluation.pk, actor=users["staff"], text="补齐标准化科研服务", deadline_days=30
    )
    pe.suggestion_add(
        evaluation_id=evaluation.pk, actor=users["staff"], text="完善机构成立文件", deadline_days=10
    )
    evaluation = pe.evaluation_issue_report(
        evaluation_id=evaluation.pk, actor=users["staff"], owner=users["staff"]
    )
    actions = ImprovementAction.objects.filter(platform_evaluation=evaluation).order_by("deadline_days")
    assert [(a.source, a.deadline_days, a.owner_id) for a in actions] == [
        ("platform_evaluation", 10, users["staff"].pk),
        ("platform_evaluation", 30, users["staff"].pk),
    ]
    assert all(a.due_date > a.start_date for a in actions)
