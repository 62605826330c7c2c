"""Keep the library in step with moves other apps make on an achievement.

The achievement's state changes in several apps (the achievements app publishes and retires, matching
moves it to docking and conversion). Whenever an achievement's transition crosses the library's boundary
(into or out of the public states) the entry's publication row, update cycle and search document are
brought in line after the commit. Listening to the transition log is the one framework hook used for it;
the library's own services already keep everything in line, so for them this check finds nothing to do.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from achievements.models import Achievement
from platform_core.workflow.engine import record_initial

from ..models import EntryFreshness, PublicationSettings, SearchDocument
from .indexing import document_refresh


def library_sync(*, achievement_id: int, actor: Any = None) -> bool:
    """Bring one achievement's library rows in line with its state; True when something changed."""
    row = (
        Achievement.objects.filter(pk=achievement_id)
        .values("state", "maturity", "trl", "published_at")
        .first()
    )
    if row is None:
        return False
    in_library = row["state"] in Achievement.PUBLIC_STATES
    has_document = SearchDocument.objects.filter(pk=achievement_id).exists()
    if in_library == has_document:
        return False
    with transaction.atomic():
        if in_library:
            now = timezone.now()
            PublicationSettings.objects.get_or_create(
                achievement_id=achievement_id,
                defaults={
                    "maturity": row["maturity"],
                    "trl": row["trl"],
                    "source": PublicationSettings.Source.SYNC,
                    "published_by": actor if getattr(actor, "pk", None) else None,
                    "published_at": row["published_at"] or now,
                },
            )
            if not EntryFreshness.objects.filter(pk=achievement_id).exists():
                entry = EntryFreshness.objects.create(
                    achievement_id=achievement_id, confirmed_at=row["published_at"] or now, updated_at=now
                )
                record_initial(entry, actor=actor)
        document_refresh(achievement_id=achievement_id)
    return True


def on_transition_logged(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """post_save receiver of TransitionLog: schedule a sync when an achievement crosses the boundary."""
    if not created or instance.workflow != "achievement":
        return
    public = Achievement.PUBLIC_STATES
    if (instance.from_state in public) == (instance.to_state in public):
        return
    achievement_id, actor_id = instance.object_id, instance.actor_id

    def sync() -> None:
        from django.contrib.auth import get_user_model

        actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
        library_sync(achievement_id=int(achievement_id), actor=actor)

    transaction.on_commit(sync)
