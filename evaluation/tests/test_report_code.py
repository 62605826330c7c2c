"""The evaluation report's header shows the archive register's retrieval code, never the evaluation number
in its place."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from evaluation.models import ScoreSheet
from evaluation.reports import evaluation_report_context, score_sheet_context

from .conftest import fill_sheet


def _header(html: str) -> str:
    return re.search(r'<header class="report-head">(.*?)</header>', html, re.S).group(1)


def test_header_code_is_the_archive_code_once_archived(scoring, users):
    from evaluation.services.reports import evaluation_report_render_and_archive
    from platform_core.archive.models import ArchiveEntry

    # before archiving: no retrieval code in the header, the evaluation number only where it is labelled
    context = evaluation_report_context(scoring)
    assert context["report_code"] == "" and context["archive_code"] == ""
    html = render_to_string("reports/evaluation/report.html", context)
    assert scoring.number not in _header(html)
    assert f"<th>评估编号</th><td>{scoring.number}</td>" in html

    evaluation_report_render_and_archive(evaluation_id=scoring.pk, actor=users["staff"])
    entry = ArchiveEntry.objects.get(doc_type__code="evaluation_report", object_id=scoring.pk)
    assert entry.code.startswith("PGBG-")
    context = evaluation_report_context(scoring)
    assert context["report_code"] == entry.code
    html = render_to_string("reports/evaluation/report.html", context)
    header = _header(html)
    assert f"编号：{entry.code}" in header and scoring.number not in header
    assert f'<th>档案编号</th><td colspan="3">{entry.code}</td>' in html


def test_score_sheet_header_uses_its_own_archive_code(scoring, experts):
    from platform_core.archive.services import archive_document

    sheet = fill_sheet(
        ScoreSheet.objects.get(panel_member__expert=experts["clinical"]), experts["clinical"].user
    )
    context = score_sheet_context(sheet)
    assert context["report_code"] == ""
    html = render_to_string("reports/evaluation/score_sheet.html", context)
    assert scoring.number not in _header(html) and scoring.number in html
    entry = archive_document(
        subject=sheet, doc_type="score_sheet", title="评分表", archived_by=None, file_bytes=b"%PDF-1.4\n%%EOF\n",
        filename="sheet.pdf", subject_label="评分表",
    )  # fmt: skip
    assert score_sheet_context(sheet)["report_code"] == entry.code


def test_the_archived_pdf_prints_the_code_it_is_filed_under(scoring, users, tmp_path):
    """The code is reserved before rendering, so the stored PDF and the register agree."""
    import subprocess

    from evaluation.services.reports import evaluation_report_render_and_archive
    from platform_core.archive.models import ArchiveEntry

    report = evaluation_report_render_and_archive(evaluation_id=scoring.pk, actor=users["staff"])
    entry = ArchiveEntry.objects.get(report=report)
    scoring.refresh_from_db()
    assert scoring.report_code == entry.code
    path = tmp_path / "report.pdf"
    with report.file.open("rb") as f:
        path.write_bytes(f.read())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert entry.code in text


def test_a_reserved_code_must_be_free_and_of_the_type(scoring):
    import pytest

    from platform_core.archive.services import archive_code_reserve, archive_document
    from platform_core.errors import DomainError

    code = archive_code_reserve(doc_type="evaluation_report")
    assert code.startswith("PGBG-")
    entry = archive_document(
        subject=scoring, doc_type="evaluation_report", title="评估报告", archived_by=None,
        file_bytes=b"%PDF-1.4\n%%EOF\n", filename="r.pdf", subject_label="评估报告", code=code,
    )  # fmt: skip
    assert entry.code == code
    for bad in (code, "XX-2026-0001"):
        with pytest.raises(DomainError):
            archive_document(
                subject=scoring, doc_type="evaluation_report", title="评估报告", archived_by=None,
                file_bytes=b"%PDF-1.4\n%%EOF\n", filename="r.pdf", subject_label="评估报告", code=bad,
            )  # fmt: skip
