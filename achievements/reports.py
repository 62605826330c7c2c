"""The filled submission application form (成果提交申请表) of a snapshot, rendered as a PDF."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from .models import (
    CONFIDENTIAL_SECTIONS,
    Achievement,
    Confidentiality,
    IpStatusEntry,
    RequiredMaterial,
    Submission,
    TeamMember,
)
from .snapshots import ROWS


def _choice_label(choices: Any, value: Any) -> Any:
    try:
        return choices(value).label
    except ValueError:
        return value


def submission_context(achievement: Achievement, submission: Submission) -> dict[str, Any]:
    data = submission.data or {}
    rows = data.get("rows", {})
    for row in rows.get("ip_status", []):
        row["ip_type_label"] = _choice_label(IpStatusEntry.IpType, row.get("ip_type"))
        row["status_label"] = _choice_label(IpStatusEntry.Status, row.get("status"))
    for row in rows.get("team", []):
        row["role_label"] = _choice_label(TeamMember.Role, row.get("role"))
    names = dict(
        RequiredMaterial.objects.filter(achievement_type_id=achievement.achievement_type_id).values_list(
            "code", "name"
        )
    )
    attachments = [
        {**f, "kind_label": names.get(f.get("kind"), f.get("kind") or "")}
        for f in data.get("attachments", [])
    ]
    levels = data.get("confidentiality", {})
    return {
        "title": "成果提交申请表",
        "subtitle": f"{achievement.name}（第 {submission.number} 版，{submission.get_kind_display()}）",
        "report_code": f"{achievement.number}-{submission.number:02d}",
        "platform_name": getattr(settings, "PLATFORM_NAME", "成果转化协作平台"),
        "a": achievement,
        "submission": submission,
        "f": data.get("fields", {}),
        "rows": rows,
        "row_columns": {k: v[1] for k, v in ROWS.items()},
        "attachments": attachments,
        "levels": [
            (label, _choice_label(Confidentiality, levels.get(key, str(default))))
            for key, (default, label) in CONFIDENTIAL_SECTIONS.items()
        ],
    }


def submission_pdf_bytes(achievement: Achievement, submission: Submission) -> bytes:
    from platform_core.reports.pdf import render_pdf

    return render_pdf(
        "achievements/reports/submission_form.html", submission_context(achievement, submission)
    )
