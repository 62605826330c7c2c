"""Celery tasks (thin, idempotent; schedules are django-celery-beat rows staff can edit in the admin)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import periods
from .services.cases import cases_refresh
from .services.snapshots import snapshots_compute


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def metric_snapshots_compute(*, period_key: str) -> int:
    """Compute the seven indicators of one period (``quarter:2025-04-01``); running it twice changes nothing."""
    period = periods.parse(period_key)
    return len(snapshots_compute(period=period))


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def metric_snapshots_daily(*, day: str | None = None) -> int:
    """Daily: the current month, quarter, half-year and year, and the previous ones (late records)."""
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    count = 0
    cases_refresh()
    for period in periods.current_periods(today):
        for p in (period, period.previous()):
            count += len(snapshots_compute(period=p, refresh_cases=False))
    return count


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def metric_snapshots_period_close(*, day: str | None = None) -> int:
    """On the first day of a period: finalise the periods that just closed."""
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    count = 0
    for period in periods.closed_on(today):
        count += len(snapshots_compute(period=period))
    return count


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def service_cases_scan() -> int:
    """Read the new transition-log rows, update the service cases; returns the number of new completions."""
    result = cases_refresh()
    return len(result.newly_completed)
