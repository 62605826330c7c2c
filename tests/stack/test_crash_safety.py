"""Tasks survive a dying worker (acks_late + reject_on_worker_lost + Redis redelivery), and a rolled-back
transaction sends nothing. Real Redis, real PostgreSQL, real worker processes killed with SIGKILL."""

from __future__ import annotations

import json
import re
import signal
import time

import pytest
import redis
from celery import Celery

from . import support

pytestmark = pytest.mark.stack

BATCH = 50
VISIBILITY_TIMEOUT = "3"  # seconds: unacknowledged messages of a dead worker come back quickly


def marks(url: str) -> dict[str, tuple[str, int, str]]:
    rows = support.pg_query(
        url, "SELECT key, value, attempts, worker FROM audit_probemark WHERE key LIKE 'crash-%%'"
    )
    return {key: (value, attempts, worker) for key, value, attempts, worker in rows}


def test_killing_a_worker_mid_batch_loses_nothing_and_applies_nothing_twice(stack_db, broker, processes):
    _name, url = stack_db
    env = support.stack_env(url, CELERY_VISIBILITY_TIMEOUT=VISIBILITY_TIMEOUT)
    sender = Celery("crash-drill", broker=broker)
    sender.conf.update(task_serializer="json", broker_connection_retry_on_startup=True)

    first = processes.worker("crash-a", env, concurrency=2)
    time.sleep(1)  # let it connect; the tasks wait in Redis either way
    for i in range(BATCH):
        sender.send_task(
            "platform_core.audit.tasks.probe_mark",
            kwargs={"key": f"crash-{i:02d}", "value": str(i), "sleep_ms": 250},
        )

    support.wait_for(lambda: len(marks(url)) >= 8, timeout=60, what="the first worker to finish a few tasks")
    processes.kill(first, signal.SIGKILL)
    at_kill = marks(url)
    assert 0 < len(at_kill) < BATCH, "the worker must die mid-batch"
    first_log = (processes.log_dir / "crash-a.log").read_text(errors="replace")
    received_by_first = len(re.findall(r"probe_mark\[[0-9a-f-]+\] received", first_log))

    # Kombu's Redis transport restores unacknowledged messages older than the visibility timeout when a
    # worker starts and then every ~100 s; wait past the timeout so the next worker takes them at once.
    time.sleep(float(VISIBILITY_TIMEOUT) + 1)
    processes.worker("crash-b", env, concurrency=2)
    started = time.monotonic()
    support.wait_for(
        lambda: len(marks(url)) == BATCH, timeout=240, what="the second worker to finish the batch"
    )
    recovered = time.monotonic() - started
    # give any stray redelivery time to show up before judging "applied once"
    time.sleep(float(VISIBILITY_TIMEOUT) + 2)
    final = marks(url)

    # the end state equals one clean run: every key once, with its own value
    assert sorted(final) == [f"crash-{i:02d}" for i in range(BATCH)]
    assert all(value == str(int(key[-2:])) for key, (value, _a, _w) in final.items())
    # what the first worker had written stays as it was: a task it finished but could not acknowledge before
    # dying is delivered again (at least once), and get_or_create makes the second execution change nothing
    for key, (value, _attempts, worker) in at_kill.items():
        assert final[key][0] == value and final[key][2] == worker
    by_second = [key for key, (_v, _a, worker) in final.items() if worker.startswith("crash-b")]
    assert len(by_second) == BATCH - len(at_kill)
    redelivered_again = sum(attempts for _v, attempts, _w in final.values()) - BATCH
    assert received_by_first > len(at_kill)  # it held unfinished tasks when it died; they were redelivered
    print(
        f"crash drill: {len(at_kill)} done before SIGKILL, {received_by_first} received by the first worker, "
        f"{len(by_second)} done by the second in {recovered:.0f}s, {redelivered_again} finished task(s) "
        f"delivered again and ignored, {BATCH} rows, each once"
    )
    # nothing left in the broker: no message stuck unacknowledged, none queued
    r = redis.Redis.from_url(broker)
    assert r.llen("celery") == 0
    assert r.hlen("unacked") == 0


ROLLBACK = """
from django.db import transaction
from platform_core.accounts.roles import Role
from platform_core.accounts.services import user_create
from platform_core.notifications.services import notification_send

user = user_create(username="rb", password="rb-pass-12345", roles=[Role.HOLDER], email="rb@example.com")

class Abort(Exception):
    pass

try:
    with transaction.atomic():
        notification_send(recipient=user, title="rolled back")
        raise Abort
except Abort:
    pass

with transaction.atomic():
    notification_send(recipient=user, title="committed")
print("done")
"""


def test_no_task_is_sent_from_a_transaction_that_rolls_back(stack_db, broker):
    _name, url = stack_db
    env = support.stack_env(url)
    out = support.manage(env, "shell", "-c", ROLLBACK)
    assert "done" in out
    r = redis.Redis.from_url(broker)
    messages = r.lrange("celery", 0, -1)
    tasks = [json.loads(m)["headers"]["task"] for m in messages]
    kwargs = [json.loads(m)["headers"]["kwargsrepr"] for m in messages]
    assert tasks == ["platform_core.notifications.tasks.notification_email"]  # only the committed one
    committed = support.pg_query(url, "SELECT id FROM notifications_notification WHERE title = 'committed'")
    assert support.pg_query(
        url, "SELECT count(*) FROM notifications_notification WHERE title = 'rolled back'"
    ) == [(0,)]
    assert str(committed[0][0]) in kwargs[0]
