"""Score sheets: autosave with optimistic locking, submission (locks the sheet), staff reopening."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation.models import Evaluation, PanelMember, Score, ScoreSheet, SwotEntry
from evaluation.scorecards import to_decimal
from evaluation.selectors.aggregation import sheet_weighted_total
from evaluation.selectors.indicators import indicator_tree
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import transition

MAX_SWOT_POINTS = 20


def sheet_state(sheet: ScoreSheet) -> dict[str, Any]:
    """The sheet as JSON: what the page loads, what autosave returns and what a 409 carries."""
    swot: dict[str, list[str]] = {q: [] for q in SwotEntry.Quadrant.values}
    for entry in sorted(sheet.swot_entries.all(), key=lambda e: (e.quadrant, e.order, e.pk)):
        swot[entry.quadrant].append(entry.text)
    return {
        "id": sheet.pk,
        "version": sheet.version,
        "state": sheet.state,
        "trl_level": sheet.trl_level,
        "trl_evidence": sheet.trl_evidence,
        "overall_comment": sheet.overall_comment,
        "recommend": sheet.recommend,
        "weighted_total": str(sheet.weighted_total) if sheet.weighted_total is not None else None,
        "scores": {
            str(s.indicator_id): {
                "score": str(s.score) if s.score is not None else None,
                "comment": s.comment,
                "evidence": s.evidence,
            }
            for s in sheet.scores.all()
        },
        "swot": swot,
        "updated_at": sheet.updated_at.isoformat() if sheet.updated_at else None,
    }


def _locked_sheet(sheet_id: int) -> ScoreSheet:
    sheet = (
        ScoreSheet.objects.select_for_update(of=("self",))
        .select_related("panel_member__evaluation__indicator_system", "panel_member__expert")
        .filter(pk=sheet_id)
        .first()
    )
    if sheet is None:
        raise NotFoundError(_("The record does not exist."))
    return sheet


def _parse_bool(value: Any) -> bool | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ValidationFailed(_("“%(value)s” is not yes or no.") % {"value": value}, code="not_a_boolean")


@transaction.atomic
def score_sheet_save(
    *,
    sheet_id: int,
    actor: Any,
    version: int,
    scores: Mapping[Any, Mapping[str, Any]] | None = None,
    swot: Mapping[str, list[str]] | None = None,
    trl_level: Any = ...,
    trl_evidence: str | None = None,
    overall_comment: str | None = None,
    recommend: Any = ...,
) -> ScoreSheet:
    """Save the expert's draft (the autosave endpoint). A stale ``version`` answers 409 with the current
    sheet and changes nothing; out-of-range scores answer 400 and change nothing."""
    sheet = _locked_sheet(sheet_id)
    member = sheet.panel_member
    evaluation = member.evaluation
    if member.expert.user_id != getattr(actor, "pk", None):
        raise PermissionDeniedError(_("Only the expert may fill in his own score sheet."))
    if sheet.state != ScoreSheet.State.DRAFT:
        raise ConflictError(
            _("The sheet has been submitted and is locked."),
            code="locked",
            extra={"current": sheet_state(sheet)},
        )
    if evaluation.state != Evaluation.State.SCORING or member.state != PanelMember.State.ACTIVE:
        raise ConflictError(_("The evaluation is not open for scoring."), code="not_open")
    try:
        expected = int(version)
    except (TypeError, ValueError):
        raise ValidationFailed(_("The sheet version is missing."), code="version_required")
    if expected != sheet.version:
        raise ConflictError(
            _("This sheet was changed elsewhere (another tab or device). Your changes were not saved."),
            code="version_conflict",
            extra={"current": sheet_state(sheet)},
        )
    system = evaluation.indicator_system
    tree = indicator_tree(system)
    leaves = {leaf.pk: leaf.indicator for leaf in tree.leaves}
    existing = {s.indicator_id: s for s in sheet.scores.all()}
    for key, item in (scores or {}).items():
        try:
            indicator = leaves[int(key)]
        except (KeyError, ValueError, TypeError):
            raise ValidationFailed(_("Unknown indicator %(id)s.") % {"id": key}, code="unknown_indicator")
        if not isinstance(item, Mapping):
            raise ValidationFailed(_("Each score must be an object."), code="bad_score")
        row = existing.get(indicator.pk) or Score(sheet=sheet, indicator=indicator)
        if "score" in item:
            value = to_decimal(item.get("score"))
            if value is not None and not (Decimal("0") <= value <= system.score_max):
                raise ValidationFailed(
                    _("“%(name)s”: the score must lie between 0 and %(max)s.")
                    % {"name": indicator.name, "max": system.score_max},
                    code="out_of_bounds",
                    extra={"indicator": indicator.pk},
                )
            if value is not None and value != value.quantize(Decimal("0.1")):
                raise ValidationFailed(
                    _("“%(name)s”: at most one decimal place.") % {"name": indicator.name}, code="precision"
                )
            row.score = value
        if "comment" in item:
            row.comment = str(item.get("comment") or "")[:5000]
        if "evidence" in item:
            row.evidence = str(item.get("evidence") or "")[:5000]
        row.full_clean(exclude=["sheet"])
        row.save()
        existing[indicator.pk] = row
    if swot is not None:
        if not isinstance(swot, Mapping) or set(swot) - set(SwotEntry.Quadrant.values):
            raise ValidationFailed(_("Unknown SWOT quadrant."), code="bad_quadrant")
        for quadrant, texts in swot.items():
            if not isinstance(texts, list) or len(texts) > MAX_SWOT_POINTS:
                raise ValidationFailed(_("Too many SWOT points."), code="bad_swot")
            sheet.swot_entries.filter(quadrant=quadrant).delete()
            for order, text in enumerate(str(t).strip() for t in texts):
                if text:
                    SwotEntry.objects.create(
                        evaluation=evaluation, sheet=sheet, quadrant=quadrant, text=text[:500], order=order
                    )
    if trl_level is not ...:
        if trl_level in (None, ""):
            sheet.trl_level = None
        else:
            try:
                level = int(trl_level)
            except (TypeError, ValueError):
                raise ValidationFailed(_("The TRL must be a number from 1 to 9."), code="bad_trl")
            if not 1 <= level <= 9:
                raise ValidationFailed(_("The TRL must be a number from 1 to 9."), code="bad_trl")
            sheet.trl_level = level
    if trl_evidence is not None:
        sheet.trl_evidence = str(trl_evidence)[:5000]
    if overall_comment is not None:
        sheet.overall_comment = str(overall_comment)[:10000]
    if recommend is not ...:
        sheet.recommend = _parse_bool(recommend)
    sheet.version += 1
    sheet.full_clean()
    sheet.save()
    sheet.weighted_total = sheet_weighted_total(evaluation, sheet, tree)
    ScoreSheet.objects.filter(pk=sheet.pk).update(weighted_total=sheet.weighted_total)
    return sheet


def sheet_problems(sheet: ScoreSheet) -> list[str]:
    evaluation = sheet.panel_member.evaluation
    tree = indicator_tree(evaluation.indicator_system)
    scored = {s.indicator_id for s in sheet.scores.all() if s.score is not None}
    problems = [
        _("“%(name)s” has no score.") % {"name": leaf.indicator.name}
        for leaf in tree.leaves
        if leaf.pk not in scored
    ]
    if sheet.trl_level is None:
        problems.append(_("Rate the technology readiness level."))
    if sheet.recommend is None:
        problems.append(_("State whether you recommend publication."))
    return problems


@transaction.atomic
def score_sheet_submit(*, sheet_id: int, actor: Any, version: int | None = None) -> ScoreSheet:
    """Submit and lock the sheet. Every indicator must be scored, the TRL rated and a recommendation given."""
    sheet = _locked_sheet(sheet_id)
    if version is not None and int(version) != sheet.version:
        raise ConflictError(
            _("This sheet was changed elsewhere (another tab or device). Your changes were not saved."),
            code="version_conflict",
            extra={"current": sheet_state(sheet)},
        )
    problems = sheet_problems(sheet)
    if problems:
        raise ValidationFailed(
            _("The sheet is incomplete: %(items)s") % {"items": "；".join(problems[:6])}, code="incomplete"
        )
    evaluation = sheet.panel_member.evaluation

    def stamp(obj: ScoreSheet) -> None:
        obj.submitted_at = timezone.now()
        obj.version += 1
        obj.weighted_total = sheet_weighted_total(evaluation, obj)

    return transition(ScoreSheet, sheet_id, action="submit", actor=actor, apply=stamp)


@transaction.atomic
def score_sheet_reopen(*, sheet_id: int, actor: Any, reason: str) -> ScoreSheet:
    def bump(obj: ScoreSheet) -> None:
        obj.version += 1

    return transition(ScoreSheet, sheet_id, action="reopen", actor=actor, reason=reason, apply=bump)
