"""Immutable snapshots of the submission form and the diff between two of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .models import Achievement

SCALARS = (
    "name",
    "summary",
    "maturity",
    "trl",
    "tags",
    "background",
    "innovation_points",
    "contributions",
    "technical_details",
    "cooperation_note",
    "price_expectation",
    "contact_name",
    "contact_phone",
    "contact_email",
)
RELATED = ("achievement_type", "technical_field", "organization")
MANY = ("scenarios", "co_organizations", "cooperation_modes")
ROWS = {
    "technical_parameters": ("technical_parameters", ("name", "value", "unit", "method")),
    "application_cases": ("application_cases", ("title", "site", "period", "description", "outcome")),
    "ip_status": (
        "ip_entries",
        ("ip_type", "title", "number", "status", "protection_scope", "filed_on", "expires_on"),
    ),
    "team": ("team_members", ("name", "role", "title", "organization_name", "division_of_work")),
}


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def snapshot_data(achievement: Achievement) -> dict[str, Any]:
    """Every field, row and attachment of the record as plain JSON."""
    from .selectors import achievement_attachments

    fields: dict[str, Any] = {name: _plain(getattr(achievement, name)) for name in SCALARS}
    fields["maturity_label"] = str(achievement.get_maturity_display()) if achievement.maturity else ""
    for name in RELATED:
        obj = getattr(achievement, name)
        fields[name] = str(obj) if obj is not None else ""
    for name in MANY:
        fields[name] = [str(o) for o in getattr(achievement, name).all()]
    rows = {}
    for key, (related, columns) in ROWS.items():
        rows[key] = [{c: _plain(getattr(r, c)) for c in columns} for r in getattr(achievement, related).all()]
    attachments = [
        {"id": a.pk, "name": a.original_name, "kind": a.kind, "sha256": a.sha256, "size": a.size}
        for a in achievement_attachments(achievement)
    ]
    return {
        "fields": fields,
        "rows": rows,
        "attachments": attachments,
        "confidentiality": {k: achievement.level_of(k) for k in sorted(achievement.confidentiality or {})},
        "state": achievement.state,
    }


# --------------------------------------------------------------------------- diff
def _text(value: Any) -> str:
    if value in (None, "", []):
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


@dataclass
class FieldChange:
    key: str
    label: Any
    before: Any
    after: Any

    @property
    def before_text(self) -> str:
        return _text(self.before)

    @property
    def after_text(self) -> str:
        return _text(self.after)


@dataclass
class RowsChange:
    key: str
    label: Any
    columns: tuple[str, ...]
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)


@dataclass
class Diff:
    fields: list[FieldChange] = field(default_factory=list)
    rows: list[RowsChange] = field(default_factory=list)
    attachments_added: list[dict] = field(default_factory=list)
    attachments_removed: list[dict] = field(default_factory=list)
    confidentiality: list[FieldChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.fields
            or self.rows
            or self.attachments_added
            or self.attachments_removed
            or self.confidentiality
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "fields": [
                {"field": c.key, "label": str(c.label), "before": c.before, "after": c.after}
                for c in self.fields
            ],
            "rows": [
                {"section": r.key, "label": str(r.label), "added": r.added, "removed": r.removed}
                for r in self.rows
            ],
            "attachments_added": self.attachments_added,
            "attachments_removed": self.attachments_removed,
            "confidentiality": [
                {"section": c.key, "label": str(c.label), "before": c.before, "after": c.after}
                for c in self.confidentiality
            ],
        }


def _field_label(key: str) -> Any:
    try:
        return Achievement._meta.get_field(key).verbose_name
    except Exception:  # noqa: BLE001 - a key from an older snapshot
        return key


def diff_snapshots(before: dict[str, Any], after: dict[str, Any]) -> Diff:
    """What changed from ``before`` to ``after`` (fields, rows, attachments, confidentiality)."""
    from .models import CONFIDENTIAL_SECTIONS, Confidentiality

    result = Diff()
    b_fields, a_fields = before.get("fields", {}), after.get("fields", {})
    for key in [*SCALARS, *RELATED, *MANY]:
        if key == "maturity":
            old, new = b_fields.get("maturity_label", ""), a_fields.get("maturity_label", "")
        else:
            old, new = b_fields.get(key), a_fields.get(key)
        if (old or None) != (new or None):
            result.fields.append(FieldChange(key, _field_label(key), old, new))
    from .sections import FIELD_TARGETS

    for key, (_related, columns) in ROWS.items():
        old_rows = before.get("rows", {}).get(key, [])
        new_rows = after.get("rows", {}).get(key, [])
        added = [r for r in new_rows if r not in old_rows]
        removed = [r for r in old_rows if r not in new_rows]
        if added or removed:
            result.rows.append(RowsChange(key, FIELD_TARGETS[key][0], columns, added, removed))
    old_files = {(f["sha256"], f["kind"]): f for f in before.get("attachments", [])}
    new_files = {(f["sha256"], f["kind"]): f for f in after.get("attachments", [])}
    result.attachments_added = [f for k, f in new_files.items() if k not in old_files]
    result.attachments_removed = [f for k, f in old_files.items() if k not in new_files]
    b_conf, a_conf = before.get("confidentiality", {}), after.get("confidentiality", {})
    for key, (_default, label) in CONFIDENTIAL_SECTIONS.items():
        if b_conf.get(key) != a_conf.get(key) and b_conf.get(key) and a_conf.get(key):
            result.confidentiality.append(
                FieldChange(
                    key, label, Confidentiality(b_conf[key]).label, Confidentiality(a_conf[key]).label
                )
            )
    return result
