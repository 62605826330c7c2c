"""Reporting periods: month, quarter, half-year and year, in the platform's time zone (Asia/Shanghai)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PeriodType(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("Half-year")
    YEAR = "year", _("Year")


_MONTHS = {PeriodType.MONTH: 1, PeriodType.QUARTER: 3, PeriodType.HALF_YEAR: 6, PeriodType.YEAR: 12}


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    type: str
    start: dt.date

    def __post_init__(self) -> None:
        if self.type not in _MONTHS:
            raise ValueError(f"unknown period type {self.type!r}")
        months = _MONTHS[self.type]
        if self.start.day != 1 or (self.start.month - 1) % months:
            raise ValueError(f"{self.start} does not start a {self.type}")

    @property
    def months(self) -> int:
        return _MONTHS[self.type]

    @property
    def end(self) -> dt.date:
        """The first day after the period (exclusive bound)."""
        return _add_months(self.start, self.months)

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def start_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))

    @property
    def end_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.end, dt.time.min))

    @property
    def label(self) -> str:
        year = self.start.year
        if self.type == PeriodType.MONTH:
            return gettext("%(year)d-%(month)02d") % {"year": year, "month": self.start.month}
        if self.type == PeriodType.QUARTER:
            return gettext("%(year)d Q%(n)d") % {"year": year, "n": (self.start.month - 1) // 3 + 1}
        if self.type == PeriodType.HALF_YEAR:
            if self.start.month == 1:
                return gettext("%(year)d first half") % {"year": year}
            return gettext("%(year)d second half") % {"year": year}
        return gettext("%(year)d") % {"year": year}

    @property
    def short_label(self) -> str:
        """Compact labels for chart axes: 2026-03, 2026Q1, 2026H1, 2026."""
        year = self.start.year
        if self.type == PeriodType.MONTH:
            return f"{year}-{self.start.month:02d}"
        if self.type == PeriodType.QUARTER:
            return f"{year}Q{(self.start.month - 1) // 3 + 1}"
        if self.type == PeriodType.HALF_YEAR:
            return f"{year}H{1 if self.start.month == 1 else 2}"
        return str(year)

    @property
    def type_label(self):
        return PeriodType(self.type).label

    @property
    def key(self) -> str:
        """A stable text key, e.g. ``quarter:2025-04-01`` (URLs, task arguments)."""
        return f"{self.type}:{self.start.isoformat()}"

    def previous(self) -> Period:
        return Period(self.type, _add_months(self.start, -self.months))

    def next(self) -> Period:
        return Period(self.type, self.end)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end

    def is_closed(self, today: dt.date | None = None) -> bool:
        return (today or timezone.localdate()) >= self.end

    def __str__(self) -> str:
        return self.label


def containing(period_type: str, day: dt.date | None = None) -> Period:
    day = day or timezone.localdate()
    months = _MONTHS[period_type]
    month = (day.month - 1) // months * months + 1
    return Period(period_type, dt.date(day.year, month, 1))


def last_n(period_type: str, n: int, day: dt.date | None = None) -> list[Period]:
    """The ``n`` periods up to and including the one containing ``day``, oldest first."""
    current = containing(period_type, day)
    periods = [current]
    for _step in range(n - 1):
        periods.append(periods[-1].previous())
    return list(reversed(periods))


def parse(key: str) -> Period:
    """``quarter:2025-04-01`` → Period; ValueError on anything else."""
    period_type, _, start = key.partition(":")
    return Period(period_type, dt.date.fromisoformat(start))


def current_periods(day: dt.date | None = None) -> list[Period]:
    return [containing(t, day) for t in PeriodType.values]


def closed_on(day: dt.date) -> list[Period]:
    """The periods that ended the day before ``day`` (what "period close" on ``day`` finalises)."""
    return [containing(t, day).previous() for t in PeriodType.values if containing(t, day).start == day]
