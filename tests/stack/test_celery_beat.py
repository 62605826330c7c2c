"""Celery for real: beat reads a schedule from the database, Redis carries it, a worker runs it."""

from __future__ import annotations

import pytest

from . import support

pytestmark = pytest.mark.stack

SCHEDULE = """
from django_celery_beat.models import IntervalSchedule, PeriodicTask
every, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
PeriodicTask.objects.update_or_create(
    name="audit: heartbeat (stack test)",
    defaults={"interval": every, "task": "platform_core.audit.tasks.heartbeat", "enabled": True},
)
"""


def heartbeat_runs(url: str) -> int:
    rows = support.pg_query(url, "SELECT attempts FROM audit_probemark WHERE key = %s", ("heartbeat",))
    return rows[0][0] if rows else 0


def test_beat_schedules_and_worker_runs_on_redis(stack_db, broker, processes):
    _name, url = stack_db
    env = support.stack_env(url)
    support.manage(env, "shell", "-c", SCHEDULE)
    assert heartbeat_runs(url) == 0

    processes.worker("worker", env)
    processes.beat("beat", env)

    # every second beat sends one heartbeat; three executions prove the loop beat → Redis → worker runs
    try:
        support.wait_for(lambda: heartbeat_runs(url) >= 3, timeout=60, what="three scheduled heartbeats")
    except AssertionError:
        print(processes.logs())
        raise
    rows = support.pg_query(url, "SELECT count(*) FROM audit_probemark WHERE key = 'heartbeat'")
    assert rows == [(1,)]  # idempotent: one row however often it ran
