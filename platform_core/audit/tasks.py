"""Diagnostic tasks: prove that beat schedules, the broker delivers and a worker runs.

Both are idempotent: running one twice leaves the same rows (the execution counter aside).
"""

from __future__ import annotations

import time

from celery import shared_task
from django.db import OperationalError

from .services import probe_mark_touch

HEARTBEAT_KEY = "heartbeat"


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def heartbeat(*, token: str = "") -> str:
    """Touch ``heartbeat`` (or ``heartbeat:<token>``) and return the key; beat runs it on a schedule."""
    key = f"{HEARTBEAT_KEY}:{token}"[:100] if token else HEARTBEAT_KEY
    probe_mark_touch(key=key, value=token)
    return key


@shared_task(bind=True, acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def probe_mark(self, *, key: str, value: str = "", sleep_ms: int = 0) -> str:
    """Crash-drill task: wait a little (so a worker can die mid-batch), then write the row for ``key``."""
    if sleep_ms:
        time.sleep(min(sleep_ms, 5000) / 1000)
    probe_mark_touch(key=key, value=value, worker=self.request.hostname or "")
    return key
