from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import OperationalError
from django.utils import timezone

from .models import Notification


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def notification_email(*, notification_id: int) -> None:
    """Email one notification; idempotent (a notification already emailed is skipped)."""
    note = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if note is None or note.emailed_at is not None or not note.recipient.email:
        return
    body = note.body
    if note.url:
        body = f"{body}\n\n{settings.PLATFORM_BASE_URL}{note.url}"
    send_mail(note.title, body, settings.DEFAULT_FROM_EMAIL, [note.recipient.email])
    Notification.objects.filter(pk=note.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
