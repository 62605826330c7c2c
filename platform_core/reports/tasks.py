from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=300,
    time_limit=360,
)
def report_render(*, report_id: int) -> None:
    """Render one PDF report; idempotent (a done report is not rendered again)."""
    services.report_render(report_id=report_id)
