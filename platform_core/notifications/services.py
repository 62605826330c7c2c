from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import Notification

# The unread count shown in the top bar of every page is cached per user; every write that changes it
# (a notification created, read or deleted) deletes the key, now and again after commit (a reader that
# cached the old count in between is invalidated too). The TTL only bounds what a write outside these paths
# (a raw SQL update) could leave behind. Setting NOTIFICATIONS_UNREAD_TTL (0: no caching).
UNREAD_TTL = 300


def _unread_ttl() -> int:
    from django.conf import settings

    return int(getattr(settings, "NOTIFICATIONS_UNREAD_TTL", UNREAD_TTL))


def unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_forget(user_id: int) -> None:
    """Drop the cached unread count of one user (now and after the current transaction commits)."""
    key = unread_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


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
    updated = qs.update(read_at=timezone.now())
    unread_forget(user.pk)
    return updated


def unread_count(user: Any) -> int:
    """The user's unread notifications (cached per user, see ``UNREAD_TTL``)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    key = unread_key(user.pk)
    ttl = _unread_ttl()
    count = cache.get(key) if ttl else None
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        if ttl:
            cache.set(key, count, ttl)
    return count
