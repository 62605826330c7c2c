from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from ..sanitize import sanitize_html

register = template.Library()

KIND_ICONS = {
    "policy": "journal-text",
    "news": "newspaper",
    "technology": "cpu",
    "event": "calendar-event",
    "case": "trophy",
    "market": "graph-up",
    "regional": "geo-alt",
}


@register.filter
def rich(value) -> str:
    """Stored rich text, sanitised again on the way out (defence in depth), marked safe."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - the output of the sanitiser


@register.filter
def kind_icon(kind: str) -> str:
    return KIND_ICONS.get(str(kind), "file-text")
