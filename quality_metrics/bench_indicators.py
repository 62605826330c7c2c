#!/usr/bin/env python
"""Benchmark: the seven indicators for one year over 1,000,000 transition-log rows (PERFORMANCE.md).

Target: ≤ 1 s for all seven, with a query count that does not grow with the data. Run by hand:

    .venv/bin/python quality_metrics/bench_indicators.py            # 1M rows on PostgreSQL
    BENCH_ROWS=200000 .venv/bin/python quality_metrics/bench_indicators.py

It uses its own database (``BENCH_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/
chengguo_bench_qm``), created and migrated if missing; it never touches the development database. The log
rows are generated in SQL (generate_series) to look like the real services: formal reviews with returns
and resubmissions, consultations with assignment, IP requests, consulting requests and complaints, and
the later achievement stages up to conversion. It measures at a tenth of the size first and then at full
size, and prints both timings and query counts.

Timeliness reads the service cases that the five-minute log scan derives from the log (one row per request
cycle, see ``quality_metrics/services/cases.py``); the bench reports that catch-up separately (it is paid
once, then each scan reads only the new rows) and the cost of an incremental scan of 1,000 new rows.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Run as a script, this file's folder would come first on sys.path and its ``selectors`` package would shadow
# the standard library's: keep only the project root.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if p and Path(p).resolve() != HERE]
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chengguo_bench_qm")
os.environ["DATABASE_URL"] = DB_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_core.settings")
TARGET_ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
YEAR = 2025

# Step templates per workflow: (step, action, from_state, to_state, keep when record_no % 10 < keep).
FLOWS = {
    "achievement": (
        "achievements.Achievement",
        [
            (0, "create", "", "draft", 10),
            (1, "submit", "draft", "submitted", 10),
            (2, "return_for_supplement", "submitted", "returned", 3),
            (3, "resubmit", "returned", "resubmitted", 3),
            (4, "accept", "submitted", "accepted", 9),
            (5, "start_evaluation", "accepted", "under_evaluation", 8),
            (6, "pass_evaluation", "under_evaluation", "evaluation_passed", 7),
            (7, "publish", "evaluation_passed", "published", 7),
            (8, "sign_agreement", "published", "agreement_signed", 4),
            (9, "convert", "agreement_signed", "converted", 3),
        ],
    ),
    "consultation": (
        "content.Consultation",
        [
            (0, "create", "", "submitted", 10),
            (1, "assign", "submitted", "assigned", 6),
            (2, "answer", "assigned", "answered", 10),
            (3, "confirm", "answered", "closed", 8),
        ],
    ),
    "ip_service_request": (
        "ip_services.IpServiceRequest",
        [
            (0, "create", "", "intake", 10),
            (1, "assign", "intake", "assigned", 10),
            (2, "start", "assigned", "in_progress", 10),
            (3, "deliver", "in_progress", "delivered", 9),
            (4, "accept", "delivered", "accepted", 8),
        ],
    ),
    "incubation_consulting": (
        "incubation.ConsultingRequest",
        [
            (0, "create", "", "submitted", 10),
            (1, "assign", "submitted", "assigned", 10),
            (2, "start", "assigned", "in_progress", 10),
            (3, "answer", "in_progress", "answered", 9),
            (4, "accept", "answered", "closed", 7),
        ],
    ),
    "complaint": (
        "quality_metrics.Complaint",
        [
            (0, "create", "", "submitted", 10),
            (1, "acknowledge", "submitted", "acknowledged", 10),
            (2, "investigate", "acknowledged", "investigating", 10),
            (3, "resolve", "investigating", "resolved", 9),
            (4, "confirm", "resolved", "closed", 7),
        ],
    ),
}
# Share of the rows per workflow.
SHARES = {
    "achievement": 0.45,
    "consultation": 0.2,
    "ip_service_request": 0.15,
    "incubation_consulting": 0.1,
    "complaint": 0.1,
}


def ensure_database() -> None:
    import dj_database_url
    import psycopg2

    cfg = dj_database_url.parse(DB_URL)
    conn = psycopg2.connect(
        dbname="postgres",
        user=cfg["USER"],
        host=cfg["HOST"],
        port=cfg["PORT"] or 5432,
        password=cfg["PASSWORD"],
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    conn.close()


def generate(rows: int) -> int:
    """Replace the bench database's transition log with about ``rows`` generated rows."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE workflow_transitionlog, quality_metrics_servicecase, quality_metrics_scanwatermark CASCADE"
        )
        for workflow, (label, steps) in FLOWS.items():
            try:
                model = apps.get_model(label)
            except LookupError:
                model = apps.get_model("accounts.User")  # the app is not there: any content type will do
            ct = ContentType.objects.get_for_model(model, for_concrete_model=False).pk
            avg_steps = sum(keep for *_, keep in steps) / 10
            records = int(rows * SHARES[workflow] / avg_steps)
            columns = list(zip(*steps, strict=True))  # steps, actions, from states, to states, keep
            # Records start every few minutes across two years; each step takes 0–6 working days.
            cur.execute(
                """
                INSERT INTO workflow_transitionlog
                    (content_type_id, object_id, workflow, action, from_state, to_state, actor_id, reason,
                     data, created_at, working_days)
                SELECT %s, r.id, %s, s.action, s.from_state, s.to_state, NULL, '', '{}'::jsonb,
                       make_timestamptz(%s, 1, 1, 8, 0, 0, 'Asia/Shanghai')
                         + (r.id * (730.0 / %s)) * interval '1 day'
                         + s.step * ((r.id %% 7) + 1) * interval '1 day' + s.step * interval '1 minute',
                       CASE WHEN s.step = 0 THEN NULL ELSE (r.id %% 7) END
                FROM generate_series(1, %s) AS r(id)
                CROSS JOIN unnest(%s::int[], %s::text[], %s::text[], %s::text[], %s::int[])
                    AS s(step, action, from_state, to_state, keep)
                WHERE r.id %% 10 < s.keep
                """,
                [ct, workflow, YEAR - 1, records, records, *[list(c) for c in columns]],
            )
        cur.execute("ANALYZE workflow_transitionlog")
        cur.execute("SELECT count(*) FROM workflow_transitionlog")
        return cur.fetchone()[0]


def measure_all() -> tuple[float, int, dict]:
    import datetime as dt

    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from quality_metrics import indicators
    from quality_metrics.periods import Period

    period = Period("year", dt.date(YEAR, 1, 1))
    reset_queries()
    values = {}
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        for code in indicators.CODES:
            values[code] = indicators.get(code).compute(period.start_at, period.end_at).value
        elapsed = time.perf_counter() - started
    return elapsed, len(ctx.captured_queries), values


def incremental_scan() -> None:
    """1,000 new log rows on top of the full log: what the five-minute scan costs in steady state."""
    from django.db import connection

    from quality_metrics.services.cases import cases_refresh

    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO workflow_transitionlog
                (content_type_id, object_id, workflow, action, from_state, to_state, actor_id, reason, data,
                 created_at, working_days)
            SELECT content_type_id, object_id, workflow, 'follow_up', to_state, 'reopened', NULL, '', '{}'::jsonb,
                   created_at + interval '1 day', 1
            FROM workflow_transitionlog WHERE workflow = 'consultation' AND action = 'confirm'
            ORDER BY id DESC LIMIT 1000
            """
        )
    t0 = time.perf_counter()
    result = cases_refresh()
    print(
        f"incremental scan of 1,000 new rows: {result.records:,} records in {time.perf_counter() - t0:.2f} s"
    )


def main() -> int:
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0, interactive=False)
    except Exception as exc:  # noqa: BLE001 - another app's migration may be broken while it is being built
        print(f"warning: full migrate failed ({exc}); migrating quality_metrics and its dependencies only")
        for label in ("workflow", "quality_metrics"):
            call_command("migrate", label, verbosity=0, interactive=False)
    results = []
    for rows in (TARGET_ROWS // 10, TARGET_ROWS):
        t0 = time.perf_counter()
        count = generate(rows)
        gen = time.perf_counter() - t0
        from django.db import connection

        from quality_metrics.services.cases import cases_refresh

        t0 = time.perf_counter()
        scanned = cases_refresh(full=True)
        catch_up = time.perf_counter() - t0
        with connection.cursor() as cur:  # what autovacuum does on a running system
            cur.execute("VACUUM ANALYZE quality_metrics_servicecase")
        print(
            f"  log scan catch-up: {scanned.records:,} records, {scanned.cases:,} cases in {catch_up:.1f} s"
        )
        measure_all()  # warm the caches once, as a running server would be
        runs = [measure_all() for _ in range(3)]
        best = min(r[0] for r in runs)
        queries = runs[0][1]
        results.append((count, best, queries))
        print(
            f"{count:>9,} log rows (generated in {gen:.1f} s): all seven indicators for {YEAR} "
            f"in {best * 1000:.0f} ms (best of 3), {queries} queries"
        )
        for code, value in runs[0][2].items():
            print(f"    {code:<20} {'—' if value is None else f'{value:.2f}'}")
    incremental_scan()
    (small_n, _, small_q), (big_n, big_t, big_q) = results
    ok = big_t <= 1.0 and small_q == big_q
    print(
        f"target ≤ 1 s and the same query count at {small_n:,} and {big_n:,} rows: {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
