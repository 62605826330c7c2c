"""Rows of the library as templates and the API show them (highlighted, with labels for codes)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .models import IpStatus
from .selectors.search import CHOICE_LABELS
from .text import highlight


def present_rows(rows: list[dict], query: Any, labels: dict[str, dict[str, str]]) -> list[dict]:
    """Result rows for templates and the API: highlighted title and snippet, labels for codes."""
    maturity = {code: str(label) for code, label in CHOICE_LABELS["maturity"].items()}
    ip_labels = {code: str(label) for code, label in IpStatus.choices}
    scenario_labels = labels.get("scenario", {})
    mode_labels = labels.get("cooperation_mode", {})
    out = []
    detail_url = reverse("library:detail", args=[0])
    for row in rows:
        snippet_source = row.get("summary") or ""
        plain = row.get("plain")
        if query and plain and not any(w in snippet_source.lower() for w in query.highlight_words):
            snippet_source = plain.replace("\n", " ")
        out.append(
            {
                **row,
                "id": row["achievement_id"],
                "title_html": highlight(row["title"], query),
                "snippet_html": highlight(snippet_source, query, length=160),
                "maturity_label": maturity.get(row["maturity"], ""),
                "ip_label": ip_labels.get(row["ip_status"], ""),
                "scenario_labels": [scenario_labels.get(c, c) for c in row["scenario_codes"].split()],
                "mode_labels": [mode_labels.get(c, c) for c in row["mode_codes"].split()],
                "url": detail_url.replace("/0/", f"/{row['achievement_id']}/"),
            }
        )
    return out


def api_row(row: dict[str, Any]) -> dict[str, Any]:
    """A presented row in the API's shape."""
    return {
        "id": row["id"],
        "number": row["number"],
        "title": row["title"],
        "title_html": str(row["title_html"]),
        "summary": row["summary"],
        "snippet_html": str(row["snippet_html"]),
        "technical_field": {"code": row["technical_field__code"], "label": row["technical_field__name"]}
        if row.get("technical_field_id")
        else None,
        "achievement_type": row.get("achievement_type__name") or "",
        "maturity": row["maturity"],
        "maturity_label": row["maturity_label"],
        "trl": row["trl"],
        "organization": row["organization_name"],
        "province": row["province"],
        "holder_type": row["holder_kind"],
        "ip_status": row["ip_status"],
        "scenarios": [
            {"code": c, "label": lbl}
            for c, lbl in zip(row["scenario_codes"].split(), row["scenario_labels"], strict=False)
        ],
        "cooperation_modes": [
            {"code": c, "label": lbl}
            for c, lbl in zip(row["mode_codes"].split(), row["mode_labels"], strict=False)
        ],
        "tags": [t.strip() for t in (row["tags"] or "").replace("，", ",").split(",") if t.strip()],
        "published_at": row["published_at"],
        "is_stale": row["is_stale"],
        "is_favourite": bool(row.get("is_favourite", False)),
        "url": row["url"],
    }
