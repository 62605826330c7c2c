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
