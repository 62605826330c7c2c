"""Excel files of the library: the import template (with the vocabularies as drop-downs) and exports."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation

from achievements.models import (
    AchievementType,
    ApplicationScenario,
    CooperationMode,
    Maturity,
    TechnicalField,
)
from platform_core.accounts.models import Organization

SHEET = "成果"
VOCAB_SHEET = "词表"
HELP_SHEET = "填写说明"
MULTI_SEPARATORS = ("；", ";", "，", ",", "、", "\n")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    width: int = 16
    vocab: str = ""  # name of a list on the vocabulary sheet
    multi: bool = False
    help: str = ""


COLUMNS: list[Column] = [
    Column("name", "成果名称", True, 36, help="不超过 200 字"),
    Column("summary", "成果简介", True, 48, help="一两句话，公开展示，不超过 500 字"),
    Column("achievement_type", "成果类型", True, 16, vocab="types"),
    Column("technical_field", "技术领域", True, 18, vocab="fields"),
    Column("maturity", "成熟度", True, 14, vocab="maturity"),
    Column("trl", "技术成熟度等级", False, 10, help="1–9 的整数"),
    Column("scenarios", "应用场景", False, 20, vocab="scenarios", multi=True, help="可填多个，用“；”分隔"),
    Column(
        "cooperation_modes", "合作方式", False, 20, vocab="modes", multi=True, help="可填多个，用“；”分隔"
    ),
    Column("tags", "关键词", False, 20, help="用逗号分隔"),
    Column("organization", "持有机构", True, 28, help="机构名称；平台中没有的机构将自动建立"),
    Column("organization_kind", "机构类型", False, 12, vocab="kinds"),
    Column("province", "所在省份", False, 12),
    Column("holder", "持有方账号", False, 14, help="平台用户名；不填则记在导入人名下"),
    Column("background", "研究背景", False, 40),
    Column("innovation_points", "创新点", False, 40),
    Column("contributions", "主要贡献", False, 40),
    Column("cooperation_note", "合作要求", False, 30),
    Column("contact_name", "联系人", False, 12),
    Column("contact_phone", "联系电话", False, 16),
]
COLUMN_BY_HEADER = {c.header: c for c in COLUMNS}


def vocabularies() -> dict[str, list[tuple[str, str]]]:
    """(code, Chinese name) of every list the template offers."""
    with translation.override("zh-hans"):
        return {
            "types": list(AchievementType.objects.active().values_list("code", "name")),
            "fields": list(TechnicalField.objects.active().values_list("code", "name")),
            "scenarios": list(ApplicationScenario.objects.active().values_list("code", "name")),
            "modes": list(CooperationMode.objects.active().values_list("code", "name")),
            "maturity": [(code, str(label)) for code, label in Maturity.choices],
            "kinds": [(code, str(label)) for code, label in Organization.Kind.choices],
        }


def split_multi(value: str) -> list[str]:
    text = str(value or "")
    for sep in MULTI_SEPARATORS[1:]:
        text = text.replace(sep, MULTI_SEPARATORS[0])
    return [part.strip() for part in text.split(MULTI_SEPARATORS[0]) if part.strip()]


def template_workbook() -> bytes:
    """The import template: the data sheet with drop-downs, a help sheet, the (hidden) vocabulary sheet."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = vocabularies()
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    vocab = wb.create_sheet(VOCAB_SHEET)
    ranges: dict[str, str] = {}
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        vocab.cell(row=1, column=index, value=name)
        for row, (_code, label) in enumerate(values, start=2):
            vocab.cell(row=row, column=index, value=label)
        ranges[name] = f"'{VOCAB_SHEET}'!${letter}$2:${letter}${max(len(values) + 1, 2)}"
    vocab.sheet_state = "hidden"

    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for col, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col, value=column.header + ("*" if column.required else ""))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if column.required:
            cell.fill = required_fill
        if column.help:
            cell.comment = Comment(column.help, "成果转化协作平台")
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = column.width
        if column.vocab:
            validation = DataValidation(
                type="list", formula1=f"={ranges[column.vocab]}", allow_blank=not column.required
            )
            if column.multi:  # several values typed with "；" are allowed: warn, do not refuse
                validation.errorStyle = "information"
                validation.showErrorMessage = False
            else:
                validation.error = "请从下拉列表中选择"
                validation.errorTitle = column.header
            validation.promptTitle = column.header
            validation.prompt = column.help or "请从下拉列表中选择"
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}20001")
        if column.key == "trl":
            validation = DataValidation(
                type="whole", operator="between", formula1="1", formula2="9", allow_blank=True
            )
            validation.error = "请填写 1–9 的整数"
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}20001")
    ws.freeze_panes = "B2"

    help_ws = wb.create_sheet(HELP_SHEET, 1)
    help_ws.column_dimensions["A"].width = 18
    help_ws.column_dimensions["B"].width = 80
    help_ws.append(["列", "填写要求"])
    for column in COLUMNS:
        rule = ("必填。" if column.required else "选填。") + (column.help or "")
        if column.vocab:
            rule += "取值：" + "、".join(label for _c, label in lists[column.vocab])
        help_ws.append([column.header, rule])
    help_ws.append([])
    help_ws.append(
        [
            "说明",
            "从第 2 行起每行一项成果；任何一行有误时整个文件都不会导入，请按校验报告逐行修改后重新上传。",
        ]
    )
    return _save(wb)


def _save(wb: Any) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


EXPORT_HEADERS = [
    ("number", "编号"),
    ("title", "成果名称"),
    ("summary", "成果简介"),
    ("achievement_type", "成果类型"),
    ("technical_field", "技术领域"),
    ("maturity", "成熟度"),
    ("trl", "技术成熟度等级"),
    ("scenarios", "应用场景"),
    ("cooperation_modes", "合作方式"),
    ("tags", "关键词"),
    ("organization", "持有机构"),
    ("organization_kind", "机构类型"),
    ("province", "所在省份"),
    ("ip_status", "知识产权状态"),
    ("published_at", "发布日期"),
    ("url", "链接"),
]


def export_workbook(rows: list[dict[str, Any]], *, title: str = "成果信息库") -> bytes:
    """An export of library rows (public columns only), streamed into a write-only workbook."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    header = []
    for _key, label in EXPORT_HEADERS:
        cell = WriteOnlyCell(ws, value=label)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for row in rows:
        ws.append([row.get(key, "") for key, _label in EXPORT_HEADERS])
    ws.append([])
    ws.append([f"导出时间：{timezone.localtime():%Y-%m-%d %H:%M}，仅含公开信息"])
    return _save(wb)
