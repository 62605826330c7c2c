"""Favourites (我的收藏)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from achievements.models import Achievement
from platform_core.errors import NotFoundError, PermissionDeniedError

from ..models import BehaviourEvent, Favourite
from . import behaviour


@transaction.atomic
def favourite_add(*, user: Any, achievement_id: int, note: str = "") -> Favourite:
    """Save a library entry (idempotent: saving twice keeps one favourite)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDeniedError(_("Log in to save favourites."))
    achievement = (
        Achievement.objects.filter(pk=achievement_id, state__in=Achievement.PUBLIC_STATES)
        .only("pk", "technical_field_id")
        .first()
    )
    if achievement is None:
        raise NotFoundError(_("The achievement does not exist."))
    favourite, created = Favourite.objects.get_or_create(
        user=user, achievement=achievement, defaults={"note": note[:200]}
    )
    if created:
        behaviour.record(
            kind=BehaviourEvent.Kind.FAVOURITE,
            user=user,
            achievement_id=achievement.pk,
            technical_field_id=achievement.technical_field_id,
        )
    return favourite


@transaction.atomic
def favourite_remove(*, user: Any, achievement_id: int) -> bool:
    deleted, _rows = Favourite.objects.filter(user=user, achievement_id=achievement_id).delete()
    return bool(deleted)
