from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest

from .. import periods

PAGE_SIZE = 20


def paginate(request: HttpRequest, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def period_from(request: HttpRequest, default_type: str = periods.PeriodType.YEAR) -> periods.Period:
    """``?period=quarter:2025-04-01`` or the current period of ``default_type``."""
    key = request.GET.get("period", "")
    if key:
        try:
            return periods.parse(key)
        except ValueError:
            pass
    return periods.containing(default_type)


def period_or_404(period_type: str, start: str | dt.date) -> periods.Period:
    try:
        day = start if isinstance(start, dt.date) else dt.date.fromisoformat(start)
        return periods.Period(period_type, day)
    except ValueError as exc:
        raise Http404 from exc


def period_choices(day: dt.date | None = None) -> list[tuple[str, str]]:
    """Recent periods to pick from: the last 12 months, 8 quarters, 4 half-years, 5 years."""
    out = []
    for period_type, n in (("year", 5), ("half_year", 4), ("quarter", 8), ("month", 12)):
        for p in reversed(periods.last_n(period_type, n, day)):
            out.append((p.key, p.label))
    return out
