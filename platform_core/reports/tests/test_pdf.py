from __future__ import annotations

import re
import shutil
import socket
import subprocess
import xml.etree.ElementTree as ET

import pytest

from platform_core.errors import ValidationFailed
from platform_core.reports import charts
from platform_core.reports.pdf import StaticOnlyFetcher, render_pdf, render_pdf_document
from platform_core.reports.sample import sample_context

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pdftext(content: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_chinese_pdf_renders_with_header_and_footer(tmp_path):
    content = render_pdf("reports/sample.html", sample_context())
    assert content.startswith(b"%PDF-")
    text = pdftext(content, tmp_path)
    assert "慢性肝病" in text
    assert "成果转化协作平台" in text
    assert re.search(r"第\s*1\s*页\s*/\s*共\s*\d+\s*页", text)
    # the running header repeats on page 2
    page2 = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "慢性肝病中医药成果转化评估报告" in page2
    fonts = subprocess.run(["pdffonts", str(tmp_path / "out.pdf")], capture_output=True, text=True).stdout
    assert "CJK" in fonts or "WenQuanYi" in fonts  # a CJK font is embedded


def test_external_urls_are_refused_and_never_fetched(test_templates, monkeypatch, tmp_path):
    connections: list = []

    def no_network(*args, **kwargs):
        connections.append(args)
        raise AssertionError("network access during PDF rendering")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    import weasyprint.urls

    monkeypatch.setattr(weasyprint.urls, "urlopen", no_network)
    fetcher = StaticOnlyFetcher()
    rendered = render_pdf_document("reports_test/external.html", {"name": "测试"}, fetcher=fetcher)
    assert "慢性肝病" in pdftext(rendered.content, tmp_path)
    refused = set(fetcher.refused)
    assert {
        "https://example.com/evil.css",
        "file:///etc/passwd",
        "https://example.com/x.png",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/bg.png",
    } <= refused
    assert any(u.endswith("/static/css/platform.css") for u in fetcher.served)
    assert connections == []


def test_fetcher_refuses_traversal_and_serves_static():
    fetcher = StaticOnlyFetcher()
    for url in [
        "static:../../etc/passwd",
        "http://platform.invalid/static/../../etc/passwd",
        "static:nope.css",
    ]:
        with pytest.raises(OSError):
            fetcher(url)
    result = fetcher("static:css/platform.css")
    assert result["mime_type"] == "text/css"
    result["file_obj"].close()


def test_page_cap(test_templates):
    with pytest.raises(ValidationFailed) as info:
        render_pdf_document("reports_test/long.html", {"rows": range(5)}, max_pages=3)
    assert info.value.code == "too_many_pages"


def test_charts_are_valid_svg_and_escape_labels():
    radar = charts.radar_chart(["技术<script>", "市场", "团队"], [("本成果", [80, 120, -5])])
    bar = charts.bar_chart(["A&B", "C"], [3, 7])
    line = charts.line_chart(["一", "二", "三"], [("a", [1, None, 3]), ("b", [2, 2, 2])])
    single = charts.radar_chart(["a", "b", "c", "d"], [10, 20, 30, 40])
    for svg in (radar, bar, line, single):
        root = ET.fromstring(str(svg))  # noqa: S314 - our own output
        assert root.tag.endswith("svg")
    assert "<script>" not in radar and "&lt;script&gt;" in radar
    assert "A&amp;B" in bar
    assert charts.radar_chart(["a", "b"], [1, 2]).count("<polygon") == 0  # fewer than 3 axes: no chart
