"""Celery tasks of the matching app: thin, idempotent, take ids, call services."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def suggestions_refresh_demand(*, demand_id: int) -> int:
    from .services.matching import suggestions_refresh_for_demand

    return suggestions_refresh_for_demand(demand_id=demand_id)


@shared_task(acks_late=True)
def achievement_reindex(*, achievement_id: int) -> int:
    """An achievement changed: re-index it, then rescore it against the active demands."""
    from .models import MatchProfile
    from .services.index import profile_rebuild
    from .services.matching import suggestions_refresh_for_achievement

    before = MatchProfile.objects.filter(pk=achievement_id).values_list("fingerprint", flat=True).first()
    profile = profile_rebuild(achievement_id=achievement_id)
    if profile is not None and before is not None and profile.fingerprint == before:
        return 0  # nothing the matching reads has changed (e.g. a counter on the record)
    return suggestions_refresh_for_achievement(achievement_id=achievement_id)


@shared_task(acks_late=True)
def profile_refresh(*, achievement_id: int) -> None:
    """Attention changed (a docking project opened): refresh the profile only."""
    from .services.index import profile_rebuild

    profile_rebuild(achievement_id=achievement_id)


@shared_task(acks_late=True)
def suggestions_recompute_all() -> int:
    from .services.matching import suggestions_refresh_all

    return suggestions_refresh_all()


@shared_task(acks_late=True)
def nightly_rebuild() -> int:
    """Nightly: rebuild the index from scratch (exact statistics and impacts), then every suggestion."""
    from .services.index import index_rebuild_all
    from .services.matching import suggestions_refresh_all

    index_rebuild_all()
    return suggestions_refresh_all()


@shared_task(acks_late=True)
def registration_reminders() -> int:
    from .services.agreements import registration_reminders_send

    return registration_reminders_send()
