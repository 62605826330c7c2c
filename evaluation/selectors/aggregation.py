"""Aggregation of an evaluation's submitted score sheets (000 §5.1.2.3.5).

All scores are normalised to 0–100 (score ÷ full score × 100) before weighting:

* an expert's **weighted total** = Σ over leaves (global weight × normalised score) — the global weights of
  all leaves sum to 1, so the total is on 0–100;
* an expert's **dimension score** = Σ over the dimension's leaves (global weight ÷ dimension weight ×
  normalised score), also on 0–100 (drawn on the radar chart);
* the **panel** values are the mean, median or trimmed mean (the evaluation's setting) of the experts';
* per indicator: mean, SD (sample), CV = SD ÷ mean, min, max; a score is an **outlier** when it differs
  from the mean of the other experts by more than ``outlier_threshold × full score``; an indicator is
  **dispersed** when its CV ≥ 0.25;
* the **consensus indicator**: Kendall's W over experts × leaf indicators (with χ² and p) and the share
  of indicators with CV < 0.25; consensus when every indicator's CV < 0.25.
"""

from __future__ import annotations

import math
import statistics
from decimal import Decimal
from typing import Any

from evaluation.delphi import DEFAULT_CV_THRESHOLD, DelphiError, kendall_w
from evaluation.models import Evaluation, PanelMember, ScoreSheet, SwotEntry
from evaluation.scorecards import aggregate

from .indicators import indicator_tree


def _r(x: float | Decimal | None, digits: int = 2) -> float | None:
    return None if x is None else round(float(x), digits)


def submitted_sheets(evaluation: Evaluation) -> list[ScoreSheet]:
    return list(
        ScoreSheet.objects.filter(panel_member__evaluation=evaluation, state=ScoreSheet.State.SUBMITTED)
        .exclude(panel_member__state=PanelMember.State.RECUSED)
        .select_related("panel_member__expert__user", "panel_member__expert__organization")
        .prefetch_related("scores", "swot_entries")
        .order_by("panel_member__panel_role", "panel_member_id")
    )


def sheet_weighted_total(evaluation: Evaluation, sheet: ScoreSheet, tree=None) -> Decimal | None:
    tree = tree or indicator_tree(evaluation.indicator_system)
    score_max = float(evaluation.indicator_system.score_max)
    scores = {s.indicator_id: s.score for s in sheet.scores.all()}
    total = 0.0
    for leaf in tree.leaves:
        value = scores.get(leaf.pk)
        if value is None:
            return None
        total += float(leaf.global_weight) * float(value) / score_max * 100
    return Decimal(str(round(total, 2)))


def evaluation_results(evaluation: Evaluation, sheets: list[ScoreSheet] | None = None) -> dict[str, Any]:
    """The aggregated result as plain JSON-able data (stored on the evaluation when scoring closes)."""
    system = evaluation.indicator_system
    tree = indicator_tree(system)
    leaves = tree.leaves
    dimensions = tree.roots
    score_max = float(system.score_max)
    sheets = submitted_sheets(evaluation) if sheets is None else sheets
    method = evaluation.aggregation
    trim = evaluation.trim_proportion
    threshold = float(evaluation.outlier_threshold) * score_max

    dim_weight = {
        d.pk: float(sum((leaf.global_weight for leaf in leaves if tree.dimension_of(leaf) is d), 0))
        for d in dimensions
    }
    experts: list[dict[str, Any]] = []
    matrix: list[list[float]] = []
    for sheet in sheets:
        scores = {s.indicator_id: s for s in sheet.scores.all()}
        values = [
            float(scores[leaf.pk].score) if leaf.pk in scores and scores[leaf.pk].score is not None else None
            for leaf in leaves
        ]
        if any(v is None for v in values):
            continue
        matrix.append(values)
        total = sum(
            float(leaf.global_weight) * v / score_max * 100 for leaf, v in zip(leaves, values, strict=True)
        )
        dims = {}
        for d in dimensions:
            w = dim_weight[d.pk]
            dims[d.indicator.code] = _r(
                sum(
                    float(leaf.global_weight) / w * v / score_max * 100
                    for leaf, v in zip(leaves, values, strict=True)
                    if tree.dimension_of(leaf) is d
                )
                if w
                else None
            )
        member = sheet.panel_member
        experts.append(
            {
                "sheet": sheet.pk,
                "expert": str(member.expert),
                "role": member.panel_role,
                "role_label": str(member.get_panel_role_display()),
                "total": _r(total),
                "dimensions": dims,
                "trl": sheet.trl_level,
                "recommend": sheet.recommend,
            }
        )

    indicators: list[dict[str, Any]] = []
    for j, leaf in enumerate(leaves):
        column = [row[j] for row in matrix]
        mean = statistics.fmean(column) if column else None
        sd = statistics.stdev(column) if len(column) > 1 else (0.0 if column else None)
        cv = (sd / mean) if (mean and sd is not None) else None
        outliers = []
        for i, x in enumerate(column):
            others = column[:i] + column[i + 1 :]
            if others and abs(x - statistics.fmean(others)) > threshold:
                outliers.append(experts[i]["expert"])
        dimension = tree.dimension_of(leaf)
        indicators.append(
            {
                "id": leaf.pk,
                "code": leaf.indicator.code,
                "name": leaf.indicator.name,
                "dimension": dimension.indicator.name,
                "dimension_code": dimension.indicator.code,
                "weight": _r(leaf.global_weight, 4),
                "scores": column,
                "mean": _r(mean),
                "sd": _r(sd),
                "cv": _r(cv, 3),
                "min": min(column) if column else None,
                "max": max(column) if column else None,
                "dispersed": cv is not None and cv >= DEFAULT_CV_THRESHOLD,
                "outliers": outliers,
            }
        )

    dimension_rows = []
    for d in dimensions:
        values = [
            e["dimensions"][d.indicator.code]
            for e in experts
            if e["dimensions"].get(d.indicator.code) is not None
        ]
        dimension_rows.append(
            {
                "code": d.indicator.code,
                "name": d.indicator.name,
                "weight": _r(d.indicator.weight, 4),
                "score": _r(aggregate([Decimal(str(v)) for v in values], method, trim)) if values else None,
            }
        )

    kendall = None
    if len(matrix) >= 2 and len(leaves) >= 2:
        try:
            k = kendall_w(matrix)
            kendall = {"w": _r(k.w, 4), "chi2": _r(k.chi2, 3), "df": k.df, "p": _r(k.p, 4)}
        except DelphiError:
            kendall = None
    cvs = [row["cv"] for row in indicators if row["cv"] is not None]
    low_cv_share = (sum(1 for c in cvs if c < DEFAULT_CV_THRESHOLD) / len(cvs)) if cvs else None
    totals = [Decimal(str(e["total"])) for e in experts]
    panel_total = aggregate(totals, method, trim)
    trls = sorted(e["trl"] for e in experts if e["trl"])
    return {
        "method": method,
        "experts": experts,
        "indicators": indicators,
        "dimensions": dimension_rows,
        "panel_total": _r(panel_total),
        "total_sd": _r(statistics.stdev([float(t) for t in totals])) if len(totals) > 1 else None,
        "kendall": kendall,
        "low_cv_share": _r(low_cv_share, 3),
        "consensus": bool(cvs) and all(c < DEFAULT_CV_THRESHOLD for c in cvs),
        "trl_ratings": trls,
        "trl_median": int(math.floor(statistics.median(trls))) if trls else None,
        "recommend_votes": sum(1 for e in experts if e["recommend"] is True),
        "against_votes": sum(1 for e in experts if e["recommend"] is False),
        "sheet_count": len(experts),
    }


def swot_grid(evaluation: Evaluation, *, consolidated: bool = True) -> dict[str, list[SwotEntry]]:
    """SWOT points by quadrant: the consolidated ones (sheet empty) or every expert's."""
    qs = evaluation.swot_entries.all()
    qs = qs.filter(sheet__isnull=True) if consolidated else qs.filter(sheet__isnull=False)
    grid: dict[str, list[SwotEntry]] = {q: [] for q in SwotEntry.Quadrant.values}
    for entry in qs.order_by("quadrant", "order", "id"):
        grid[entry.quadrant].append(entry)
    return grid
