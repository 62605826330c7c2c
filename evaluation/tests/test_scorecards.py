"""The generic points scorecard engine: templates from trees, bounds, totals, bonus cap, grade bands,
optimistic locking, submission lock, hidden sheets, panel totals."""

from decimal import Decimal

import pytest

from evaluation.models import Criterion, CriterionScore, ScorecardSheet, ScorecardTemplate
from evaluation.scorecards import (
    aggregate,
    grade_for,
    leaves_of,
    scorecard_evaluation_close,
    scorecard_evaluation_create,
    scorecard_evaluation_open,
    scorecard_result,
    scorecard_sheet_save,
    scorecard_sheet_submit,
    scorecard_template_create_from_tree,
)
from platform_core.errors import ConflictError, InvalidTransition, PermissionDeniedError, ValidationFailed

from .conftest import BANDS_003, SMALL_TREE


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (Decimal("100"), "excellent"),
        (Decimal("90"), "excellent"),
        (Decimal("89.99"), "qualified"),
        (Decimal("89.5"), "qualified"),  # no rounding up before comparing
        (Decimal("80"), "qualified"),
        (Decimal("79.99"), "unqualified"),
        (Decimal("0"), "unqualified"),
    ],
)
def test_grade_bands_boundaries(total, grade):
    assert grade_for(total, BANDS_003)[0] == grade


def test_grade_below_every_band_and_label():
    assert grade_for(Decimal("10"), [(60, "pass", "通过")]) == ("", "")
    assert grade_for(Decimal("95"), BANDS_003) == ("excellent", "优秀")


def test_aggregate_methods():
    values = [Decimal("70"), Decimal("80"), Decimal("81"), Decimal("82"), Decimal("100")]
    assert aggregate(values, "mean") == Decimal("82.60")
    assert aggregate(values, "median") == Decimal("81.00")
    # trimmed 20 %: floor(5 × 0.2) = 1 cut at each end → mean(80, 81, 82) = 81
    assert aggregate(values, "trimmed_mean", Decimal("0.2")) == Decimal("81.00")
    assert aggregate([], "mean") is None


def test_template_from_tree_is_idempotent_and_inherits_bonus(small_template):
    assert small_template.bonus_max == Decimal("7")
    assert [b["code"] for b in small_template.grade_bands] == ["excellent", "qualified", "unqualified"]
    count = Criterion.objects.filter(template=small_template).count()
    assert count == 9
    again = scorecard_template_create_from_tree(
        code="test_card", name="测试评价表", bonus_max=7, bands=BANDS_003, tree=SMALL_TREE
    )
    assert again.pk == small_template.pk
    assert Criterion.objects.filter(template=small_template).count() == count
    assert Criterion.objects.get(template=small_template, code="C1").is_bonus
    leaves = [c.code for c in leaves_of(small_template.criteria.all())]
    assert leaves == ["A1.1", "A1.2", "A2", "B", "C1", "C2"]


@pytest.fixture
def card(small_template, users):
    evaluation = scorecard_evaluation_create(
        template=small_template,
        title="2026 年度平台评价",
        members=[users["evaluator"], users["other_evaluator"], users["staff"]],
        actor=users["staff"],
    )
    scorecard_evaluation_open(evaluation_id=evaluation.pk, actor=users["staff"])
    return evaluation


def _ids(template):
    return {c.code: c.pk for c in template.criteria.all()}


def _full(template, **points):
    ids = _ids(template)
    return {ids[code]: {"points": value, "comment": f"{code} 说明"} for code, value in points.items()}


def test_sheet_totals_with_bonus_cap(card, users, small_template):
    sheet = card.sheets.get(member=users["evaluator"])
    scores = _full(small_template, **{"A1.1": 2, "A1.2": 3, "A2": 4, "B": "80.5", "C1": 5, "C2": 4})
    sheet = scorecard_sheet_save(sheet_id=sheet.pk, actor=users["evaluator"], version=1, scores=scores)
    # base 2 + 3 + 4 + 80.5 = 89.5; bonus 9 capped at 7 → 96.5
    assert sheet.total == Decimal("96.50")
    assert sheet.version == 2


def test_points_out_of_bounds_are_refused_and_nothing_changes(card, users, small_template):
    sheet = card.sheets.get(member=users["evaluator"])
    ids = _ids(small_template)
    with pytest.raises(ValidationFailed):
        scorecard_sheet_save(
            sheet_id=sheet.pk,
            actor=users["evaluator"],
            version=1,
            scores={ids["A1.1"]: {"points": 1}, ids["A2"]: {"points": "4.5"}},
        )
    sheet.refresh_from_db()
    assert sheet.version == 1
    assert not CriterionScore.objects.filter(sheet=sheet).exists()
    with pytest.raises(ValidationFailed):  # a parent is not scored directly
        scorecard_sheet_save(
            sheet_id=sheet.pk, actor=users["evaluator"], version=1, scores={ids["A"]: {"points": 1}}
        )
    with pytest.raises(ValidationFailed):
        scorecard_sheet_save(
            sheet_id=sheet.pk, actor=users["evaluator"], version=1, scores={ids["A2"]: {"points": "x"}}
        )


def test_stale_version_gets_409_with_current_values(card, users, small_template):
    sheet = card.sheets.get(member=users["evaluator"])
    ids = _ids(small_template)
    # tab 1 and tab 2 both loaded version 1; tab 1 saves first
    scorecard_sheet_save(
        sheet_id=sheet.pk, actor=users["evaluator"], version=1, scores={ids["A2"]: {"points": 4}}
    )
    with pytest.raises(ConflictError) as exc:
        scorecard_sheet_save(
            sheet_id=sheet.pk, actor=users["evaluator"], version=1, scores={ids["A2"]: {"points": 1}}
        )
    assert exc.value.status_code == 409
    current = exc.value.extra["current"]
    assert current["version"] == 2
    assert current["scores"][str(ids["A2"])]["points"] == "4.00"
    assert CriterionScore.objects.get(sheet=sheet, criterion_id=ids["A2"]).points == Decimal("4")


def test_only_the_member_fills_the_sheet(card, users, small_template):
    sheet = card.sheets.get(member=users["evaluator"])
    ids = _ids(small_template)
    with pytest.raises(PermissionDeniedError):
        scorecard_sheet_save(
            sheet_id=sheet.pk, actor=users["other_evaluator"], version=1, scores={ids["A2"]: {"points": 4}}
        )
    assert not CriterionScore.objects.filter(sheet=sheet).exists()


def test_submit_needs_every_item_and_locks(card, users, small_template):
    sheet = card.sheets.get(member=users["evaluator"])
    ids = _ids(small_template)
    scorecard_sheet_save(
        sheet_id=sheet.pk, actor=users["evaluator"], version=1, scores={ids["A2"]: {"points": 4}}
    )
    with pytest.raises(ValidationFailed):
        scorecard_sheet_submit(sheet_id=sheet.pk, actor=users["evaluator"])
    scores = _full(small_template, **{"A1.1": 2, "A1.2": 4, "A2": 4, "B": 80, "C1": 0, "C2": 0})
    scorecard_sheet_save(sheet_id=sheet.pk, actor=users["evaluator"], version=2, scores=scores)
    scorecard_sheet_submit(sheet_id=sheet.pk, actor=users["evaluator"])
    sheet.refresh_from_db()
    assert sheet.state == ScorecardSheet.State.SUBMITTED
    with pytest.raises(ConflictError):
        scorecard_sheet_save(
            sheet_id=sheet.pk,
            actor=users["evaluator"],
            version=sheet.version,
            scores={ids["A2"]: {"points": 0}},
        )
    assert CriterionScore.objects.get(sheet=sheet, criterion_id=ids["A2"]).points == Decimal("4")


def test_other_sheets_hidden_until_own_submitted(card, users, small_template):
    mine = card.sheets.get(member=users["evaluator"])
    theirs = card.sheets.get(member=users["other_evaluator"])
    evaluator = users["evaluator"]
    assert evaluator.has_perm("evaluation.view_scorecard_sheet", mine)
    assert not evaluator.has_perm("evaluation.view_scorecard_sheet", theirs)
    assert users["staff"].has_perm("evaluation.view_scorecard_sheet", theirs)
    assert not users["holder"].has_perm("evaluation.view_scorecard_sheet", mine)
    scores = _full(small_template, **{"A1.1": 2, "A1.2": 4, "A2": 4, "B": 80, "C1": 0, "C2": 0})
    scorecard_sheet_save(sheet_id=mine.pk, actor=evaluator, version=1, scores=scores)
    scorecard_sheet_submit(sheet_id=mine.pk, actor=evaluator)
    evaluator = type(evaluator).objects.get(pk=evaluator.pk)
    theirs = ScorecardSheet.objects.get(pk=theirs.pk)
    assert evaluator.has_perm("evaluation.view_scorecard_sheet", theirs)


def test_close_needs_all_sheets_and_grades_the_mean(card, users, small_template):
    members = ["evaluator", "other_evaluator", "staff"]
    b_points = {"evaluator": 70, "other_evaluator": 73, "staff": 75}
    with pytest.raises(InvalidTransition):
        scorecard_evaluation_close(evaluation_id=card.pk, actor=users["staff"])
    for key in members:
        sheet = card.sheets.get(member=users[key])
        scores = _full(
            small_template, **{"A1.1": 2, "A1.2": 4, "A2": 4, "B": b_points[key], "C1": 0, "C2": 0}
        )
        scorecard_sheet_save(sheet_id=sheet.pk, actor=users[key], version=1, scores=scores)
        scorecard_sheet_submit(sheet_id=sheet.pk, actor=users[key])
    closed = scorecard_evaluation_close(evaluation_id=card.pk, actor=users["staff"])
    # totals 80, 83, 85 → mean 82.67 → 合格
    assert closed.total == Decimal("82.67")
    assert (closed.grade, closed.grade_label) == ("qualified", "合格")
    result = scorecard_result(closed)
    assert result["total"] == Decimal("82.67")
    assert len(result["sheets"]) == 3


def test_default_data_exists_after_migrate(db):
    from evaluation.models import IndicatorSystem, TrlScale

    system = IndicatorSystem.objects.get(is_default=True)
    assert system.state == "active"
    names = set(system.indicators.values_list("name", flat=True))
    for name in [
        "临床需求",
        "效用提升度",
        "操作便利度",
        "临床成本",
        "市场规模",
        "市场趋势",
        "商业化潜力",
        "技术创新性",
        "技术成熟度",
        "项目成熟度",
        "系统适配性",
        "知识产权布局",
        "知识产权质量",
        "侵权风险",
        "团队组成",
        "团队基础",
        "团队分工",
    ]:
        assert name in names
    assert set(TrlScale.objects.values_list("code", flat=True)) == {"gbt22900", "mcm-drugs", "mcm-devices"}
    assert all(s.levels.count() == 9 for s in TrlScale.objects.all())
    assert ScorecardTemplate.objects.count() >= 0
