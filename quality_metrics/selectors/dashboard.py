"""Reads behind the quality dashboard: current values, trends, the workflow funnel, waiting times, workload."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Avg, Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from platform_core.workflow.models import TransitionLog

from .. import indicators, periods
from ..measures import Measurement
from ..models import MetricSnapshot, ServiceCase
from ..service_types import SERVICE_TYPES, timeliness_types

# The funnel of 000 §6 from the achievement workflow: a stage counts achievements that reached it or any later one.
FUNNEL: list[tuple[str, Any, tuple[str, ...]]] = [
    ("submitted", _("Submitted"), ("submitted",)),
    ("accepted", _("Accepted"), ("accepted",)),
    ("evaluated", _("Evaluated"), ("evaluation_passed", "evaluation_failed", "not_evaluated")),
    ("published", _("Published"), ("published",)),
    ("docked", _("In docking"), ("in_docking",)),
    ("agreement", _("Agreement signed"), ("agreement_signed",)),
    ("converted", _("Converted"), ("converted",)),
]


@dataclass
class Cell:
    """One indicator in one period, from its snapshot or, when none is stored yet, measured live."""

    indicator: indicators.Indicator
    period: periods.Period
    value: float | None
    status: str
    numerator: float | None
    denominator: float | None
    details: dict
    computed_at: dt.datetime | None
    live: bool = False

    @property
    def band(self) -> str | None:
        return self.indicator.band(self.value)

    @property
    def band_label(self):
        return indicators.band_label(self.band)

    @property
    def band_colour(self) -> str:
        return indicators.BAND_COLOURS.get(self.band or "", "secondary")

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse(
            "quality_metrics:indicator_detail",
            args=[self.indicator.code, self.period.type, self.period.start],
        )


# A period without a stored snapshot (the current ones, until the daily job has run) is measured live; the
# measurement is kept in the cache for LIVE_TTL seconds, so a dashboard view costs one query for the
# snapshots instead of ~10 per indicator and period. Storing a snapshot deletes the live value (the snapshot
# is shown from then on); otherwise a change in the source data shows within LIVE_TTL.
LIVE_TTL = 300


def live_key(code: str, period: periods.Period) -> str:
    return f"quality:live:{code}:{period.type}:{period.start.isoformat()}"


def live_measure(definition, period: periods.Period) -> Measurement:
    """The indicator measured over the period now, or within the last LIVE_TTL seconds."""
    key = live_key(definition.code, period)
    result = cache.get(key)
    if result is None:
        result = definition.compute(period.start_at, period.end_at)
        cache.set(key, result, LIVE_TTL)
    return result


def live_forget(period: periods.Period | None = None) -> None:
    """Drop the cached live measurements of one period (default: every current period)."""
    targets = [period] if period is not None else periods.current_periods()
    cache.delete_many([live_key(code, p) for p in targets for code in indicators.INDICATORS])


def _cell(definition, period, snapshot: MetricSnapshot | None) -> Cell:
    if snapshot is not None:
        return Cell(
            definition,
            period,
            snapshot.value,
            snapshot.status,
            snapshot.numerator,
            snapshot.denominator,
            snapshot.details,
            snapshot.computed_at,
        )
    result: Measurement = live_measure(definition, period)
    return Cell(
        definition,
        period,
        result.value,
        result.status,
        result.numerator,
        result.denominator,
        result.details,
        None,
        True,
    )


def cell(code: str, period: periods.Period) -> Cell:
    snapshot = MetricSnapshot.objects.filter(
        indicator=code, period_type=period.type, period_start=period.start
    ).first()
    return _cell(indicators.get(code), period, snapshot)


def period_cells(period: periods.Period) -> list[Cell]:
    """Each indicator's cell for one period (one query for the snapshots; live values from the cache)."""
    stored = {
        s.indicator: s
        for s in MetricSnapshot.objects.filter(period_type=period.type, period_start=period.start)
    }
    return [
        _cell(definition, period, stored.get(definition.code))
        for definition in sorted(indicators.INDICATORS.values(), key=lambda i: i.order)
    ]


def current_grid(day: dt.date | None = None) -> list[dict]:
    """Each indicator with its cells for this month, quarter, half-year and year (one query for the snapshots)."""
    current = periods.current_periods(day)
    wanted = Q()
    for p in current:
        wanted |= Q(period_type=p.type, period_start=p.start)
    stored = {(s.indicator, s.period_type): s for s in MetricSnapshot.objects.filter(wanted)}
    rows = []
    for definition in sorted(indicators.INDICATORS.values(), key=lambda i: i.order):
        rows.append(
            {
                "indicator": definition,
                "cells": [_cell(definition, p, stored.get((definition.code, p.type))) for p in current],
            }
        )
    return rows


def trend(period_type: str, count: int, day: dt.date | None = None) -> dict:
    """The last ``count`` periods' stored values per indicator (missing periods are gaps)."""
    window = periods.last_n(period_type, count, day)
    stored = {
        (s.indicator, s.period_start): s
        for s in MetricSnapshot.objects.filter(
            period_type=period_type, period_start__gte=window[0].start, period_start__lte=window[-1].start
        )
    }
    series = []
    for definition in sorted(indicators.INDICATORS.values(), key=lambda i: i.order):
        values = []
        for p in window:
            snap = stored.get((definition.code, p.start))
            values.append(None if snap is None or snap.value is None else round(snap.value, 2))
        series.append(
            {
                "code": definition.code,
                "name": str(definition.name),
                "unit": definition.unit,
                "upper": definition.upper,
                "lower": definition.lower,
                "values": values,
                "bands": [
                    str(indicators.band_label(definition.band(v))) if v is not None else "" for v in values
                ],
            }
        )
    return {"labels": [p.label for p in window], "keys": [p.key for p in window], "series": series}


def funnel(period: periods.Period) -> list[dict]:
    """Achievements reaching each stage (or a later one) within the period, from the transition log (one query)."""
    aggregates = {}
    later: tuple[str, ...] = ()
    for code, _label, states in reversed(FUNNEL):
        later = later + states
        aggregates[code] = Count("object_id", distinct=True, filter=Q(to_state__in=later))
    counts = TransitionLog.objects.filter(
        workflow="achievement", created_at__gte=period.start_at, created_at__lt=period.end_at
    ).aggregate(**aggregates)
    rows = []
    first = counts[FUNNEL[0][0]] or 0
    for code, label, _states in FUNNEL:
        n = counts[code] or 0
        rows.append(
            {"code": code, "label": str(label), "count": n, "share": (n * 100 / first) if first else None}
        )
    return rows


def funnel_states(stage: str) -> tuple[str, ...]:
    codes = [c for c, _l, _s in FUNNEL]
    index = codes.index(stage)
    states: tuple[str, ...] = ()
    for _code, _label, s in FUNNEL[index:]:
        states += s
    return states


def waiting_times(period: periods.Period) -> list[dict]:
    """Mean response and completion time per service type in the period (from the service cases)."""
    cases = ServiceCase.objects.filter(service_type__in=[s.code for s in timeliness_types()])
    responded = dict(
        cases.filter(responded_at__gte=period.start_at, responded_at__lt=period.end_at)
        .values("service_type")
        .annotate(mean=Avg("response_days"))
        .values_list("service_type", "mean")
        .order_by()
    )
    completed = dict(
        cases.filter(completed_at__gte=period.start_at, completed_at__lt=period.end_at)
        .values("service_type")
        .annotate(mean=Avg("completion_days"))
        .values_list("service_type", "mean")
        .order_by()
    )
    return [
        {
            "code": s.code,
            "label": str(s.label),
            "response": responded.get(s.code),
            "completion": completed.get(s.code),
        }
        for s in timeliness_types()
    ]


def workload(period: periods.Period) -> list[dict]:
    """Per service type: requests received, first responses, completions in the period, and still open now."""
    in_period = {"gte": period.start_at, "lt": period.end_at}
    rows = (
        ServiceCase.objects.values("service_type")
        .annotate(
            received=Count("id", filter=Q(started_at__gte=in_period["gte"], started_at__lt=in_period["lt"])),
            responded=Count(
                "id", filter=Q(responded_at__gte=in_period["gte"], responded_at__lt=in_period["lt"])
            ),
            completed=Count(
                "id", filter=Q(completed_at__gte=in_period["gte"], completed_at__lt=in_period["lt"])
            ),
            open_now=Count("id", filter=Q(completed_at__isnull=True)),
        )
        .order_by()
    )
    by_code = {r["service_type"]: r for r in rows}
    empty = {"received": 0, "responded": 0, "completed": 0, "open_now": 0}
    return [{"code": s.code, "label": str(s.label), **(by_code.get(s.code) or empty)} for s in SERVICE_TYPES]


def staff_workload(period: periods.Period, limit: int = 10) -> list[dict]:
    """The staff members who took the most workflow steps on service records in the period."""
    rows = (
        TransitionLog.objects.filter(
            created_at__gte=period.start_at,
            created_at__lt=period.end_at,
            workflow__in=[s.workflow for s in SERVICE_TYPES],
            actor__groups__name__in=["staff", "admin"],
        )
        .values("actor_id", "actor__display_name", "actor__username")
        .annotate(steps=Count("id", distinct=True))
        .order_by("-steps")[:limit]
    )
    return [
        {
            "actor_id": r["actor_id"],
            "name": r["actor__display_name"] or r["actor__username"],
            "steps": r["steps"],
        }
        for r in rows
    ]


def funnel_records(stage: str, period: periods.Period) -> QuerySet | None:
    """The achievements behind one funnel bar (None while the achievements app is not installed)."""
    from ..sources import source_model

    model = source_model("achievements.Achievement")
    if model is None:
        return None
    ids = TransitionLog.objects.filter(
        workflow="achievement",
        to_state__in=funnel_states(stage),
        created_at__gte=period.start_at,
        created_at__lt=period.end_at,
    ).values("object_id")
    return model._default_manager.filter(pk__in=ids).select_related("holder").order_by("name", "pk")


CASE_KINDS = ("received", "responded", "completed", "open")


def service_cases(*, service: str, kind: str, period: periods.Period) -> QuerySet:
    """The cases behind the waiting-time and workload charts."""
    qs = ServiceCase.objects.select_related("content_type", "user")
    if service:
        qs = qs.filter(service_type=service)
    if kind == "open":
        return qs.filter(completed_at__isnull=True).order_by("started_at", "id")
    field = {"received": "started_at", "responded": "responded_at", "completed": "completed_at"}[kind]
    return qs.filter(**{f"{field}__gte": period.start_at, f"{field}__lt": period.end_at}).order_by(
        f"-{field}", "-id"
    )
