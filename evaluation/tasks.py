"""Celery tasks of the evaluation app: thin, idempotent, take ids."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(bind=True, acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=20)
def evaluation_documents_archive(self, *, evaluation_id: int) -> None:
    """Archive the evaluation report and the experts' sheets once rendered (retries while rendering)."""
    from .services.reports import evaluation_documents_archive as archive

    done = archive(evaluation_id=evaluation_id)
    if not done and not self.request.is_eager:
        raise self.retry(countdown=15)


@shared_task(acks_late=True)
def evaluation_reminders() -> int:
    """Daily: remind experts before the due date, escalate to staff after it (idempotent)."""
    from .services.reminders import evaluation_reminders_send

    return evaluation_reminders_send()
