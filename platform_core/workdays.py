"""The Chinese working-day calendar used by every service clock on the platform.

Working days are Monday–Friday minus public holidays plus make-up working days (调休). The data comes
from the chinesecalendar package for the years it covers and from the staff-edited ``CalendarDay``
table, which overrides and extends it. A year with neither falls back to Monday–Friday and is reported
by :func:`years_without_data` (the admin shows a warning).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar

_PACKAGE_YEARS: tuple[int, int] | None = None


def _package_years() -> tuple[int, int]:
    global _PACKAGE_YEARS
    if _PACKAGE_YEARS is None:
        years = [d.year for d in chinese_calendar.holidays] + [d.year for d in chinese_calendar.workdays]
        _PACKAGE_YEARS = (min(years), max(years))
    return _PACKAGE_YEARS


def package_covers(year: int) -> bool:
    low, high = _package_years()
    return low <= year <= high


@lru_cache(maxsize=64)
def _overrides(year: int, version: int) -> dict[dt.date, bool]:
    from platform_core.workflow.models import CalendarDay

    rows = CalendarDay.objects.filter(date__year=year).values_list("date", "kind")
    return {d: kind == CalendarDay.Kind.WORKDAY for d, kind in rows}


def _version() -> int:
    from django.core.cache import cache

    return cache.get("workdays:version", 0)


def invalidate_cache() -> None:
    """Called when staff edit the calendar table."""
    from django.core.cache import cache

    try:
        cache.incr("workdays:version")
    except ValueError:
        cache.set("workdays:version", 1, None)
    _overrides.cache_clear()


def is_working_day(day: dt.date) -> bool:
    override = _overrides(day.year, _version()).get(day)
    if override is not None:
        return override
    if package_covers(day.year):
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Count working days d with start < d <= end (Monday → Tuesday is 1; same day is 0).

    If ``end`` is before ``start`` the result is 0.
    """
    if isinstance(start, dt.datetime):
        start = start.date()
    if isinstance(end, dt.datetime):
        end = end.date()
    if end <= start:
        return 0
    count = 0
    day = start + dt.timedelta(days=1)
    while day <= end:
        if is_working_day(day):
            count += 1
        day += dt.timedelta(days=1)
    return count


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date that is ``n`` working days after ``start`` (``n`` = 0 gives ``start``)."""
    if isinstance(start, dt.datetime):
        start = start.date()
    if n < 0:
        raise ValueError("n must be >= 0")
    day = start
    remaining = n
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def years_without_data(years: list[int] | None = None) -> list[int]:
    """Years (default: this year and the next) with neither package data nor any staff entry."""
    from django.utils import timezone

    from platform_core.workflow.models import CalendarDay

    if years is None:
        this = timezone.localdate().year
        years = [this, this + 1]
    missing = []
    for year in years:
        if package_covers(year):
            continue
        if not CalendarDay.objects.filter(date__year=year).exists():
            missing.append(year)
    return missing


def local_date(value: dt.datetime | dt.date) -> dt.date:
    """The Asia/Shanghai calendar date of a datetime (dates pass through)."""
    from django.utils import timezone

    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            return timezone.localtime(value).date()
        return value.date()
    return value
