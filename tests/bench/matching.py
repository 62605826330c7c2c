"""Matching benchmark (issue 7): wraps ``matching/bench_matching.py`` (top-10 for one demand against N
published achievements vs a plain BM25 baseline; target ≤ 100 ms).

    .venv/bin/python tests/bench/matching.py     # own database: BENCH_MATCHING_DATABASE_URL (chengguo_bench_matching)

Prints one JSON line.
"""

import os
import sys
from pathlib import Path

# run as a script, this folder comes first on sys.path and matching.py would shadow the matching app
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("_bench_common", Path(__file__).with_name("_common.py"))
common = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(common)

MATCHING_DB = os.environ.get(
    "BENCH_MATCHING_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chengguo_bench_matching"
)


def _ensure_database(url: str) -> None:
    """The script migrates its database on first use; on PostgreSQL the database itself must exist."""
    if not url.startswith("postgres"):
        return
    import psycopg2

    base, name = url.rsplit("/", 1)
    conn = psycopg2.connect(base + "/postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


if __name__ == "__main__":
    # its own database: the matching benchmark inserts its own N achievements (not the library's 100k)
    _ensure_database(MATCHING_DB)
    args = ["--n", os.environ.get("BENCH_N", "100000"), *os.environ.get("BENCH_ARGS", "").split()]
    sys.exit(common.run_script("matching", "matching/bench_matching.py", args, DATABASE_URL=MATCHING_DB))
