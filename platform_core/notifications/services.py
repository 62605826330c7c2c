from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import Notification


def _target_url(target: Any) -> str:
    getter = getattr(target, "get_absolute_url", None)
    if getter is None:
        return ""
    try:
        return getter()
    except Exception:  # noqa: BLE001 - a missing URL must never block a notification
        return ""


def notification_send(
    *, recipient: Any, title: str, body: str = "", target: Any = None, url: str = "", email: bool = True
) -> Notification:
    """Create an in-app notification and, after commit, email it (Celery)."""
    note = Notification(
        recipient=recipient, title=str(title)[:200], body=str(body), url=url or _target_url(target)
    )
    if target is not None and getattr(target, "pk", None) is not None:
        note.target = target
    note.save()
    if email and getattr(recipient, "email", ""):
        from .tasks import notification_email

        note_id = note.pk
        transaction.on_commit(lambda: notification_email.delay(notification_id=note_id))
    return note


def notifications_mark_read(*, user: Any, notification_ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
