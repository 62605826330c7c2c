"""`make stack` for real: scripts/stack.sh starts gunicorn + worker + beat on PostgreSQL and Redis.

The smoke test calls /healthz (database ok, broker ok), has staff trigger a heartbeat through the web
app (POST /admin/audit/probemark/ping/ → Redis → the worker), polls until the worker finished it,
and stops every process the script started.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path

import pytest

from . import support

pytestmark = pytest.mark.stack

STAFF = """
from platform_core.accounts.roles import Role
from platform_core.accounts.services import user_create
user_create(username="stackstaff", password="stack-pass-12345", roles=[Role.STAFF], display_name="运维专员")
"""


def _alive(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_stack_serves_health_and_runs_a_task_triggered_through_the_web(stack_db, broker, tmp_path):
    _name, url = stack_db
    port = support.free_port()
    pidfile = tmp_path / "stack.pids"
    env = support.stack_env(
        url,
        PORT=str(port),
        STACK_SEED="0",
        STACK_PIDFILE=str(pidfile),
        WEB_CONCURRENCY="1",
        WORKER_CONCURRENCY="1",
    )
    support.manage(env, "shell", "-c", STAFF)
    log_path = tmp_path / "stack.log"
    log = open(log_path, "wb")  # noqa: SIM115
    script = subprocess.Popen(
        ["bash", str(support.ROOT / "scripts/stack.sh")],
        cwd=support.ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    children: list[int] = []
    try:
        children = support.wait_for(
            lambda: [int(p) for p in pidfile.read_text().split()] if pidfile.exists() else None,
            timeout=60,
            what="the stack to start its processes",
        )
        assert len(children) == 3  # web, worker, beat
        client = support.Browserless(f"http://127.0.0.1:{port}")

        health = support.wait_for(
            lambda: client.json("GET", "/healthz")[1], timeout=60, what="/healthz to answer"
        )
        assert health == {"status": "ok", "database": "ok", "broker": "ok"}

        # anonymous users cannot send tasks
        status, _text, _headers = client.request("POST", "/admin/audit/probemark/ping/", {})
        assert status in (302, 403)

        client.login("stackstaff", "stack-pass-12345")
        status, ping = client.json("POST", "/admin/audit/probemark/ping/", {})
        assert status == 202, ping
        token = ping["token"]

        result = support.wait_for(
            lambda: (r := client.json("GET", ping["status_url"])[1])["done"] and r,
            timeout=60,
            what="the worker to run the heartbeat",
        )
        assert result["token"] == token and result["worker"]
        rows = support.pg_query(
            url, "SELECT attempts FROM audit_probemark WHERE key = %s", (f"heartbeat:{token}",)
        )
        assert rows == [(1,)]
        worker_log = log_path.read_text(errors="replace")
        assert "platform_core.audit.tasks.heartbeat" in worker_log  # it went through the worker, not eagerly
    except BaseException:
        print(Path(log_path).read_text(errors="replace")[-6000:])
        raise
    finally:
        # Stop the script as Ctrl-C would; it stops its three process groups.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(script.pid, signal.SIGINT)
        try:
            script.wait(timeout=30)
        except subprocess.TimeoutExpired:
            support.Processes.kill(script, signal.SIGKILL)
        leftovers = [pid for pid in children if _alive(pid)]
        for pid in leftovers:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        log.close()
    assert leftovers == [], f"stack.sh left process groups running: {leftovers}"
    assert not pidfile.exists()
    assert "stopped" in log_path.read_text(errors="replace")
