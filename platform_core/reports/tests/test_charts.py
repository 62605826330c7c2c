"""The line chart keeps its x-axis labels inside the viewBox (the last one used to be cut at the right edge)."""

from __future__ import annotations

import glob
import xml.etree.ElementTree as ET

import pytest

from platform_core.reports import charts

NS = "{http://www.w3.org/2000/svg}"
LABEL_SETS = [
    ["2025Q4", "2026Q1", "2026Q2", "2026Q3"],  # the quality report's quarters, in full
    ["一季度", "二季度", "三季度", "四季度"],
    ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"],
    ["第一季度（试点期）", "第二季度", "第三季度（全面推广期）"],
    ["Jan", "Feb", "WMWMWM"],
    ["只有一个"],
]
SIZES = [(330, 170), (300, 200), (420, 240)]


def _report_font():
    """The font the PDFs use (Noto Sans CJK SC), measured with Pillow; None when it is not installed."""
    from PIL import ImageFont

    for path in sorted(glob.glob("/usr/share/fonts/**/NotoSansCJK-Regular.ttc", recursive=True)):
        for index in range(10):
            try:
                font = ImageFont.truetype(path, 105, index=index)
            except OSError:
                break
            if font.getname()[0] == "Noto Sans CJK SC":
                return font
    return None


def _x_labels(svg: str) -> tuple[float, list[tuple[float, float, str]]]:
    root = ET.fromstring(str(svg))  # noqa: S314 - our own output
    width = float(root.get("viewBox").split()[2])
    labels = [
        (float(t.get("x")), float(t.get("font-size")), t.text or "")
        for t in root.iter(f"{NS}text")
        if t.get("text-anchor") == "middle"
    ]
    return width, labels


def _check(measure) -> None:
    for labels in LABEL_SETS:
        for width, height in SIZES:
            svg = charts.line_chart(labels, [("", list(range(len(labels))))], width=width, height=height)
            view_width, drawn = _x_labels(svg)
            assert [text for _x, _size, text in drawn] == labels
            first_x, first_size, first = drawn[0]
            last_x, last_size, last = drawn[-1]
            assert last_x + measure(last, last_size) / 2 <= view_width, (labels, width, last_x)
            assert first_x - measure(first, first_size) / 2 >= 0, (labels, width, first_x)
            xs = [x for x, _size, _text in drawn]
            assert xs == sorted(xs)


def test_last_label_fits_measured_with_the_report_font():
    font = _report_font()
    if font is None:
        pytest.skip("Noto Sans CJK SC is not installed (make fonts)")
    _check(lambda text, size: font.getlength(text) / 105 * size)


def test_last_label_fits_by_the_estimate_and_the_estimate_is_generous():
    _check(charts.text_width)
    font = _report_font()
    if font is not None:
        for labels in LABEL_SETS:
            for text in labels:
                assert charts.text_width(text, 10.5) >= font.getlength(text) / 10


def test_points_keep_their_labels_and_gaps():
    svg = charts.line_chart(["一", "二", "三"], [("a", [1, None, 3])])
    root = ET.fromstring(str(svg))  # noqa: S314 - our own output
    circles = [float(c.get("cx")) for c in root.iter(f"{NS}circle")]
    _width, drawn = _x_labels(svg)
    assert circles == [drawn[0][0], drawn[2][0]]  # each point sits above its label; None leaves a gap
