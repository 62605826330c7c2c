"""Context builders of the PDF reports (platform_core.reports renders them with WeasyPrint in Celery)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _

from platform_core.reports import charts

from . import indicators, periods
from .models import (
    Complaint,
    ConformityAudit,
    ImprovementAction,
    PlatformEvaluation,
    QualityReport,
    SurveyResponse,
)
from .selectors import dashboard as sel

QUARTERLY_TEMPLATE = "reports/quality_metrics/quarterly.html"


def _fmt(value: float | None, unit: str) -> str:
    from .templatetags.quality_tags import indicator_value

    return indicator_value(value, unit)


def quarterly_report_context(subject: QualityReport) -> dict[str, Any]:
    """Every indicator with its value, band and trend (last four periods), the funnel, the timeliness by
    service, complaints, surveys, audits and the open improvement actions of one period."""
    period = periods.Period(subject.period_type, subject.period_start)
    window = [period]
    for _i in range(3):
        window.insert(0, window[0].previous())
    rows: list[dict[str, Any]] = []
    for definition in sorted(indicators.INDICATORS.values(), key=lambda i: i.order):
        cells = [sel.cell(definition.code, p) for p in window]
        values = [c.value for c in cells]
        top = 100.0 if definition.unit != "workdays" else None
        rows.append(
            {
                "definition": definition,
                "cell": cells[-1],
                "value": _fmt(cells[-1].value, definition.unit),
                "trend": [_fmt(v, definition.unit) for v in values],
                "chart": charts.line_chart(
                    [p.short_label for p in window],  # "2026Q3"
                    [("", [None if v is None else round(v, 2) for v in values])],
                    max_value=top,
                    width=330,
                    height=170,
                ),
            }
        )
    pairs = [rows[i : i + 2] for i in range(0, len(rows), 2)]
    funnel = sel.funnel(period)
    waiting = sel.waiting_times(period)
    window_q = Q(created_at__gte=period.start_at, created_at__lt=period.end_at)
    complaints = Complaint.objects.aggregate(
        received=Count("id", filter=window_q),
        closed=Count("id", filter=Q(closed_at__gte=period.start_at, closed_at__lt=period.end_at)),
        open_now=Count("id", filter=Q(state__in=Complaint.OPEN_STATES)),
        escalated=Count("id", filter=window_q & Q(escalated_at__isnull=False)),
    )
    surveys = SurveyResponse.objects.filter(
        submitted_at__gte=period.start_at, submitted_at__lt=period.end_at
    ).aggregate(n=Count("id"), mean=Avg("score"))
    audits = ConformityAudit.objects.filter(completed_at__gte=period.start_at, completed_at__lt=period.end_at)
    actions = ImprovementAction.objects.filter(state__in=("open", "in_progress", "done")).select_related(
        "owner"
    )
    return {
        "title": _("Service quality report · %(period)s") % {"period": period.label},
        "subtitle": _(
            "The seven indicators of T/HEBQIA §7.1, their bands and trends, and the improvement actions"
        ),
        "report_code": f"ZL-{period.short_label}",
        "period": period,
        "rows": rows,
        "pairs": pairs,
        "funnel": funnel,
        "funnel_chart": charts.bar_chart(
            [f["label"] for f in funnel], [f["count"] for f in funnel], width=520, height=220
        ),
        "waiting": waiting,
        "waiting_chart": charts.bar_chart(
            [w["label"] for w in waiting],
            [round(w["response"] or 0, 1) for w in waiting],
            width=520,
            height=220,
        ),
        "complaints": complaints,
        "surveys": surveys,
        "audits": list(audits),
        "actions": list(actions[:50]),
        "actions_total": actions.count(),
    }


def _tree_rows(template, means: dict[int, Decimal]) -> list[dict]:
    from evaluation.scorecards import tree_of

    roots, children = tree_of(template.criteria.all())
    rows: list[dict] = []

    def walk(node, depth: int) -> None:
        rows.append(
            {
                "criterion": node,
                "depth": depth,
                "mean": means.get(node.pk),
                "leaf": node.pk not in children,
            }
        )
        for child in children.get(node.pk, []):
            walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    return rows


def platform_evaluation_context(evaluation: PlatformEvaluation) -> dict[str, Any]:
    """003 §8.3: the panel, the score table, the overall situation and problems, the improvement suggestions."""
    from evaluation.scorecards import scorecard_result

    result = (
        scorecard_result(evaluation.scorecard)
        if evaluation.scorecard
        else {"criterion_means": {}, "sheets": []}
    )
    template = evaluation.scorecard.template if evaluation.scorecard else None
    rows = _tree_rows(template, result["criterion_means"]) if template else []
    first_level = [r for r in rows if r["depth"] == 0 and not r["criterion"].is_bonus]
    radar = charts.radar_chart(
        [str(r["criterion"].title) for r in first_level],
        [
            float((r["mean"] or 0) * 100 / r["criterion"].max_points) if r["criterion"].max_points else 0
            for r in first_level
        ],
        max_value=100,
        size=260,
    )
    return {
        "title": _("Platform evaluation report"),
        "subtitle": evaluation.title,
        "report_code": evaluation.code,
        "evaluation": evaluation,
        "panel": list(evaluation.panel.select_related("user")),
        "rows": rows,
        "sheets": result["sheets"],
        "radar": radar,
        "suggestions": list(evaluation.suggestions.select_related("action__owner")),
        "bands": template.grade_bands if template else [],
    }
