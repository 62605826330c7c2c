"""Snapshots: one per indicator and period, recomputing replaces; schedules exist after migrate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django_celery_beat.models import PeriodicTask

from quality_metrics import periods, tasks
from quality_metrics.models import MetricSnapshot
from quality_metrics.periods import Period


def test_periods_arithmetic():
    q = periods.containing("quarter", dt.date(2025, 5, 17))
    assert (q.start, q.end, q.last_day) == (dt.date(2025, 4, 1), dt.date(2025, 7, 1), dt.date(2025, 6, 30))
    assert q.previous() == Period("quarter", dt.date(2025, 1, 1))
    assert Period("month", dt.date(2025, 12, 1)).next() == Period("month", dt.date(2026, 1, 1))
    assert periods.containing("half_year", dt.date(2025, 7, 1)).start == dt.date(2025, 7, 1)
    assert periods.containing("year", dt.date(2025, 7, 1)).end == dt.date(2026, 1, 1)
    assert periods.parse("quarter:2025-04-01") == q
    assert [p.start.month for p in periods.last_n("quarter", 4, dt.date(2025, 5, 1))] == [7, 10, 1, 4]
    assert {p.type for p in periods.closed_on(dt.date(2025, 7, 1))} == {"month", "quarter", "half_year"}
    assert {p.type for p in periods.closed_on(dt.date(2026, 1, 1))} == {
        "month",
        "quarter",
        "half_year",
        "year",
    }
    assert periods.closed_on(dt.date(2025, 7, 2)) == []
    with pytest.raises(ValueError):
        Period("quarter", dt.date(2025, 2, 1))


def test_snapshot_job_twice_leaves_one_snapshot_with_the_same_values(write_log):
    model = apps.get_model("achievements", "Achievement")
    for pk in (1, 2, 3, 4):
        write_log(model, pk, "achievement", [("accept", "submitted", "accepted", "2025-02-03 10:00")])
    write_log(model, 1, "achievement", [("convert", "agreement_signed", "converted", "2025-03-03 10:00")])
    tasks.metric_snapshots_compute.delay(period_key="quarter:2025-01-01")
    first = {s.indicator: (s.pk, s.value, s.status) for s in MetricSnapshot.objects.all()}
    tasks.metric_snapshots_compute.delay(period_key="quarter:2025-01-01")
    second = {s.indicator: (s.pk, s.value, s.status) for s in MetricSnapshot.objects.all()}
    assert MetricSnapshot.objects.count() == 7
    assert first == second
    snapshot = MetricSnapshot.objects.get(indicator="conversion_rate")
    assert (snapshot.value, snapshot.numerator, snapshot.denominator) == (25.0, 1, 4)
    assert snapshot.band == "needs_improvement"
    assert snapshot.period_end == dt.date(2025, 4, 1)


def test_recomputing_replaces_the_values(write_log):
    model = apps.get_model("achievements", "Achievement")
    write_log(model, 1, "achievement", [("accept", "submitted", "accepted", "2025-02-03 10:00")])
    tasks.metric_snapshots_compute(period_key="quarter:2025-01-01")
    write_log(model, 1, "achievement", [("convert", "agreement_signed", "converted", "2025-03-03 10:00")])
    tasks.metric_snapshots_compute(period_key="quarter:2025-01-01")
    snapshot = MetricSnapshot.objects.get(indicator="conversion_rate", period_type="quarter")
    assert snapshot.value == 100.0
    assert MetricSnapshot.objects.filter(indicator="conversion_rate").count() == 1


def test_daily_and_period_close_jobs(db):
    assert tasks.metric_snapshots_daily(day="2025-05-17") == 7 * 4 * 2
    assert MetricSnapshot.objects.filter(period_type="month", period_start="2025-04-01").count() == 7
    assert tasks.metric_snapshots_period_close(day="2025-07-01") == 7 * 3
    assert tasks.metric_snapshots_period_close(day="2025-07-02") == 0
    assert MetricSnapshot.objects.filter(period_type="half_year", period_start="2025-01-01").count() == 7


def test_beat_schedules_exist_after_migrate(db):
    names = set(
        PeriodicTask.objects.filter(name__startswith="quality_metrics:").values_list("name", flat=True)
    )
    assert {"quality_metrics: daily snapshots", "quality_metrics: period close"} <= names
    task = PeriodicTask.objects.get(name="quality_metrics: daily snapshots")
    assert task.task == "quality_metrics.tasks.metric_snapshots_daily"
    assert task.crontab.timezone.key == "Asia/Shanghai"
