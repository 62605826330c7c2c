"""Collects the per-app entry modules."""

from __future__ import annotations

import importlib

from .core import Entry

MODULES = [
    "core",
    "achievements",
    "library",
    "evaluation",
    "matching",
    "incubation",
    "ip_services",
    "quality_metrics",
]


def _load() -> dict[str, list[Entry]]:
    out = {}
    for name in MODULES:
        module = importlib.import_module(f"tests.security.matrix.entries_{name}")
        out[name] = module.ENTRIES
    return out


APPS = _load()


def all_entries() -> list[Entry]:
    return [e for entries in APPS.values() for e in entries]
