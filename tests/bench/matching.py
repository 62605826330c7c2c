"""Matching benchmark (issue 7): wraps ``matching/bench_matching.py`` (top-10 for one demand against N
published achievements vs a plain BM25 baseline; target ≤ 100 ms).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chengguo_bench .venv/bin/python tests/bench/matching.py

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

if __name__ == "__main__":
    sys.exit(
        common.run_script("matching", "matching/bench_matching.py", os.environ.get("BENCH_ARGS", "").split())
    )
