"""Service timeliness (000 §7.1.2.3): mean response and completion time in working days, per service type.

Reads the service cases derived from the transition log (:mod:`quality_metrics.services.cases`): two
aggregate queries whatever the number of log rows.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Sum

from .. import indicators
from ..service_types import timeliness_types
from ..sources import source_model
from .result import NO_DATA, Measurement


def _mean(total: float | None, n: int) -> float | None:
    return (total or 0) / n if n else None


def timeliness(start_at: dt.datetime, end_at: dt.datetime) -> Measurement:
    """Value: the mean response time over every first response given in the period (all services pooled).

    The mean completion time is reported beside it, with its own band; both per service type in details.
    """
    from ..models import ServiceCase

    services = timeliness_types()
    available = [s for s in services if source_model(s.model) is not None]
    missing = [s.code for s in services if s not in available]
    if not available:
        return Measurement.no_source(*missing)
    codes = [s.code for s in available]
    cases = ServiceCase.objects.filter(service_type__in=codes)
    responses = {
        r["service_type"]: r
        for r in cases.filter(responded_at__gte=start_at, responded_at__lt=end_at)
        .values("service_type")
        .annotate(n=Count("id"), total=Sum("response_days"))
        .order_by()
    }
    completions = {
        r["service_type"]: r
        for r in cases.filter(completed_at__gte=start_at, completed_at__lt=end_at)
        .values("service_type")
        .annotate(n=Count("id"), total=Sum("completion_days"))
        .order_by()
    }
    rows = []
    for service in available:
        resp = responses.get(service.code, {"n": 0, "total": 0})
        done = completions.get(service.code, {"n": 0, "total": 0})
        rows.append(
            {
                "code": service.code,
                "label": str(service.label),
                "responses": resp["n"],
                "response_days": resp["total"] or 0,
                "mean_response": _mean(resp["total"], resp["n"]),
                "completions": done["n"],
                "completion_days": done["total"] or 0,
                "mean_completion": _mean(done["total"], done["n"]),
            }
        )
    n = sum(r["responses"] for r in rows)
    total = sum(r["response_days"] for r in rows)
    done_n = sum(r["completions"] for r in rows)
    done_total = sum(r["completion_days"] for r in rows)
    mean_completion = _mean(done_total, done_n)
    details = {
        "by_service": rows,
        "missing_sources": missing,
        "mean_completion": mean_completion,
        "completion_band": indicators.get("timeliness").band(mean_completion),
        "completions": done_n,
        "completion_days": done_total,
    }
    if not n:
        return Measurement(None, 0, 0, details, NO_DATA)
    return Measurement(total / n, total, n, details)
