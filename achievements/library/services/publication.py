"""Publication (000 §6.3.1): staff put an evaluated achievement in the library, or take it out."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from achievements.models import CONFIDENTIAL_SECTIONS, Achievement
from achievements.services import achievement_publish as record_publish
from platform_core.accounts.roles import is_staff_member
from platform_core.errors import NotFoundError, PermissionDeniedError
from platform_core.workflow.engine import record_initial, transition

from ..models import EntryFreshness, PublicationSettings
from .indexing import document_refresh


def _freshness_restart(achievement: Achievement, actor: Any) -> None:
    """A (re)published entry starts a new update cycle."""
    now = timezone.now()
    entry = EntryFreshness.objects.filter(achievement=achievement).first()
    if entry is None:
        entry = EntryFreshness.objects.create(achievement=achievement, confirmed_at=now, updated_at=now)
        record_initial(entry, actor=actor)
        return

    def reset(obj: EntryFreshness) -> None:
        obj.confirmed_at = now
        obj.asked_at = None
        obj.stale_at = None
        obj.updated_at = now

    action = "reinstate" if entry.state == EntryFreshness.State.RETIRED else "confirm"
    transition(EntryFreshness, entry.pk, action=action, actor=actor, reason=_("Published again"), apply=reset)


@transaction.atomic
def achievement_publish(
    *,
    achievement_id: int,
    actor: Any,
    levels: dict[str, str] | None = None,
    note: str = "",
    featured: bool = False,
) -> Achievement:
    """Publish an achievement that passed the evaluation, with the classification the evaluation wrote on
    the record (maturity, TRL) and the section levels staff confirmed."""
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only platform staff may publish achievements."))
    if not Achievement.objects.filter(pk=achievement_id).exists():
        raise NotFoundError(_("The achievement does not exist."))
    # the record's service validates the levels (stricter than the holder chose, never more open), writes
    # them in the publish move, freezes and archives the published version
    achievement = record_publish(
        achievement_id=achievement_id, actor=actor, reason=note.strip(), levels=levels
    )
    PublicationSettings.objects.update_or_create(
        achievement=achievement,
        defaults={
            "maturity": achievement.maturity,
            "trl": achievement.trl,
            "levels": {key: achievement.level_of(key) for key in CONFIDENTIAL_SECTIONS},
            "note": note.strip()[:500],
            "featured": featured,
            "source": PublicationSettings.Source.STAFF,
            "published_by": actor,
            "published_at": timezone.now(),
            "unpublished_at": None,
            "unpublish_reason": "",
        },
    )
    _freshness_restart(achievement, actor)
    document_refresh(achievement_id=achievement.pk)
    return achievement


@transaction.atomic
def achievement_unpublish(*, achievement_id: int, actor: Any, reason: str) -> Achievement:
    """Take an entry out of the library (back to "evaluation passed"), with a reason."""
    achievement = transition(Achievement, achievement_id, action="unpublish", actor=actor, reason=reason)
    PublicationSettings.objects.filter(achievement_id=achievement_id).update(
        unpublished_at=timezone.now(), unpublish_reason=(reason or "").strip()[:500]
    )
    document_refresh(achievement_id=achievement_id)
    return achievement


@transaction.atomic
def publication_sync(*, actor: Any = None) -> int:
    """Give every achievement already in the library (published by other means, e.g. earlier demo data)
    its publication row, update cycle and search document. Returns how many were added."""
    missing = list(
        Achievement.objects.filter(state__in=Achievement.PUBLIC_STATES, publication__isnull=True).values_list(
            "pk", "maturity", "trl", "published_at"
        )
    )
    now = timezone.now()
    for pk, maturity, trl, published_at in missing:
        PublicationSettings.objects.create(
            achievement_id=pk,
            maturity=maturity,
            trl=trl,
            source=PublicationSettings.Source.SYNC,
            published_at=published_at or now,
        )
        if not EntryFreshness.objects.filter(achievement_id=pk).exists():
            entry = EntryFreshness.objects.create(
                achievement_id=pk, confirmed_at=published_at or now, updated_at=now
            )
            record_initial(entry, actor=actor)
    if missing:
        from .indexing import documents_rebuild

        documents_rebuild(achievement_ids=[pk for pk, *_rest in missing])
    return len(missing)
