"""PDF overhead (issue 12): the platform's evaluation report rendered through ``platform_core.reports`` against
bare WeasyPrint on the very same HTML. Target: platform ≤ 1.1× bare, peak RSS ≤ 300 MB.

    .venv/bin/python tests/bench/pdf.py          # BENCH_PDF_DATABASE_URL, default chengguo_bench_pdf

Each variant runs in its own process (peak RSS from ``resource.getrusage``), renders once to warm the fonts
and then ``BENCH_PDF_REPEAT`` (default 5) timed times:

- ``platform``: ``report_render_now`` — the pipeline the evaluation app uses (context builder over the
  database, the Django template, the static-only URL fetcher, the page cap, the file stored, the record kept);
- ``render_pdf``: ``platform_core.reports.pdf.render_pdf`` (context, template, fetcher; nothing stored);
- ``bare``: ``weasyprint.HTML(string=html).write_pdf()`` on the HTML the template produced, nothing else.

The database is created, migrated and seeded with the demo data (which holds a finished evaluation) when it
has no scored evaluation. Prints one JSON line.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DB_URL = os.environ.get("BENCH_PDF_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chengguo_bench_pdf")
REPEAT = int(os.environ.get("BENCH_PDF_REPEAT", "5"))
TEMPLATE = "reports/evaluation/report.html"
CONTEXT_BUILDER = "evaluation.reports.evaluation_report_context"


def _django() -> None:
    os.environ["DATABASE_URL"] = DB_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_core.settings")
    import django

    django.setup()


def _evaluation():
    from evaluation.models import Evaluation

    done = (Evaluation.State.REVIEW, Evaluation.State.PASSED, Evaluation.State.FAILED)
    return (
        Evaluation.objects.filter(state__in=done)
        .exclude(results={})
        .select_related("achievement")
        .order_by("pk")
        .first()
    )


def prepare(html_path: str) -> dict:
    """Make sure the database holds a scored evaluation; write the report's HTML for the bare variant."""
    if DB_URL.startswith("postgres"):
        import psycopg2

        name = DB_URL.rsplit("/", 1)[1]
        admin = psycopg2.connect(DB_URL.rsplit("/", 1)[0] + "/postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
    _django()
    from django.core.management import call_command
    from django.template.loader import render_to_string

    call_command("migrate", verbosity=0, interactive=False)
    evaluation = _evaluation()
    if evaluation is None:
        with open(os.devnull, "w") as devnull:
            call_command("seed_demo", stdout=devnull)
        evaluation = _evaluation()
    from django.utils.module_loading import import_string

    context = import_string(CONTEXT_BUILDER)(evaluation)
    html = render_to_string(TEMPLATE, context)
    Path(html_path).write_text(html, encoding="utf-8")
    return {
        "evaluation_id": evaluation.pk,
        "achievement": evaluation.achievement.name,
        "html_bytes": len(html),
    }


def variant(kind: str, evaluation_id: int, html_path: str) -> dict:
    import resource

    times: list[float] = []
    pages = size = None
    if kind == "bare":
        from weasyprint import HTML

        html = Path(html_path).read_text(encoding="utf-8")

        def once():
            document = HTML(string=html).render(presentational_hints=True)  # as the platform renders
            return len(document.pages), len(document.write_pdf())

    else:
        _django()
        from django.utils.module_loading import import_string

        from evaluation.models import Evaluation

        evaluation = Evaluation.objects.select_related("achievement").get(pk=evaluation_id)
        if kind == "render_pdf":
            from platform_core.reports.pdf import render_pdf_document

            def once():
                context = import_string(CONTEXT_BUILDER)(evaluation)
                rendered = render_pdf_document(TEMPLATE, context)
                return rendered.pages, len(rendered.content)

        else:
            from platform_core.reports.services import report_render_now

            def once():
                report = report_render_now(
                    subject=evaluation,
                    kind="bench_evaluation_report",
                    title=f"{evaluation.achievement.name} 评估报告",
                    template_name=TEMPLATE,
                    context_builder=CONTEXT_BUILDER,
                )
                assert report.status == "done", report.error
                return report.pages, report.file.size

    once()  # warm-up: fonts, templates, imports
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        pages, size = once()
        times.append(time.perf_counter() - t0)
    if kind == "platform":
        from platform_core.reports.models import ReportRecord

        for report in ReportRecord.objects.filter(kind="bench_evaluation_report"):
            report.file.delete(save=False)
            report.delete()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "median_s": round(statistics.median(times), 3),
        "min_s": round(min(times), 3),
        "runs": len(times),
        "pages": pages,
        "pdf_bytes": size,
        "peak_rss_mb": round(rss_mb, 1),
    }


def _child(*args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, *args], cwd=ROOT, capture_output=True, text=True, env=dict(os.environ)
    )
    if proc.returncode != 0:
        raise SystemExit(json.dumps({"bench": "pdf", "error": proc.stderr.strip().splitlines()[-5:]}))
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        html_path = str(Path(tmp) / "report.html")
        info = _child("--prepare", html_path)
        figures = {
            k: _child("--variant", k, str(info["evaluation_id"]), html_path)
            for k in ("bare", "render_pdf", "platform")
        }
    bare = figures["bare"]["median_s"]
    line = {
        "bench": "pdf",
        "report": TEMPLATE,
        **info,
        **figures,
        "ratio_render_pdf": round(figures["render_pdf"]["median_s"] / bare, 3),
        "ratio_platform": round(figures["platform"]["median_s"] / bare, 3),
    }
    line["targets_met"] = {
        "le_1_1x_bare": line["ratio_platform"] <= 1.1,
        "rss_le_300mb": all(v["peak_rss_mb"] <= 300 for v in figures.values()),
    }
    print(json.dumps(line, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--prepare":
        print(json.dumps(prepare(sys.argv[2]), ensure_ascii=False))
    elif len(sys.argv) > 1 and sys.argv[1] == "--variant":
        print(json.dumps(variant(sys.argv[2], int(sys.argv[3]), sys.argv[4])))
    else:
        sys.exit(main())
