"""Context builders of the evaluation PDFs (called by platform_core.reports from ids alone).

* ``evaluation_report_context(evaluation)`` → templates/reports/evaluation/report.html (评估报告, §5.1.2.3.6)
* ``score_sheet_context(sheet)`` → templates/reports/evaluation/score_sheet.html (评分表 with signature block)
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from evaluation.models import ConflictDeclaration, Evaluation, PanelMember, ScoreSheet, SwotEntry
from evaluation.selectors.aggregation import evaluation_results, swot_grid
from evaluation.selectors.indicators import indicator_tree
from platform_core.reports.charts import radar_chart

QUADRANT_TITLES = {
    "strength": "优势（Strengths）",
    "weakness": "劣势（Weaknesses）",
    "opportunity": "机会（Opportunities）",
    "threat": "威胁（Threats）",
}


def _swot_quadrants(grid: dict[str, list[SwotEntry]]) -> list[dict[str, Any]]:
    return [
        {"code": q, "title": QUADRANT_TITLES[q], "points": [e.text for e in grid.get(q, [])]}
        for q in QUADRANT_TITLES
    ]


def archive_code_of(subject: Any, doc_type: str) -> str:
    """The retrieval code the archive register gave this record's document of ``doc_type`` (the latest
    one), or "" while it is not archived."""
    from platform_core.archive.selectors import archive_entries_for

    return (
        archive_entries_for(subject)
        .filter(doc_type__code=doc_type)
        .order_by("-archived_at", "-id")
        .values_list("code", flat=True)
        .first()
        or ""
    )


def evaluation_report_context(evaluation: Evaluation) -> dict[str, Any]:
    evaluation = (
        Evaluation.objects.select_related(
            "achievement__holder",
            "achievement__organization",
            "achievement__achievement_type",
            "achievement__technical_field",
            "indicator_system",
            "trl_scale",
            "leader",
        )
        .prefetch_related("trl_scale__levels", "meeting_attendees")
        .get(pk=evaluation.pk)
    )
    results = evaluation.results or evaluation_results(evaluation)
    dimensions = results.get("dimensions", [])
    labels = [d["name"] for d in dimensions]
    radar = radar_chart(labels, [("专家组", [d["score"] or 0 for d in dimensions])], max_value=100, size=300)
    grid = swot_grid(evaluation, consolidated=True)
    if not any(grid.values()):
        grid = swot_grid(evaluation, consolidated=False)
    members = list(
        PanelMember.objects.filter(evaluation=evaluation)
        .exclude(state=PanelMember.State.RECUSED)
        .select_related("expert__user", "expert__organization", "declaration")
        .order_by("-is_chair", "panel_role", "id")
    )
    recused = list(
        PanelMember.objects.filter(evaluation=evaluation, state=PanelMember.State.RECUSED).select_related(
            "expert__user"
        )
    )
    trl_levels = {lvl.level: lvl for lvl in evaluation.trl_scale.levels.all()}
    achievement = evaluation.achievement
    from evaluation.services.evaluations import DECLARATION_TEXT

    # The header's 编号 is the archive register's retrieval code (PGBG-…), never the evaluation number
    # (PG-…, shown in the table below): a report rendered before it is archived carries no code.
    # The final report's code is reserved when the evaluation closes, so the archived PDF carries it.
    archive_code = archive_code_of(evaluation, "evaluation_report") or evaluation.report_code
    return {
        "title": f"{achievement.name} 评估报告",
        "subtitle": evaluation.indicator_system.name,
        "platform_name": getattr(settings, "PLATFORM_NAME", "成果转化协作平台"),
        "report_code": archive_code,
        "archive_code": archive_code,
        "evaluation": evaluation,
        "achievement": achievement,
        "results": results,
        "dimensions": dimensions,
        "indicators": results.get("indicators", []),
        "experts": results.get("experts", []),
        "radar": radar,
        "swot": _swot_quadrants(grid),
        "trl_level": trl_levels.get(evaluation.trl_conclusion),
        "trl_scale": evaluation.trl_scale,
        "members": members,
        "recused": recused,
        "declaration_text": DECLARATION_TEXT,
        "attendees": list(evaluation.meeting_attendees.all()),
    }


def score_sheet_context(sheet: ScoreSheet) -> dict[str, Any]:
    sheet = ScoreSheet.objects.select_related(
        "panel_member__expert__user",
        "panel_member__expert__organization",
        "panel_member__evaluation__achievement",
        "panel_member__evaluation__indicator_system",
        "panel_member__evaluation__trl_scale",
    ).get(pk=sheet.pk)
    member = sheet.panel_member
    evaluation = member.evaluation
    tree = indicator_tree(evaluation.indicator_system)
    scores = {s.indicator_id: s for s in sheet.scores.all()}
    rows = []
    for leaf in tree.leaves:
        score = scores.get(leaf.pk)
        rows.append(
            {
                "dimension": tree.dimension_of(leaf).indicator.name,
                "name": leaf.indicator.name,
                "weight": leaf.global_weight,
                "score": score.score if score else None,
                "comment": score.comment if score else "",
                "evidence": score.evidence if score else "",
            }
        )
    grid: dict[str, list[SwotEntry]] = {q: [] for q in QUADRANT_TITLES}
    for entry in sheet.swot_entries.all():
        grid[entry.quadrant].append(entry)
    declaration = ConflictDeclaration.objects.filter(panel_member=member).first()
    trl = evaluation.trl_scale.levels.filter(level=sheet.trl_level).first() if sheet.trl_level else None
    return {
        "title": f"{evaluation.achievement.name} 评分表",
        "subtitle": f"评估专家：{member.expert}",
        "platform_name": getattr(settings, "PLATFORM_NAME", "成果转化协作平台"),
        "report_code": archive_code_of(sheet, "score_sheet"),
        "sheet": sheet,
        "member": member,
        "expert": member.expert,
        "evaluation": evaluation,
        "rows": rows,
        "score_max": evaluation.indicator_system.score_max,
        "swot": _swot_quadrants(grid),
        "trl": trl,
        "declaration": declaration,
    }
