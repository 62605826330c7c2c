"""Template filters of the evaluation pages."""

from __future__ import annotations

from collections import Counter

from django import template

register = template.Library()


@register.filter
def share(value) -> str:
    """A fraction 0–1 as a percentage with one decimal: 0.875 → "87.5%"."""
    if value in (None, ""):
        return "—"
    return f"{float(value) * 100:.1f}%"


@register.filter
def tally(entries) -> list[tuple[str, int]]:
    """SWOT points of several experts: each distinct text once, with how many experts wrote it."""
    counts = Counter(getattr(e, "text", e) for e in entries)
    return counts.most_common()


# States this app adds to the platform's colour scheme (same meanings: blue waiting on the platform,
# amber needs the user's action, green done, dark set aside).
EXTRA_COLOURS = {
    "auditing": "text-bg-primary",
    "review": "text-bg-primary",
    "supplement": "text-bg-warning",
    "assigned": "text-bg-warning",
    "active": "text-bg-success",
    "recused": "text-bg-dark",
    "open": "text-bg-primary",
}


@register.simple_tag
def ev_badge(state: str, label: str):
    """Like ``state_badge`` but knows the evaluation app's own states."""
    from django.utils.html import format_html

    from platform_core.templatetags.platform_tags import state_badge

    css = EXTRA_COLOURS.get(str(state))
    if css is None:
        return state_badge(state, label)
    return format_html('<span class="badge {} state-badge" data-state="{}">{}</span>', css, state, label)
