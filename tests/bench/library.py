"""Library benchmark (issue 6): wraps ``achievements/library/bench_library.py`` (loads N published
achievements, then the API page vs its raw-SQL floor, mixed keywords vs ``icontains``, compound false matches).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chengguo_bench .venv/bin/python tests/bench/library.py
    BENCH_N=10000 .venv/bin/python tests/bench/library.py   # a quicker run

Prints one JSON line.
"""

import os
import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("_bench_common", Path(__file__).with_name("_common.py"))
common = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(common)

if __name__ == "__main__":
    n = os.environ.get("BENCH_N", "100000")
    sys.exit(
        common.run_script(
            "library",
            "achievements/library/bench_library.py",
            ["--n", n, "--requests", os.environ.get("BENCH_REQUESTS", "200")],
        )
    )
