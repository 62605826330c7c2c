"""Computing and storing the indicator snapshots (idempotent: recomputing a period replaces it)."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .. import indicators
from ..measures import Measurement
from ..models import MetricSnapshot
from ..periods import Period
from .cases import cases_refresh


def measure(*, indicator: str, period: Period) -> Measurement:
    """The live value of one indicator for one period (nothing stored)."""
    return indicators.get(indicator).compute(period.start_at, period.end_at)


@transaction.atomic
def snapshot_compute(*, indicator: str, period: Period) -> MetricSnapshot:
    result = measure(indicator=indicator, period=period)
    snapshot, _ = MetricSnapshot.objects.update_or_create(
        indicator=indicator,
        period_type=period.type,
        period_start=period.start,
        defaults={
            "period_end": period.end,
            "status": result.status,
            "value": result.value,
            "numerator": result.numerator,
            "denominator": result.denominator,
            "details": result.details,
            "computed_at": timezone.now(),
        },
    )
    from ..selectors.dashboard import live_key

    cache.delete(live_key(indicator, period))  # the snapshot is shown from now on
    return snapshot


def snapshots_compute(*, period: Period, refresh_cases: bool = True) -> list[MetricSnapshot]:
    """All seven indicators for one period (first bringing the service cases up to date with the log)."""
    if refresh_cases:
        cases_refresh()
    return [snapshot_compute(indicator=code, period=period) for code in indicators.CODES]
