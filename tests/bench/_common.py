"""Shared helpers of the benchmark wrappers (``make bench``): run an app's benchmark script in its own
process and pass on its one JSON line.

Every wrapper is run as a script (``python tests/bench/<name>.py``); Python then puts ``tests/bench`` first on
``sys.path``, where ``matching.py`` would shadow the ``matching`` app. The wrappers therefore never import the
project in their own process: they start the app's script with the repository as working directory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/chengguo_bench"


def bench_env(**extra: str) -> dict[str, str]:
    """The environment of a benchmark: DATABASE_URL (PostgreSQL ``chengguo_bench`` unless set), no DEBUG."""
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    env.setdefault("DJANGO_SETTINGS_MODULE", "platform_core.settings")
    env["DEBUG"] = "0"
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def last_json_line(text: str) -> dict | None:
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            try:
                return json.loads(line)
            except ValueError:
                continue
    return None


def run_script(name: str, script: str, args: list[str] | None = None, **env: str) -> int:
    """Run ``script`` (relative to the repository) and print ONE JSON line: the script's own, with the
    wall time of the whole run added, or an error line. Returns the exit status."""
    path = ROOT / script
    started = time.monotonic()
    if not path.exists():
        print(json.dumps({"bench": name, "error": f"{script} is missing"}, ensure_ascii=False))
        return 2
    proc = subprocess.run(
        [sys.executable, str(path), *(args or [])],
        cwd=ROOT,
        env=bench_env(**env),
        capture_output=True,
        text=True,
    )
    line = last_json_line(proc.stdout)
    if line is None or proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        print(
            json.dumps({"bench": name, "error": f"exit {proc.returncode}", "tail": tail}, ensure_ascii=False)
        )
        return proc.returncode or 1
    line.setdefault("bench", name)
    line["wall_s"] = round(time.monotonic() - started, 1)
    print(json.dumps(line, ensure_ascii=False, default=str))
    return 0
