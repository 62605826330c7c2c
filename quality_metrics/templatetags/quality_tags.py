from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import indicators

register = template.Library()


@register.filter
def indicator_value(value, unit: str) -> str:
    """80.0% · 87.5 分 · 2.8 个工作日 (one decimal, as STYLE.md asks)."""
    if value is None or value == "":
        return "—"
    value = float(value)
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "workdays":
        return _("%(n).1f working days") % {"n": value}
    return _("%(n).1f points") % {"n": value}


@register.simple_tag
def band_badge(band_code: str | None):
    colour = indicators.BAND_COLOURS.get(band_code or "", "secondary")
    return format_html(
        '<span class="badge text-bg-{} band-badge" data-band="{}">{}</span>',
        colour,
        band_code or "",
        indicators.band_label(band_code),
    )
