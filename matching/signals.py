"""Framework hook: keep the matching index in step with the achievements (a search-index update, not a
business step). Only changes that touch the library (an achievement entering, in, or leaving it) are sent."""

from __future__ import annotations

from django.db import transaction


def _schedule(achievement_id: int) -> None:
    from .tasks import achievement_reindex

    transaction.on_commit(lambda: achievement_reindex.delay(achievement_id=achievement_id))


def achievement_saved(sender, instance, created: bool = False, update_fields=None, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    from achievements.models import Achievement

    # No query here: the state before this save is kept on the instance by the achievements model.
    before = getattr(instance, "_state_at_load", None)
    if instance.state in Achievement.PUBLIC_STATES or before in Achievement.PUBLIC_STATES:
        _schedule(instance.pk)


def achievement_vocab_changed(sender, instance, action: str, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from achievements.models import Achievement

    if isinstance(instance, Achievement) and instance.state in Achievement.PUBLIC_STATES:
        _schedule(instance.pk)
