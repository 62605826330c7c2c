"""The generic points scorecard engine (评价表 / 评分标准) — the API other apps use.

A **template** (``ScorecardTemplate``) is a tree of **criteria** (``Criterion``: ``code``, ``title``,
``max_points``, ``requirement`` = content requirement text, ``scoring_rule`` = scoring-rule text,
``is_bonus``). Panel members score the **leaf** criteria of a **ScorecardEvaluation** on their own
**ScorecardSheet** (one ``CriterionScore`` per leaf, ``0 ≤ points ≤ max_points``). The HTML screen is the
same score sheet as the achievement evaluation (autosave, version check, submit locks).

Totals and grades (pure functions, exact rules)
-----------------------------------------------
* A node's subtotal is its own points (leaf) or the sum of its children's subtotals, capped at its
  ``max_points``. A sheet's total = Σ subtotals of the non-bonus top-level criteria
  + min(Σ subtotals of the bonus criteria, template ``bonus_max``).
* The panel total is the mean (default), median or trimmed mean (``trim_proportion`` cut from each end,
  ``floor(k · p)`` sheets) of the **submitted** sheets' totals, rounded to 2 decimals (ROUND_HALF_UP).
* Grade bands are a list of ``(min_points, code, label)``; the total x gets the band with the largest
  ``min_points`` such that ``x ≥ min_points``. No rounding before comparing: 89.5 with bands
  (90 优秀, 80 合格, 0 不合格) is 合格. A total below every band gets ("", "").

Creating a template from a data migration
-----------------------------------------
::

    from evaluation.scorecards import scorecard_template_create_from_tree

    def forwards(apps, schema_editor):
        scorecard_template_create_from_tree(
            code="qi_platform_a1",
            name="质量基础设施“一站式”服务平台评价表",
            bonus_max=7,
            bands=[(90, "excellent", "优秀"), (80, "qualified", "合格"), (0, "unqualified", "不合格")],
            tree=[
                {"code": "A", "title": "基础建设", "max_points": 30, "children": [
                    {"code": "A1", "title": "组织机构", "max_points": 8,
                     "requirement": "组织机构和制度体系建设",
                     "children": [
                        {"code": "A1.1", "title": "组织机构成立", "max_points": 2,
                         "scoring_rule": "组织机构成立及成立文件齐全，2 分；……0 分。"},
                     ]},
                ]},
                {"code": "B", "title": "加分项", "max_points": 7, "is_bonus": True, "children": [...]},
            ],
            apps=apps,            # the migration's historical registry
        )

    class Migration(migrations.Migration):
        dependencies = [("evaluation", "0001_initial")]   # 0001 creates the scorecard tables

It is idempotent (update_or_create by template ``code`` and criterion ``code``; criteria missing from the
tree are deleted unless they already carry scores). ``is_bonus`` is inherited by children. Without
``apps`` it uses the live registry (tests, demo data).

Services (live models; keyword-only; each in a transaction)
-----------------------------------------------------------
* ``scorecard_evaluation_create(*, template, title, members, actor, subject=None, due_date=None,
  aggregation=None, trim_proportion=None, hide_others_until_submitted=True) -> ScorecardEvaluation``
  (state draft; one sheet per member; ``subject`` any model instance, e.g. quality_metrics' record)
* ``scorecard_member_add(*, evaluation_id, user, actor) -> ScorecardSheet``
* ``scorecard_evaluation_open(*, evaluation_id, actor)`` — draft → scoring, members notified
* ``scorecard_sheet_save(*, sheet_id, actor, version, scores, comment=None) -> ScorecardSheet`` —
  ``scores`` = ``{criterion_id: {"points": Decimal|str|None, "comment": str}}``; raises
  ``ConflictError`` (409, ``extra={"current": …}``) when ``version`` is stale, ``ValidationFailed`` (400)
  when points are outside ``0..max_points`` or the criterion is not a leaf of the template
* ``scorecard_sheet_submit(*, sheet_id, actor)`` — every leaf must be scored; locks the sheet
* ``scorecard_evaluation_close(*, evaluation_id, actor) -> ScorecardEvaluation`` — every sheet submitted;
  stores ``total``, ``grade``, ``grade_label``
* ``scorecard_result(evaluation) -> dict`` — per criterion means and per sheet totals (for reports)
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.errors import ConflictError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import record_initial, transition

TWO = Decimal("0.01")
Band = tuple[Decimal, str, str]


# --- pure computation -------------------------------------------------------------------------


def to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationFailed(_("“%(value)s” is not a number.") % {"value": value}, code="not_a_number")
    if not number.is_finite():
        raise ValidationFailed(_("“%(value)s” is not a number.") % {"value": value}, code="not_a_number")
    return number


def normalise_bands(bands: Iterable[Any]) -> list[dict]:
    """``[(90, "excellent", "优秀"), …]`` or dicts → ``[{"min": "90", "code": …, "label": …}]``, highest first."""
    out = []
    for band in bands:
        if isinstance(band, Mapping):
            minimum, code, label = band["min"], band["code"], band.get("label", band["code"])
        else:
            minimum, code, label = band
        out.append({"min": str(Decimal(str(minimum))), "code": str(code), "label": str(label)})
    out.sort(key=lambda b: Decimal(b["min"]), reverse=True)
    if len({b["code"] for b in out}) != len(out):
        raise ValidationFailed(_("Grade codes must be unique."), code="duplicate_grade")
    return out


def grade_for(total: Decimal | float | None, bands: Iterable[Any]) -> tuple[str, str]:
    """The band with the largest minimum such that total ≥ minimum (no rounding first)."""
    if total is None:
        return "", ""
    x = Decimal(str(total))
    for band in normalise_bands(bands):
        if x >= Decimal(band["min"]):
            return band["code"], band["label"]
    return "", ""


def aggregate(
    values: Sequence[Decimal], method: str = "mean", trim_proportion: Decimal | float = 0
) -> Decimal | None:
    """Mean, median or trimmed mean of the members' totals, rounded half-up to 2 decimals."""
    data = sorted(Decimal(str(v)) for v in values if v is not None)
    if not data:
        return None
    if method == "median":
        result = statistics.median(data)
    elif method == "trimmed_mean":
        cut = math.floor(len(data) * float(trim_proportion))
        kept = data[cut : len(data) - cut] if len(data) - 2 * cut > 0 else data
        result = sum(kept) / len(kept)
    else:
        result = sum(data) / len(data)
    return Decimal(result).quantize(TWO, rounding=ROUND_HALF_UP)


def tree_of(criteria: Iterable[Any]) -> tuple[list[Any], dict[int, list[Any]]]:
    """(roots, children by parent id) of a template's criteria, in order."""
    children: dict[int, list[Any]] = {}
    roots: list[Any] = []
    for c in sorted(criteria, key=lambda c: (c.order, c.pk)):
        if c.parent_id is None:
            roots.append(c)
        else:
            children.setdefault(c.parent_id, []).append(c)
    return roots, children


def sheet_total(
    criteria: Iterable[Any], points: Mapping[int, Decimal | None], bonus_max: Decimal
) -> tuple[Decimal, dict[int, Decimal]]:
    """(total, subtotal per criterion id) of one sheet; see the module docstring for the rule."""
    roots, children = tree_of(criteria)
    subtotals: dict[int, Decimal] = {}

    def walk(node: Any) -> Decimal:
        kids = children.get(node.pk, [])
        value = sum((walk(k) for k in kids), Decimal("0")) if kids else (points.get(node.pk) or Decimal("0"))
        value = min(value, Decimal(node.max_points))
        subtotals[node.pk] = value
        return value

    base = Decimal("0")
    bonus = Decimal("0")
    for root in roots:
        value = walk(root)
        if root.is_bonus:
            bonus += value
        else:
            base += value
    total = base + min(bonus, Decimal(bonus_max))
    return total.quantize(TWO, rounding=ROUND_HALF_UP), subtotals


def leaves_of(criteria: Iterable[Any]) -> list[Any]:
    items = list(criteria)
    parents = {c.parent_id for c in items if c.parent_id}
    return [c for c in sorted(items, key=lambda c: (c.order, c.pk)) if c.pk not in parents]


# --- creating templates (usable from data migrations) -------------------------------------------


def scorecard_template_create_from_tree(
    code: str,
    name: str,
    bonus_max: Any,
    bands: Iterable[Any],
    tree: Sequence[Mapping[str, Any]],
    *,
    description: str = "",
    aggregation: str = "mean",
    apps: Any = None,
) -> Any:
    """Create or update a template and its criteria from a nested tree; returns the template."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Template = apps.get_model("evaluation", "ScorecardTemplate")
    CriterionModel = apps.get_model("evaluation", "Criterion")
    CriterionScoreModel = apps.get_model("evaluation", "CriterionScore")
    template, _created = Template.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "bonus_max": Decimal(str(bonus_max)),
            "grade_bands": normalise_bands(bands),
            "description": description,
            "aggregation": aggregation,
        },
    )
    seen: set[str] = set()
    counter = [0]

    def create(nodes: Sequence[Mapping[str, Any]], parent: Any, bonus: bool) -> None:
        for node in nodes:
            counter[0] += 1
            node_code = str(node["code"])
            if node_code in seen:
                raise ValueError(f"duplicate criterion code {node_code!r} in template {code!r}")
            seen.add(node_code)
            is_bonus = bool(node.get("is_bonus", False)) or bonus
            obj, _c = CriterionModel.objects.update_or_create(
                template=template,
                code=node_code,
                defaults={
                    "parent": parent,
                    "title": node["title"],
                    "order": counter[0],
                    "max_points": Decimal(str(node["max_points"])),
                    "requirement": node.get("requirement", ""),
                    "scoring_rule": node.get("scoring_rule", ""),
                    "is_bonus": is_bonus,
                },
            )
            create(node.get("children", ()), obj, is_bonus)

    create(tree, None, False)
    stale = CriterionModel.objects.filter(template=template).exclude(code__in=seen)
    scored = set(
        CriterionScoreModel.objects.filter(criterion__in=stale).values_list("criterion_id", flat=True)
    )
    stale.exclude(pk__in=scored).delete()
    return template


# --- services ---------------------------------------------------------------------------------


def _models():
    from .models import CriterionScore, ScorecardEvaluation, ScorecardSheet

    return ScorecardEvaluation, ScorecardSheet, CriterionScore


@transaction.atomic
def scorecard_evaluation_create(
    *,
    template: Any,
    title: str,
    members: Iterable[Any],
    actor: Any,
    subject: Any = None,
    due_date: Any = None,
    aggregation: str | None = None,
    trim_proportion: Decimal | None = None,
    hide_others_until_submitted: bool = True,
    notes: str = "",
) -> Any:
    ScorecardEvaluation, ScorecardSheet, _cs = _models()
    evaluation = ScorecardEvaluation(
        template=template,
        title=title,
        aggregation=aggregation or template.aggregation,
        hide_others_until_submitted=hide_others_until_submitted,
        due_date=due_date,
        notes=notes,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if trim_proportion is not None:
        evaluation.trim_proportion = trim_proportion
    if subject is not None:
        evaluation.subject_type = ContentType.objects.get_for_model(subject)
        evaluation.subject_id = subject.pk
    evaluation.full_clean()
    evaluation.save()
    for member in members:
        ScorecardSheet.objects.get_or_create(evaluation=evaluation, member=member)
    record_initial(evaluation, actor=actor)
    return evaluation


@transaction.atomic
def scorecard_member_add(*, evaluation_id: int, user: Any, actor: Any) -> Any:
    ScorecardEvaluation, ScorecardSheet, _cs = _models()
    evaluation = ScorecardEvaluation.objects.select_for_update().get(pk=evaluation_id)
    if evaluation.state == ScorecardEvaluation.State.CLOSED:
        raise ValidationFailed(_("The evaluation is closed."), code="closed")
    sheet, created = ScorecardSheet.objects.get_or_create(evaluation=evaluation, member=user)
    if created:
        record_initial(sheet, actor=actor)
    return sheet


def scorecard_evaluation_open(*, evaluation_id: int, actor: Any) -> Any:
    ScorecardEvaluation, _s, _cs = _models()
    return transition(ScorecardEvaluation, evaluation_id, action="open", actor=actor)


def sheet_state(sheet: Any) -> dict:
    """The sheet as JSON (what the score-sheet screen and a 409 answer carry)."""
    return {
        "id": sheet.pk,
        "version": sheet.version,
        "state": sheet.state,
        "comment": sheet.comment,
        "overall_comment": sheet.comment,
        "total": str(sheet.total) if sheet.total is not None else None,
        "scores": {
            str(s.criterion_id): {
                "points": str(s.points) if s.points is not None else None,
                "comment": s.comment,
            }
            for s in sheet.scores.all()
        },
        "updated_at": sheet.updated_at.isoformat() if sheet.updated_at else None,
    }


@transaction.atomic
def scorecard_sheet_save(
    *,
    sheet_id: int,
    actor: Any,
    version: int,
    scores: Mapping[Any, Mapping[str, Any]],
    comment: str | None = None,
) -> Any:
    """Save a draft sheet (autosave). Optimistic locking: a stale ``version`` answers 409 with the current sheet."""
    ScorecardEvaluation, ScorecardSheet, CriterionScore = _models()
    sheet = (
        ScorecardSheet.objects.select_for_update()
        .select_related("evaluation__template")
        .filter(pk=sheet_id)
        .first()
    )
    if sheet is None:
        from platform_core.errors import NotFoundError

        raise NotFoundError(_("The record does not exist."))
    if sheet.member_id != getattr(actor, "pk", None):
        raise PermissionDeniedError(_("Only the panel member may fill in this sheet."))
    if sheet.state != ScorecardSheet.State.DRAFT:
        raise ConflictError(
            _("The sheet has been submitted and is locked."),
            code="locked",
            extra={"current": sheet_state(sheet)},
        )
    if sheet.evaluation.state != ScorecardEvaluation.State.SCORING:
        raise ConflictError(_("The evaluation is not open for scoring."), code="not_open")
    if int(version) != sheet.version:
        raise ConflictError(
            _("This sheet was changed elsewhere (another tab or device). Your changes were not saved."),
            code="version_conflict",
            extra={"current": sheet_state(sheet)},
        )
    template = sheet.evaluation.template
    leaves = {c.pk: c for c in leaves_of(template.criteria.all())}
    existing = {s.criterion_id: s for s in sheet.scores.all()}
    for key, item in scores.items():
        try:
            criterion = leaves[int(key)]
        except (KeyError, ValueError, TypeError):
            raise ValidationFailed(_("Unknown criterion %(id)s.") % {"id": key}, code="unknown_criterion")
        points = to_decimal(item.get("points"))
        if points is not None and not (Decimal("0") <= points <= criterion.max_points):
            raise ValidationFailed(
                _("“%(title)s”: points must lie between 0 and %(max)s.")
                % {"title": criterion.title, "max": criterion.max_points},
                code="out_of_bounds",
                extra={"criterion": criterion.pk},
            )
        row = existing.get(criterion.pk) or CriterionScore(sheet=sheet, criterion=criterion)
        row.points = points
        row.comment = str(item.get("comment", row.comment) or "")[:5000]
        row.full_clean()
        row.save()
        existing[criterion.pk] = row
    if comment is not None:
        sheet.comment = comment
    sheet.total, _sub = sheet_total(
        template.criteria.all(), {k: v.points for k, v in existing.items()}, template.bonus_max
    )
    sheet.version += 1
    sheet.full_clean()
    sheet.save()
    return sheet


@transaction.atomic
def scorecard_sheet_submit(*, sheet_id: int, actor: Any) -> Any:
    _e, ScorecardSheet, _cs = _models()
    sheet = ScorecardSheet.objects.select_related("evaluation__template").get(pk=sheet_id)
    leaves = leaves_of(sheet.evaluation.template.criteria.all())
    scored = {s.criterion_id for s in sheet.scores.all() if s.points is not None}
    missing = [c.title for c in leaves if c.pk not in scored]
    if missing:
        raise ValidationFailed(
            _("Score every item before submitting. Missing: %(items)s") % {"items": "、".join(missing[:5])},
            code="incomplete",
        )

    def stamp(obj: Any) -> None:
        obj.submitted_at = timezone.now()
        obj.version += 1

    return transition(ScorecardSheet, sheet_id, action="submit", actor=actor, apply=stamp)


@transaction.atomic
def scorecard_evaluation_close(*, evaluation_id: int, actor: Any) -> Any:
    ScorecardEvaluation, _s, _cs = _models()
    evaluation = ScorecardEvaluation.objects.select_related("template").get(pk=evaluation_id)
    totals = [s.total for s in evaluation.sheets.all() if s.state == "submitted"]
    total = aggregate(totals, evaluation.aggregation, evaluation.trim_proportion)
    grade, label = grade_for(total, evaluation.template.grade_bands)

    def fill(obj: Any) -> None:
        obj.total = total
        obj.grade = grade
        obj.grade_label = label
        obj.closed_at = timezone.now()

    return transition(ScorecardEvaluation, evaluation_id, action="close", actor=actor, apply=fill)


def scorecard_result(evaluation: Any) -> dict:
    """Per-criterion mean points over submitted sheets, per-sheet totals, the panel total and grade."""
    template = evaluation.template
    criteria = list(template.criteria.all())
    sheets = [
        s
        for s in evaluation.sheets.select_related("member").prefetch_related("scores")
        if s.state == "submitted"
    ]
    per_sheet = []
    sums: dict[int, list[Decimal]] = {}
    for sheet in sheets:
        total, subtotals = sheet_total(
            criteria, {s.criterion_id: s.points for s in sheet.scores.all()}, template.bonus_max
        )
        per_sheet.append({"member": str(sheet.member), "total": total, "subtotals": subtotals})
        for cid, value in subtotals.items():
            sums.setdefault(cid, []).append(value)
    means = {cid: (sum(v) / len(v)).quantize(TWO) for cid, v in sums.items() if v}
    total = aggregate([p["total"] for p in per_sheet], evaluation.aggregation, evaluation.trim_proportion)
    grade, label = grade_for(total, template.grade_bands)
    return {
        "sheets": per_sheet,
        "criterion_means": means,
        "total": total,
        "grade": grade,
        "grade_label": label,
    }
