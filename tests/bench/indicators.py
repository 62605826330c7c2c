"""Indicators benchmark (issue 10): wraps ``quality_metrics/bench_indicators.py`` (the seven indicators for one
year over 1,000,000 transition-log rows; target ≤ 1 s and a query count independent of the data size).

The script uses its own database (``BENCH_DATABASE_URL``, default chengguo_bench_qm) and prints a readable
report; this wrapper turns it into one JSON line. ``BENCH_ROWS=200000`` for a quicker run.

    .venv/bin/python tests/bench/indicators.py
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parents[2]
SIZE = re.compile(
    r"([\d,]+) log rows \(generated in ([\d.]+) s\): all seven indicators for (\d+) in (\d+) ms "
    r"\(best of 3\), (\d+) queries"
)
CATCH_UP = re.compile(r"log scan catch-up: ([\d,]+) records, ([\d,]+) cases in ([\d.]+) s")
INCREMENTAL = re.compile(r"incremental scan of 1,000 new rows: ([\d,]+) records in ([\d.]+) s")


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def main() -> int:
    started = time.monotonic()
    env = dict(os.environ, PYTHONPATH=str(ROOT), DEBUG="0")
    env.pop("DATABASE_URL", None)  # the script picks its own database (BENCH_DATABASE_URL)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "quality_metrics/bench_indicators.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    out = proc.stdout
    sizes = [
        {
            "log_rows": _int(m[0]),
            "generate_s": float(m[1]),
            "year": int(m[2]),
            "ms": int(m[3]),
            "queries": int(m[4]),
        }
        for m in SIZE.findall(out)
    ]
    line: dict = {"bench": "indicators", "sizes": sizes}
    catch = CATCH_UP.findall(out)
    if catch:
        line["log_scan_catch_up"] = [
            {"records": _int(r), "cases": _int(c), "s": float(s)} for r, c, s in catch
        ]
    inc = INCREMENTAL.search(out)
    if inc:
        line["incremental_scan_1000_rows_s"] = float(inc[2])
    if len(sizes) >= 2:
        line["targets_met"] = {
            "le_1s": sizes[-1]["ms"] <= 1000,
            "query_count_constant": sizes[0]["queries"] == sizes[-1]["queries"],
        }
    else:
        line["error"] = f"exit {proc.returncode}"
        line["tail"] = (proc.stderr or out).strip().splitlines()[-5:]
    line["exit"] = proc.returncode
    line["wall_s"] = round(time.monotonic() - started, 1)
    print(json.dumps(line, ensure_ascii=False))
    return 0 if sizes else 1


if __name__ == "__main__":
    sys.exit(main())
