"""Infringement monitoring (5.5.1.2 b): watch items, alerts (entered or imported), triage and action."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from platform_core.accounts.models import User
from platform_core.accounts.roles import is_staff_member
from platform_core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import record_initial, transition

from ..models import InfringementAlert, InfringementWatch, IpAsset
from .common import clean_and_save

MAX_IMPORT_ROWS = 2000

# Column headings of the import template (first row of the sheet).
IMPORT_COLUMNS = [
    ("owner", "权利人账号"),
    ("title", "标题"),
    ("detected_on", "发现日期"),
    ("suspected_infringer", "涉嫌侵权方"),
    ("evidence_url", "链接"),
    ("description", "描述"),
    ("severity", "严重程度"),
    ("asset_number", "知识产权号"),
]
SEVERITY_WORDS = {"低": "low", "中": "medium", "高": "high", "low": "low", "medium": "medium", "high": "high"}


@transaction.atomic
def watch_create(*, actor: Any, owner: Any = None, **fields: Any) -> InfringementWatch:
    """Staff (for any holder) or a holder (for himself) records what to watch."""
    if not actor.has_perm("ip_services.use"):
        raise PermissionDeniedError(_("You are not allowed to do this."))
    owner = owner if (owner is not None and is_staff_member(actor)) else actor
    asset = fields.pop("asset", None)
    if asset is not None and asset.holder_id != owner.pk:
        raise ValidationFailed(_("The IP asset does not belong to this holder."), code="not_owner_asset")
    watch = clean_and_save(InfringementWatch(owner=owner, asset=asset, created_by=actor, **fields))
    return watch


@transaction.atomic
def watch_set_active(*, watch_id: int, actor: Any, active: bool) -> InfringementWatch:
    watch = InfringementWatch.objects.select_for_update().filter(pk=watch_id).first()
    if watch is None or not actor.has_perm("ip_services.view_watch", watch):
        raise NotFoundError(_("The watch item does not exist."))
    watch.is_active = active
    watch.save(update_fields=["is_active"])
    return watch


@transaction.atomic
def alert_create(
    *, actor: Any, owner: Any, source: str = InfringementAlert.Source.MANUAL, **fields: Any
) -> InfringementAlert:
    """Staff enter an alert for a holder (or a holder reports one for himself)."""
    if not is_staff_member(actor):
        if owner is not None and owner.pk != actor.pk:
            raise PermissionDeniedError(_("You are not allowed to do this."))
        owner, source = actor, InfringementAlert.Source.HOLDER
        if not actor.has_perm("ip_services.use"):
            raise PermissionDeniedError(_("You are not allowed to do this."))
    asset, watch = fields.get("asset"), fields.get("watch")
    if asset is not None and asset.holder_id != owner.pk:
        raise ValidationFailed(_("The IP asset does not belong to this holder."), code="not_owner_asset")
    if watch is not None and watch.owner_id != owner.pk:
        raise ValidationFailed(_("The watch item does not belong to this holder."), code="not_owner_watch")
    alert = clean_and_save(InfringementAlert(owner=owner, source=source, created_by=actor, **fields))
    record_initial(alert, actor=actor)
    return alert


@dataclass
class RowResult:
    row: int
    ok: bool
    messages: list[str] = field(default_factory=list)
    alert_id: int | None = None


@dataclass
class ImportReport:
    rows: list[RowResult]
    created: int = 0
    batch: str = ""

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows) and bool(self.rows)


def _cell_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        text = value.strip().replace("/", "-").replace(".", "-")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None


def _read_rows(uploaded_file: Any) -> list[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    name = getattr(uploaded_file, "name", "") or ""
    if not name.lower().endswith(".xlsx"):
        raise ValidationFailed(_("Upload an Excel file (.xlsx) made from the template."), code="not_xlsx")
    try:
        workbook = load_workbook(uploaded_file, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any parse failure is the user's file
        raise ValidationFailed(
            _("The file could not be read as an Excel workbook."), code="bad_file"
        ) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise ValidationFailed(_("The sheet is empty."), code="empty")
    headings = [str(h).strip() if h is not None else "" for h in header]
    index = {}
    for key, heading in IMPORT_COLUMNS:
        if heading in headings:
            index[key] = headings.index(heading)
    missing = [h for k, h in IMPORT_COLUMNS[:3] if k not in index]
    if missing:
        raise ValidationFailed(
            _("Missing columns: %(cols)s. Use the template.") % {"cols": "、".join(missing)},
            code="bad_header",
        )
    result = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        record = {key: (values[i] if i < len(values) else None) for key, i in index.items()}
        result.append((number, record))
        if len(result) > MAX_IMPORT_ROWS:
            raise ValidationFailed(
                _("At most %(n)s rows can be imported at once.") % {"n": MAX_IMPORT_ROWS}, code="too_many"
            )
    workbook.close()
    return result


def alerts_import(*, actor: Any, uploaded_file: Any) -> ImportReport:
    """Import alerts from the first sheet of an Excel file: all rows or none, with a row-by-row report."""
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only staff import infringement alerts."))
    rows = _read_rows(uploaded_file)
    if not rows:
        raise ValidationFailed(_("The sheet has no data rows."), code="empty")
    usernames = {str(r["owner"]).strip() for _n, r in rows if r.get("owner")}
    owners = {u.username: u for u in User.objects.filter(username__in=usernames)}
    numbers = {str(r["asset_number"]).strip() for _n, r in rows if r.get("asset_number")}
    assets = {(a.holder_id, a.number): a for a in IpAsset.objects.filter(number__in=numbers)}
    report = ImportReport(rows=[], batch=uuid.uuid4().hex[:12])
    prepared: list[tuple[RowResult, dict[str, Any]]] = []
    for number, raw in rows:
        result = RowResult(row=number, ok=True)
        owner = owners.get(str(raw.get("owner") or "").strip())
        if owner is None:
            result.messages.append(_("unknown holder account “%(u)s”") % {"u": raw.get("owner") or ""})
        title = str(raw.get("title") or "").strip()
        if not title:
            result.messages.append(_("the title is empty"))
        detected = _cell_date(raw.get("detected_on"))
        if detected is None:
            result.messages.append(_("the date is missing or not YYYY-MM-DD"))
        severity_word = str(raw.get("severity") or "中").strip().lower()
        severity = SEVERITY_WORDS.get(severity_word)
        if severity is None:
            result.messages.append(_("severity must be 低, 中 or 高"))
        asset = None
        if raw.get("asset_number") and owner is not None:
            asset = assets.get((owner.pk, str(raw["asset_number"]).strip()))
            if asset is None:
                result.messages.append(
                    _("IP number “%(n)s” is not an asset of this holder") % {"n": raw["asset_number"]}
                )
        url = str(raw.get("evidence_url") or "").strip()
        fields = {
            "owner": owner,
            "title": title[:200],
            "detected_on": detected,
            "suspected_infringer": str(raw.get("suspected_infringer") or "").strip()[:200],
            "evidence_url": url,
            "description": str(raw.get("description") or "").strip(),
            "severity": severity,
            "asset": asset,
        }
        if not result.messages:
            candidate = InfringementAlert(
                source=InfringementAlert.Source.IMPORT, created_by=actor, import_batch=report.batch, **fields
            )
            try:
                candidate.full_clean(exclude=["created_by"])
            except Exception as exc:  # noqa: BLE001 - Django ValidationError
                for msgs in getattr(exc, "message_dict", {"": [str(exc)]}).values():
                    result.messages.extend(str(m) for m in msgs)
        result.ok = not result.messages
        report.rows.append(result)
        prepared.append((result, fields))
    if not report.ok:
        return report
    with transaction.atomic():
        for result, fields in prepared:
            alert = alert_create(
                actor=actor, source=InfringementAlert.Source.IMPORT, import_batch=report.batch, **fields
            )
            result.alert_id = alert.pk
            result.messages.append(_("created alert #%(id)s") % {"id": alert.pk})
            report.created += 1
    return report


def alert_take_action(*, alert_id: int, actor: Any, action: str, note: str) -> InfringementAlert:
    if action not in InfringementAlert.Action.values:
        raise ValidationFailed(_("Choose the action taken."), code="bad_action")
    if not note.strip():
        raise ValidationFailed(_("Describe the action taken."), code="note_required")

    def apply(alert: InfringementAlert) -> None:
        alert.action = action
        alert.action_note = note

    return transition(
        InfringementAlert, alert_id, action="take_action", actor=actor, reason=note, apply=apply
    )


def alert_transition(*, alert_id: int, action: str, actor: Any, reason: str = "") -> InfringementAlert:
    if action == "take_action":
        raise ValidationFailed(
            _("“%(action)s” needs more details; use its own form or endpoint.") % {"action": action},
            code="payload_required",
        )
    return transition(InfringementAlert, alert_id, action=action, actor=actor, reason=reason)
