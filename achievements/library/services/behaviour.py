"""Behaviour events (views, searches, favourites, access requests, inquiries) without slowing the page.

Events go to a per-process buffer and are written with one ``bulk_create`` when the buffer holds
``LIBRARY_EVENT_BUFFER`` events (default 50) or its oldest event is ``LIBRARY_EVENT_FLUSH_SECONDS`` old
(default 5): the check runs when a request has finished (after the response was handed to the server) and
at process exit. Outside a request (tasks, commands, tests) call :func:`flush`. The trade-off is stated:
a process killed with SIGKILL loses at most one buffer of analytics events, never business data.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_buffer: list[dict[str, Any]] = []
_oldest: float | None = None


def _limits() -> tuple[int, float]:
    return (
        int(getattr(settings, "LIBRARY_EVENT_BUFFER", 50)),
        float(getattr(settings, "LIBRARY_EVENT_FLUSH_SECONDS", 5)),
    )


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
    """Remember one event (no database access here)."""
    global _oldest
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    row = {
        "kind": kind,
        "user_id": user_id,
        "achievement_id": achievement_id,
        "query": (query or "")[:200],
        "technical_field_id": technical_field_id,
        "filters": filters or {},
        "results": results,
        "created_at": timezone.now(),
    }
    with _lock:
        _buffer.append(row)
        if _oldest is None:
            _oldest = time.monotonic()


def pending() -> int:
    return len(_buffer)


def flush() -> int:
    """Write every buffered event now; returns how many were written."""
    global _oldest
    with _lock:
        rows = list(_buffer)
        _buffer.clear()
        _oldest = None
    if not rows:
        return 0
    from ..models import BehaviourEvent

    try:
        BehaviourEvent.objects.bulk_create([BehaviourEvent(**row) for row in rows], batch_size=500)
    except DatabaseError:  # analytics must never break a page
        logger.exception("library: could not write %d behaviour events", len(rows))
        return 0
    return len(rows)


def flush_if_due(**_kwargs: Any) -> None:
    """``request_finished`` receiver: write the buffer when it is full or old enough."""
    if not _buffer:
        return
    size, seconds = _limits()
    if len(_buffer) >= size or (_oldest is not None and time.monotonic() - _oldest >= seconds):
        flush()


def discard() -> None:
    """Forget the buffer (tests)."""
    global _oldest
    with _lock:
        _buffer.clear()
        _oldest = None


def _at_exit() -> None:
    if _buffer:
        with contextlib.suppress(Exception):  # the interpreter is going away
            flush()


atexit.register(_at_exit)
