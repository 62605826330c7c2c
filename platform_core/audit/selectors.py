"""Reads of the audit log: the built-in sources and the merge of all registered ones."""

from __future__ import annotations

import heapq
from datetime import datetime, time, timedelta
from itertools import islice

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent
from .registry import AuditEntry, AuditQuery, AuditSource, register_source, sources


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _dated(qs: QuerySet, query: AuditQuery, field: str) -> QuerySet:
    if query.date_from:
        qs = qs.filter(**{f"{field}__gte": _day_start(query.date_from)})
    if query.date_to:
        qs = qs.filter(**{f"{field}__lt": _day_start(query.date_to + timedelta(days=1))})
    return qs


def transitions_fetch(query: AuditQuery, limit: int) -> list[AuditEntry]:
    from platform_core.workflow.models import TransitionLog

    qs = TransitionLog.objects.select_related("actor", "content_type").order_by("-created_at", "-id")
    qs = _dated(qs, query, "created_at")
    if query.actor:
        qs = qs.filter(
            Q(actor__username__icontains=query.actor) | Q(actor__display_name__icontains=query.actor)
        )
    if query.text:
        qs = qs.filter(
            Q(reason__icontains=query.text)
            | Q(workflow__icontains=query.text)
            | Q(action__icontains=query.text)
            | Q(to_state__icontains=query.text)
        )
    return [
        AuditEntry(
            at=log.created_at,
            source="transitions",
            source_label=_("Transition"),
            action=f"{log.workflow}: {log.action}",
            actor=str(log.actor) if log.actor_id else "",
            target=f"{log.content_type.name} #{log.object_id}",
            summary=f"{log.from_state} → {log.to_state}" + (f" · {log.reason}" if log.reason else ""),
        )
        for log in qs[:limit]
    ]


def events_fetch(query: AuditQuery, limit: int) -> list[AuditEntry]:
    qs = AuditEvent.objects.order_by("-created_at", "-id")
    qs = _dated(qs, query, "created_at")
    if query.actor:
        qs = qs.filter(actor_name__icontains=query.actor)
    if query.text:
        qs = qs.filter(
            Q(summary__icontains=query.text)
            | Q(kind__icontains=query.text)
            | Q(target_type__icontains=query.text)
        )
    labels = dict(AuditEvent.Kind.choices)
    return [
        AuditEntry(
            at=event.created_at,
            source="events",
            source_label=labels.get(event.kind, event.kind),
            action=event.kind,
            actor=event.actor_name,
            target=f"{event.target_type} #{event.target_id}" if event.target_type else "",
            summary=event.summary,
            ip=event.ip_address or "",
        )
        for event in qs[:limit]
    ]


def login_failures_fetch(query: AuditQuery, limit: int) -> list[AuditEntry]:
    from axes.models import AccessFailureLog

    qs = AccessFailureLog.objects.order_by("-attempt_time", "-id")
    qs = _dated(qs, query, "attempt_time")
    if query.actor:
        qs = qs.filter(username__icontains=query.actor)
    if query.text:
        qs = qs.filter(Q(path_info__icontains=query.text) | Q(ip_address__icontains=query.text))
    return [
        AuditEntry(
            at=row.attempt_time,
            source="login_failures",
            source_label=_("Login failure"),
            action="login_failed" + (" (locked)" if row.locked_out else ""),
            actor=row.username or "",
            target=row.path_info or "",
            summary=(row.user_agent or "")[:120],
            ip=row.ip_address or "",
        )
        for row in qs[:limit]
    ]


register_source(AuditSource("transitions", _("Transitions"), transitions_fetch, order=10))
register_source(AuditSource("events", _("Exports, grants and other events"), events_fetch, order=20))
register_source(AuditSource("login_failures", _("Login failures"), login_failures_fetch, order=30))


def audit_log(query: AuditQuery, *, offset: int = 0, limit: int = 50) -> tuple[list[AuditEntry], bool]:
    """Entries ``offset..offset+limit`` of all chosen sources merged newest first, and whether more follow.

    Each source runs one bounded query (``offset + limit + 1`` rows), so the cost does not grow with the table.
    """
    wanted = offset + limit + 1
    streams = [
        source.fetch(query, wanted) for source in sources() if not query.kinds or source.key in query.kinds
    ]
    merged = list(islice(heapq.merge(*streams, key=lambda e: e.at, reverse=True), wanted))
    return merged[offset : offset + limit], len(merged) > offset + limit
