"""Exports of an evaluation's scores and comments (Excel via openpyxl, and CSV)."""

from __future__ import annotations

import csv
import io

from evaluation.models import Evaluation, ScoreSheet
from evaluation.selectors.indicators import indicator_tree

HEADER = ["专家", "专家类别", "评分表状态", "一级指标", "指标", "权重", "得分", "评分意见", "依据"]


def score_rows(evaluation: Evaluation) -> list[list]:
    tree = indicator_tree(evaluation.indicator_system)
    sheets = (
        ScoreSheet.objects.filter(panel_member__evaluation=evaluation)
        .exclude(panel_member__state="recused")
        .select_related("panel_member__expert__user")
        .prefetch_related("scores")
        .order_by("panel_member__panel_role", "id")
    )
    rows = []
    for sheet in sheets:
        member = sheet.panel_member
        scores = {s.indicator_id: s for s in sheet.scores.all()}
        for leaf in tree.leaves:
            s = scores.get(leaf.pk)
            rows.append(
                [
                    str(member.expert),
                    str(member.get_panel_role_display()),
                    str(sheet.get_state_display()),
                    tree.dimension_of(leaf).indicator.name,
                    leaf.indicator.name,
                    float(round(leaf.global_weight, 6)),
                    float(s.score) if s and s.score is not None else None,
                    s.comment if s else "",
                    s.evidence if s else "",
                ]
            )
    return rows


def summary_rows(evaluation: Evaluation) -> list[list]:
    from evaluation.selectors.aggregation import evaluation_results

    results = evaluation.results or evaluation_results(evaluation)
    rows = [["指标", "均值", "标准差", "变异系数", "离散", "离群专家"]]
    for row in results.get("indicators", []):
        rows.append(
            [
                row["name"],
                row["mean"],
                row["sd"],
                row["cv"],
                "是" if row["dispersed"] else "",
                "、".join(row["outliers"]),
            ]
        )
    rows.append([])
    rows.append(["专家", "加权总分", "TRL", "建议发布"])
    for e in results.get("experts", []):
        rows.append([e["expert"], e["total"], e["trl"], {True: "是", False: "否"}.get(e["recommend"], "")])
    rows.append(["专家组", results.get("panel_total")])
    return rows


def export_csv(evaluation: Evaluation) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for row in score_rows(evaluation):
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 Chinese correctly


def export_xlsx(evaluation: Evaluation) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "评分明细"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in score_rows(evaluation):
        ws.append(row)
    for column, width in zip("ABCDEFGHI", (14, 16, 10, 12, 16, 10, 8, 40, 40), strict=True):
        ws.column_dimensions[column].width = width
    summary = wb.create_sheet("汇总")
    for row in summary_rows(evaluation):
        summary.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
