"""Inline SVG charts for PDF reports and pages: radar, bar and line. Pure Python, no matplotlib.

Every function returns a ``SafeString`` of one ``<svg>`` element (labels are escaped), ready to drop into
a template: ``<figure class="chart">{{ radar }}</figure>``. Values are numbers on a 0–``max_value`` scale.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1d5b8f", "#2f9e77", "#e07b39", "#8e44ad", "#c0392b", "#7f8c8d")
FONT = "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if not float(x).is_integer() else str(int(x))


def _svg(width: int, height: int, body: list[str], title: str = "") -> SafeString:
    heading = f"<title>{escape(title)}</title>" if title else ""
    return mark_safe(  # noqa: S308 - every label and value interpolated above is escaped or numeric
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="{FONT}" role="img">{heading}{"".join(body)}</svg>'
    )


def _char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0  # CJK and full-width punctuation
    if ch in "mwMW@%":
        return 0.95
    if ch.isupper():
        return 0.72
    return 0.6  # digits, lower case, ASCII punctuation


def text_width(text: str, font_size: float) -> float:
    """A generous estimate of a label's rendered width in the report fonts (Noto Sans CJK: a CJK character
    takes a full em, a digit about 0.55 em)."""
    return sum(_char_em(ch) for ch in str(text)) * font_size


def _clamp(value: float | None, max_value: float) -> float:
    if value is None:
        return 0.0
    return max(0.0, min(float(value), max_value))


def radar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]] | Sequence[float],
    *,
    max_value: float = 100,
    size: int = 360,
    rings: int = 5,
    title: str = "",
) -> SafeString:
    """A radar (spider) chart. ``series`` is ``[(name, values), ...]`` or a single list of values."""
    if series and not isinstance(series[0], tuple | list):
        series = [("", list(series))]  # type: ignore[list-item]
    n = len(labels)
    legend_h = 22 if any(name for name, _ in series) else 0
    width, height = size + 120, size + 40 + legend_h
    cx, cy, radius = width / 2, 20 + size / 2, size / 2 - 10
    body: list[str] = []
    if n < 3:
        body.append(f'<text x="{cx}" y="{cy}" text-anchor="middle" font-size="12">—</text>')
        return _svg(width, height, body, title)

    def point(i: int, fraction: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + radius * fraction * math.cos(angle), cy + radius * fraction * math.sin(angle)

    for r in range(1, rings + 1):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, r / rings) for i in range(n)))
        body.append(f'<polygon points="{pts}" fill="none" stroke="#d9e2ec" stroke-width="1"/>')
        lx, ly = point(0, r / rings)
        body.append(
            f'<text x="{lx + 3:.1f}" y="{ly + 10:.1f}" font-size="9" fill="#7b8794">{_fmt(max_value * r / rings)}</text>'
        )
    for i, label in enumerate(labels):
        x, y = point(i, 1)
        body.append(
            f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#d9e2ec" stroke-width="1"/>'
        )
        tx, ty = point(i, 1.12)
        anchor = "middle" if abs(tx - cx) < 5 else ("start" if tx > cx else "end")
        body.append(
            f'<text x="{tx:.1f}" y="{ty + 4:.1f}" text-anchor="{anchor}" font-size="12" fill="#1f2933">{escape(label)}</text>'
        )
    for s, (_name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        pts = " ".join(
            f"{x:.1f},{y:.1f}"
            for x, y in (
                point(i, _clamp(values[i] if i < len(values) else 0, max_value) / max_value) for i in range(n)
            )
        )
        body.append(
            f'<polygon points="{pts}" fill="{colour}" fill-opacity="0.18" stroke="{colour}" stroke-width="2"/>'
        )
        for i in range(n):
            v = _clamp(values[i] if i < len(values) else 0, max_value)
            x, y = point(i, v / max_value)
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>')
    body.extend(_legend([name for name, _ in series], y=height - 8, width=width) if legend_h else [])
    return _svg(width, height, body, title)


def _legend(names: Sequence[str], *, y: float, width: float) -> list[str]:
    parts: list[str] = []
    step = min(140, width / max(len(names), 1))
    x0 = (width - step * len(names)) / 2
    for i, name in enumerate(names):
        x = x0 + i * step
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{colour}"/>')
        parts.append(
            f'<text x="{x + 14:.1f}" y="{y:.1f}" font-size="11" fill="#1f2933">{escape(name)}</text>'
        )
    return parts


def _axes(
    labels: Sequence[str], max_value: float, *, width: int, height: int, left: int, bottom: int, ticks: int
) -> list[str]:
    plot_h = height - bottom - 16
    body = []
    for t in range(ticks + 1):
        y = 16 + plot_h - plot_h * t / ticks
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#e4e7eb" stroke-width="1"/>'
        )
        body.append(
            f'<text x="{left - 5}" y="{y + 3:.1f}" text-anchor="end" font-size="10" fill="#7b8794">'
            f"{_fmt(max_value * t / ticks)}</text>"
        )
    body.append(
        f'<line x1="{left}" y1="{16 + plot_h}" x2="{width - 10}" y2="{16 + plot_h}" stroke="#52606d" stroke-width="1"/>'
    )
    return body


def _nice_ticks(top: float) -> int:
    """How many grid steps make round tick labels for ``top`` (e.g. 5 → 5 steps of 1)."""
    for scale in (1, 10):  # whole-number steps first, then one decimal
        for ticks in (5, 4, 2, 3):
            step = top / ticks * scale
            if abs(step - round(step)) < 1e-9:
                return ticks
    return 4


def _nice_max(values: Sequence[float]) -> float:
    top = max([float(v) for v in values if v is not None] or [1.0])
    if top <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(top))
    for step in (1, 2, 2.5, 5, 10):
        if top <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    max_value: float | None = None,
    width: int = 420,
    height: int = 240,
    colour: str = PALETTE[0],
    show_values: bool = True,
    title: str = "",
) -> SafeString:
    """A vertical bar chart with value labels."""
    top = max_value or _nice_max(values)
    left, bottom, ticks = 40, 36, _nice_ticks(top)
    body = _axes(labels, top, width=width, height=height, left=left, bottom=bottom, ticks=ticks)
    n = max(len(labels), 1)
    plot_w = width - left - 10
    plot_h = height - bottom - 16
    slot = plot_w / n
    bar_w = min(48, slot * 0.6)
    for i, (label, value) in enumerate(zip(labels, values, strict=False)):
        v = _clamp(value, top)
        h = plot_h * v / top
        x = left + slot * i + (slot - bar_w) / 2
        y = 16 + plot_h - h
        body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}"/>')
        if show_values and value is not None:
            body.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="10" fill="#1f2933">'
                f"{_fmt(float(value))}</text>"
            )
        body.append(
            f'<text x="{left + slot * i + slot / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="10.5" fill="#1f2933">{escape(label)}</text>'
        )
    return _svg(width, height, body, title)


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]] | Sequence[float | None],
    *,
    max_value: float | None = None,
    width: int = 420,
    height: int = 240,
    title: str = "",
) -> SafeString:
    """A line chart of one or more series over the same labels (``None`` leaves a gap)."""
    if series and not isinstance(series[0], tuple | list):
        series = [("", list(series))]  # type: ignore[list-item]
    every = [v for _, vals in series for v in vals if v is not None]
    top = max_value or _nice_max(every)
    legend_h = 20 if any(name for name, _ in series) else 0
    left, bottom, ticks = 40, 36 + legend_h, _nice_ticks(top)
    body = _axes(labels, top, width=width, height=height, left=left, bottom=bottom, ticks=ticks)
    n = max(len(labels), 1)
    plot_w = width - left - 20
    plot_h = height - bottom - 16
    # The x labels are centred under their points: the first and last points sit far enough inside the
    # chart for half of their label (plus a small margin) to fit within the viewBox.
    label_size = 10.5
    first = left + 10.0
    last = float(width - 10)
    if labels:
        first = max(first, text_width(labels[0], label_size) / 2 + 2)
        last = min(last, width - text_width(labels[-1], label_size) / 2 - 2)
    step = (last - first) / max(n - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return first + step * i if n > 1 else left + plot_w / 2, 16 + plot_h - plot_h * _clamp(v, top) / top

    for i, label in enumerate(labels):
        x, _y = xy(i, 0)
        body.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="{label_size}" '
            f'fill="#1f2933">{escape(label)}</text>'
        )
    for s, (_name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        segment: list[str] = []
        for i, v in enumerate(values[:n]):
            if v is None:
                if len(segment) > 1:
                    body.append(
                        f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" stroke-width="2"/>'
                    )
                segment = []
                continue
            x, y = xy(i, float(v))
            segment.append(f"{x:.1f},{y:.1f}")
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>')
        if len(segment) > 1:
            body.append(
                f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
    if legend_h:
        body.extend(_legend([name for name, _ in series], y=height - 6, width=width))
    return _svg(width, height, body, title)
