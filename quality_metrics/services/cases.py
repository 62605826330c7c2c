"""Deriving service cases (request → first response → completion) from the core's transition log.

A periodic task reads the log rows written since the last run (a watermark on the log id, with an
overlap in time so that rows committed late by a slow transaction are not missed) and recomputes the
cases of every record those rows touch, from that record's whole log. Recomputing a record is
idempotent, so overlaps and reruns change nothing. Completions seen for the first time are returned so
the case-triggered satisfaction survey can be sent (once: the invitation is unique per completion).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from platform_core.workflow.models import TransitionLog

from ..models import ScanWatermark, ServiceCase
from ..service_types import BY_WORKFLOW, SERVICE_TYPES, ServiceType

SCAN_NAME = "service_cases"
OVERLAP = dt.timedelta(minutes=15)
READ_CHUNK = 20_000
RECORD_BATCH = 2_000

_LOG_FIELDS = ("id", "content_type_id", "object_id", "workflow", "action", "from_state", "to_state")
_LOG_FIELDS += ("actor_id", "created_at", "working_days")


@dataclass
class RefreshResult:
    records: int = 0
    cases: int = 0
    newly_completed: list[int] = field(default_factory=list)  # ServiceCase ids
    last_log_id: int = 0


def cycles_of(service: ServiceType, rows: Iterable[dict]) -> list[dict]:
    """The cases of one record from its log rows (oldest first). Pure; working days are summed per step."""
    cycles: list[dict] = []
    cum = 0
    first_start_cum: int | None = None
    for row in rows:
        cum += row["working_days"] or 0
        if row["action"] in service.start_actions:
            cycles.append(
                {
                    "start_log_id": row["id"],
                    "started_at": row["created_at"],
                    "start_actor_id": row["actor_id"],
                    "_start_cum": cum,
                    "response_log_id": None,
                    "responded_at": None,
                    "response_days": None,
                    "completion_log_id": None,
                    "completed_at": None,
                    "completion_state": "",
                    "completion_days": None,
                }
            )
            if first_start_cum is None:
                first_start_cum = cum
            continue
        if not cycles:
            continue
        current = cycles[-1]
        if row["action"] in service.response_actions and current["response_log_id"] is None:
            current.update(
                response_log_id=row["id"],
                responded_at=row["created_at"],
                response_days=cum - current["_start_cum"],
            )
        entering = row["to_state"] in service.completion_states
        if (
            entering
            and row["from_state"] not in service.completion_states
            and current["completion_log_id"] is None
        ):
            current.update(
                completion_log_id=row["id"],
                completed_at=row["created_at"],
                completion_state=row["to_state"],
                completion_days=cum - (first_start_cum or 0),
            )
    return cycles


def _recipients(service: ServiceType, object_ids: set[int]) -> dict[int, int | None]:
    """The case's user per record, from the declared attribute of the source record."""
    model = service.model_class()
    if model is None or not service.recipient:
        return {}
    try:
        model._meta.get_field(service.recipient)
    except Exception:  # noqa: BLE001 - the attribute is not a field of that model
        return {}
    rows = model._default_manager.filter(pk__in=object_ids).values_list("pk", f"{service.recipient}_id")
    return dict(rows)


def _refresh_records(records: set[tuple[int, int]], result: RefreshResult) -> None:
    by_ct: dict[int, set[int]] = defaultdict(set)
    for ct, oid in records:
        by_ct[ct].add(oid)
    condition = Q()
    for ct, oids in by_ct.items():
        condition |= Q(content_type_id=ct, object_id__in=oids)
    logs: dict[tuple[int, int], list[dict]] = defaultdict(list)
    rows = (
        TransitionLog.objects.filter(condition, workflow__in=BY_WORKFLOW)
        .order_by("content_type_id", "object_id", "created_at", "id")
        .values(*_LOG_FIELDS)
    )
    for row in rows:
        logs[(row["content_type_id"], row["object_id"])].append(row)
    services_of: dict[tuple[int, int], ServiceType] = {}
    oids_by_service: dict[str, set[int]] = defaultdict(set)
    for key, record_rows in logs.items():
        service = BY_WORKFLOW[record_rows[0]["workflow"]]
        services_of[key] = service
        oids_by_service[service.code].add(key[1])
    users = {
        service.code: _recipients(service, oids_by_service[service.code])
        for service in SERVICE_TYPES
        if service.code in oids_by_service
    }
    existing = dict(ServiceCase.objects.filter(condition).values_list("start_log_id", "completion_log_id"))
    fresh: list[ServiceCase] = []
    for key, record_rows in logs.items():
        service = services_of[key]
        for cycle in cycles_of(service, record_rows):
            user_id = users.get(service.code, {}).get(key[1]) or cycle["start_actor_id"]
            fresh.append(
                ServiceCase(
                    service_type=service.code,
                    content_type_id=key[0],
                    object_id=key[1],
                    user_id=user_id,
                    **{k: v for k, v in cycle.items() if not k.startswith("_") and k != "start_actor_id"},
                )
            )
    update_fields = [
        "user",
        "response_log_id",
        "responded_at",
        "response_days",
        "completion_log_id",
        "completed_at",
        "completion_state",
        "completion_days",
    ]
    with transaction.atomic():
        ServiceCase.objects.bulk_create(
            fresh,
            update_conflicts=True,
            unique_fields=["start_log"],
            update_fields=update_fields,
            batch_size=1000,
        )
        ServiceCase.objects.filter(condition).exclude(
            start_log_id__in=[c.start_log_id for c in fresh]
        ).delete()
    completed_now = [
        c.start_log_id
        for c in fresh
        if c.completion_log_id is not None and existing.get(c.start_log_id) != c.completion_log_id
    ]
    if completed_now:
        result.newly_completed += list(
            ServiceCase.objects.filter(start_log_id__in=completed_now).values_list("id", flat=True)
        )
    result.records += len(logs)
    result.cases += len(fresh)


def cases_refresh(*, full: bool = False) -> RefreshResult:
    """Bring the service cases up to date with the log (``full``: recompute every record)."""
    watermark, _ = ScanWatermark.objects.get_or_create(name=SCAN_NAME)
    since = 0 if full else watermark.last_log_id
    result = RefreshResult(last_log_id=since)
    new_rows = TransitionLog.objects.filter(workflow__in=BY_WORKFLOW)
    new_rows = new_rows.filter(Q(id__gt=since) | Q(created_at__gte=timezone.now() - OVERLAP))
    touched: set[tuple[int, int]] = set()
    last_id = since
    for ct, oid, log_id in (
        new_rows.order_by("id")
        .values_list("content_type_id", "object_id", "id")
        .iterator(chunk_size=READ_CHUNK)
    ):
        touched.add((ct, oid))
        last_id = max(last_id, log_id)
    # each touched record is recomputed once, from its whole log
    ordered = sorted(touched)
    for start in range(0, len(ordered), RECORD_BATCH):
        _refresh_records(set(ordered[start : start + RECORD_BATCH]), result)
    ScanWatermark.objects.filter(pk=watermark.pk).update(last_log_id=max(last_id, watermark.last_log_id))
    result.last_log_id = last_id
    return result
