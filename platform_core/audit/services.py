"""Writes of the audit sub-app: audit events and probe marks."""

from __future__ import annotations

import socket
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from .models import AuditEvent, ProbeMark


@transaction.atomic
def audit_event_record(
    *,
    kind: str,
    actor: Any = None,
    summary: str = "",
    detail: dict | None = None,
    target: models.Model | None = None,
    request: Any = None,
) -> AuditEvent:
    """Record one audit event (``kind`` e.g. "export"); call it from the service that does the work."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        kind=kind,
        actor=user,
        actor_name=str(user)[:150] if user else "",
        summary=str(summary)[:300],
        detail=detail or {},
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        ip_address=(request.META.get("REMOTE_ADDR") or None) if request is not None else None,
    )
    event.full_clean()
    event.save()
    return event


def probe_mark_touch(*, key: str, value: str = "", worker: str = "") -> ProbeMark:
    """Idempotent: the first call creates the row; later calls only count the execution."""
    now = timezone.now()
    with transaction.atomic():
        mark, _created = ProbeMark.objects.get_or_create(
            key=key, defaults={"value": value, "worker": (worker or socket.gethostname())[:200]}
        )
        ProbeMark.objects.filter(pk=mark.pk).update(attempts=F("attempts") + 1, updated_at=now)
    mark.refresh_from_db()
    return mark
