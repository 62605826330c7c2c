"""Behaviour events (views, searches, favourites, access requests, exports) without slowing the page.

Inside a request the events are kept on the request's thread and written with one ``bulk_create`` when the
request has finished — after the response was handed to the server (``request_finished``), so the reader
never waits for it. Outside a request (tasks, commands, services called directly) an event is written at
once. Only signed-in users' behaviour is recorded: it feeds their recommendations (为您推荐); anonymous
visits are not profiled. Simple and correct: nothing is shared between requests or processes, nothing is
lost when a process ends.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

_local = threading.local()


def record(
    *,
    kind: str,
    user: Any = None,
    achievement_id: int | None = None,
    query: str = "",
    technical_field_id: int | None = None,
    filters: dict | None = None,
    results: int | None = None,
) -> None:
    """Remember one event of a signed-in user (written after the response, or now outside a request)."""
    if not getattr(user, "is_authenticated", False):
        return
    row = {
        "kind": kind,
        "user_id": user.pk,
        "achievement_id": achievement_id,
        "query": (query or "")[:200],
        "technical_field_id": technical_field_id,
        "filters": filters or {},
        "results": results,
        "created_at": timezone.now(),
    }
    events = getattr(_local, "events", None)
    if events is None:
        _write([row])
    else:
        events.append(row)


def pending() -> int:
    """Events of the current request not yet written."""
    return len(getattr(_local, "events", None) or [])


def _write(rows: list[dict[str, Any]]) -> int:
    from ..models import BehaviourEvent

    objs = [BehaviourEvent(**row) for row in rows]
    try:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            _insert_without_flush_wait(objs)
        else:
            with transaction.atomic():  # a savepoint inside a transaction: a failure leaves it usable
                BehaviourEvent.objects.bulk_create(objs, batch_size=500)
    except DatabaseError:  # analytics must never break anything
        logger.exception("library: could not write %d behaviour events", len(rows))
        return 0
    return len(rows)


def _insert_without_flush_wait(objs: list) -> None:
    """One round trip: ``SET LOCAL synchronous_commit TO OFF`` and the INSERT sent as one simple query, which
    PostgreSQL runs as one implicit transaction. Analytics: the commit need not wait for the WAL flush (a
    crash may lose the last few hundred milliseconds of events, never the platform's own data, which other
    transactions write). Only outside a transaction, so the setting never reaches anyone else's commit."""
    from django.db.models.sql import InsertQuery

    from ..models import BehaviourEvent

    fields = [f for f in BehaviourEvent._meta.concrete_fields if not f.primary_key]
    for start in range(0, len(objs), 500):
        query = InsertQuery(BehaviourEvent)
        query.insert_values(fields, objs[start : start + 500])
        for sql, params in query.get_compiler(connection=connection).as_sql():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF; " + sql, params)


def request_started(**_kwargs: Any) -> None:
    """``request_started`` receiver: events of this request are collected."""
    _local.events = []


def request_finished(**_kwargs: Any) -> None:
    """``request_finished`` receiver: the request's events, in one INSERT, after the response."""
    flush()


def flush() -> int:
    """Write the events collected so far (and stop collecting)."""
    events = getattr(_local, "events", None)
    _local.events = None
    return _write(events) if events else 0


def discard() -> None:
    """Forget collected events (tests)."""
    _local.events = None
