"""Celery tasks of the library: thin, idempotent, by id."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def library_stale_entries() -> dict:
    """Daily (beat "library: stale entries"): ask, mark stale, retire. Running twice changes nothing."""
    from .services.freshness import stale_entries_run

    return stale_entries_run()


@shared_task(acks_late=True)
def library_import_run(*, job_id: int) -> None:
    from .services.imports import import_job_run

    import_job_run(job_id=job_id)


@shared_task(acks_late=True)
def library_document_refresh(*, achievement_id: int) -> None:
    from .services.indexing import document_refresh

    document_refresh(achievement_id=achievement_id)


@shared_task(acks_late=True)
def library_behaviour_flush() -> int:
    from .services.behaviour import flush

    return flush()
