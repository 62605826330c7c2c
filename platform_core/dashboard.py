"""Dashboard widgets per role. Each app may offer ``<app>/dashboard.py`` with ``widgets(request) -> list[Widget]``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .navigation import _app_modules


@dataclass
class Widget:
    title: Any
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    width: int = 6  # Bootstrap columns on large screens


@dataclass
class Stat:
    label: Any
    value: Any
    url: str = ""
    hint: Any = ""


def widgets_for(request) -> list[Widget]:
    found: list[Widget] = []
    for module in _app_modules("dashboard"):
        found.extend(module.widgets(request))
    return sorted(found, key=lambda w: w.order)


# --------------------------------------------------------------------------- cached rendering
# The dashboard's widgets are counts and short lists over every app (~35 queries for staff). Their HTML is
# kept per user and language for DASHBOARD_TTL seconds, and dropped for everyone whenever a workflow
# transition is logged (the one transition function writes a TransitionLog row for every state change,
# which is what the widgets count). Widget templates hold no CSRF token or other per-request value.
# Setting DASHBOARD_CACHE_TTL (0: no caching).
DASHBOARD_TTL = 30
GENERATION_KEY = "dashboard:generation"


def generation() -> int:
    from django.core.cache import cache

    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def bump_generation(**_kwargs) -> None:
    """Invalidate every cached dashboard (now and after the transaction commits)."""
    from django.core.cache import cache
    from django.db import transaction

    def bump() -> None:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, 1, None)

    bump()
    transaction.on_commit(bump)


def rendered_widgets(request) -> str:
    from django.conf import settings
    from django.core.cache import cache
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.safestring import mark_safe

    ttl = int(getattr(settings, "DASHBOARD_CACHE_TTL", DASHBOARD_TTL))
    key = f"dashboard:widgets:{generation()}:{request.user.pk}:{translation.get_language()}"
    html = cache.get(key) if ttl else None
    if html is None:
        html = render_to_string(
            "partials/dashboard_widgets.html", {"widgets": widgets_for(request)}, request=request
        )
        if ttl:
            cache.set(key, html, ttl)
    return mark_safe(html)  # noqa: S308 (our own templates' output)
