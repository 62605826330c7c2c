"""Background work of the achievements app: thin, idempotent, by id."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def archive_published_version(*, submission_id: int) -> None:
    """Render and archive the published version's application form; running twice archives once."""
    from .services import submission_archive

    submission_archive(submission_id=submission_id)
