from __future__ import annotations

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand

from platform_core.reports.pdf import render_pdf_document
from platform_core.reports.sample import sample_context


class Command(BaseCommand):
    help = "Render the sample Chinese PDF report (templates/reports/sample.html) to a file."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default="sample-report.pdf", help="where to write the PDF")

    def handle(self, *args, path: str, **options):
        rendered = render_pdf_document("reports/sample.html", sample_context())
        Path(path).write_bytes(rendered.content)
        self.stdout.write(
            f"{path}: {rendered.pages} pages, {len(rendered.content)} bytes, "
            f"sha256 {hashlib.sha256(rendered.content).hexdigest()}; refused URLs: {rendered.fetcher.refused}"
        )
