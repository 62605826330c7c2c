"""The audit log's sources. The log view merges what every registered source returns.

Built in: state transitions (TransitionLog), audit events (exports, grants, backups: ``AuditEvent``) and failed
logins (django-axes). An app with its own audit table registers a source in its ``AppConfig.ready()``::

    from platform_core.audit.registry import AuditSource, register_source
    register_source(AuditSource(key="grants", label=_("Access grants"), fetch=my_fetch))

``fetch(query, limit)`` returns at most ``limit`` ``AuditEntry`` rows matching the query, newest first, in a
constant number of queries. Simple events need no source: call ``audit_event_record(kind="grant", ...)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class AuditQuery:
    kinds: tuple[str, ...] = ()  # source keys; empty = all
    actor: str = ""
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class AuditEntry:
    at: datetime
    source: str
    source_label: Any
    action: str
    actor: str = ""
    target: str = ""
    summary: str = ""
    ip: str = ""
    url: str = ""
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class AuditSource:
    key: str
    label: Any
    fetch: Callable[[AuditQuery, int], list[AuditEntry]]
    order: int = 100


_SOURCES: dict[str, AuditSource] = {}


def register_source(source: AuditSource) -> None:
    _SOURCES[source.key] = source


def unregister_source(key: str) -> None:
    _SOURCES.pop(key, None)


def sources() -> list[AuditSource]:
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.key))
