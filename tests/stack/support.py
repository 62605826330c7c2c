"""Helpers for the stack tests: throwaway PostgreSQL databases, a Redis DB, process groups, a tiny HTTP client.

Nothing here mocks anything: the tests start real ``celery``/``gunicorn`` processes against the local
PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) and stop every process group they started.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg2
import redis

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
PYTHON = sys.executable
CELERY = str(VENV_BIN / "celery")
PG_ADMIN_URL = os.environ.get("STACK_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
STACK_REDIS_DB = int(os.environ.get("STACK_REDIS_DB", "7"))  # dedicated to these tests; flushed by them


def pg_url(dbname: str) -> str:
    parts = urllib.parse.urlsplit(PG_ADMIN_URL)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{dbname}"))


def _admin_conn():
    conn = psycopg2.connect(PG_ADMIN_URL)
    conn.autocommit = True
    return conn


def pg_create(dbname: str, template: str | None = None) -> str:
    with contextlib.closing(_admin_conn()) as conn, conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{dbname}"' + (f' TEMPLATE "{template}"' if template else ""))
    return pg_url(dbname)


def pg_drop(dbname: str) -> None:
    with contextlib.closing(_admin_conn()) as conn, conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def unique_name(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"


def pg_query(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    with contextlib.closing(psycopg2.connect(url)) as conn, conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def redis_url(db: int = STACK_REDIS_DB) -> str:
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{db}"


def redis_flush(db: int = STACK_REDIS_DB) -> None:
    redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=db).flushdb()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stack_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a stack process: development settings on PostgreSQL + Redis."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_", "CELERY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="platform_core.settings",
        DJANGO_DEBUG="1",
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=redis_url(),
        CELERY_RESULT_BACKEND="",
        REDIS_URL="",
        PYTHONUNBUFFERED="1",
        LOG_LEVEL="INFO",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class Processes:
    """Start processes in their own process groups; ``stop_all`` ends every group (TERM, then KILL)."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.procs: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        proc._log_file = log  # type: ignore[attr-defined]
        self.procs.append((name, proc))
        return proc

    def worker(self, name: str, env: dict[str, str], concurrency: int = 1) -> subprocess.Popen:
        return self.start(
            name,
            [
                CELERY,
                "-A",
                "platform_core",
                "worker",
                "-l",
                "info",
                "-c",
                str(concurrency),
                "-n",
                f"{name}-{uuid.uuid4().hex[:6]}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            env,
        )

    def beat(self, name: str, env: dict[str, str]) -> subprocess.Popen:
        return self.start(
            name,
            [
                CELERY,
                "-A",
                "platform_core",
                "beat",
                "-l",
                "info",
                "-S",
                "django_celery_beat.schedulers:DatabaseScheduler",
                "--pidfile",
                str(self.log_dir / f"{name}.pid"),
            ],
            env,
        )

    @staticmethod
    def kill(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        # the group may outlive its leader (prefork children): make sure nothing is left
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)

    def stop_all(self) -> None:
        for _name, proc in reversed(self.procs):
            self.kill(proc)
            proc._log_file.close()  # type: ignore[attr-defined]

    def logs(self) -> str:
        out = []
        for name, _proc in self.procs:
            path = self.log_dir / f"{name}.log"
            text = path.read_text(errors="replace") if path.exists() else ""
            out.append(f"----- {name} -----\n{text[-4000:]}")
        return "\n".join(out)


def wait_for(predicate: Callable[[], object], timeout: float, what: str, interval: float = 0.25) -> object:
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as exc:  # noqa: BLE001 - keep polling, report the last error
            last_error = exc
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last error: {last_error!r})")


class Browserless:
    """A cookie-keeping HTTP client with Django's CSRF handling (urllib only)."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, method: str, path: str, data: dict | None = None, timeout: float = 10):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, method=method)  # noqa: S310 - http://127.0.0.1 only
        if method != "GET":
            req.add_header("X-CSRFToken", self.csrf())
            req.add_header("Referer", self.base + path)
        try:
            with self.opener.open(req, timeout=timeout) as resp:
                return resp.status, resp.read().decode("utf-8", "replace"), dict(resp.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace"), dict(exc.headers)

    def json(self, method: str, path: str, data: dict | None = None) -> tuple[int, dict]:
        status, text, _headers = self.request(method, path, data)
        return status, json.loads(text)

    def login(self, username: str, password: str) -> None:
        status, html, _ = self.request("GET", "/accounts/login/")
        assert status == 200, status
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        status, _text, headers = self.request(
            "POST",
            "/accounts/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
        )
        assert status == 302, f"login failed: {status}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@contextlib.contextmanager
def throwaway_database(template: str | None, prefix: str = "chengguo_stack") -> Iterator[tuple[str, str]]:
    name = unique_name(prefix)
    url = pg_create(name, template)
    try:
        yield name, url
    finally:
        pg_drop(name)
