"""Publication (000 §6.3.1): staff put an evaluated achievement in the library, or take it out."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from achievements.models import CONFIDENTIAL_SECTIONS, LEVEL_RANK, Achievement, Confidentiality
from platform_core.accounts.roles import is_staff_member
from platform_core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import record_initial, transition

from ..models import EntryFreshness, PublicationSettings
from .indexing import document_refresh


def clean_levels(achievement: Achievement, levels: dict[str, str] | None) -> dict[str, str]:
    """The section levels staff chose: a section may be made stricter than the holder chose, never
    more open (the holder decides what may be disclosed)."""
    cleaned: dict[str, str] = {}
    for key, level in (levels or {}).items():
        if key not in CONFIDENTIAL_SECTIONS:
            raise ValidationFailed(_("Unknown section “%(key)s”.") % {"key": key}, code="unknown_section")
        if level not in Confidentiality.values:
            raise ValidationFailed(
                _("Unknown confidentiality level “%(level)s”.") % {"level": level}, code="invalid_level"
            )
        holder_level = achievement.level_of(key)
        if LEVEL_RANK[Confidentiality(level)] < LEVEL_RANK[Confidentiality(holder_level)]:
            raise ValidationFailed(
                _("“%(section)s” cannot be more open than the holder chose (%(level)s).")
                % {
                    "section": CONFIDENTIAL_SECTIONS[key][1],
                    "level": Confidentiality(holder_level).label,
                },
                code="level_too_open",
            )
        cleaned[key] = level
    return cleaned


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


def _publish_transition(achievement_id: int, actor: Any, note: str) -> Achievement:
    """The record's own publication service (it freezes and archives the published version), or the bare
    workflow move where that service does not exist."""
    try:
        from achievements.services import achievement_publish as record_publish
    except ImportError:
        return transition(Achievement, achievement_id, action="publish", actor=actor, reason=note)
    return record_publish(achievement_id=achievement_id, actor=actor, reason=note)


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
    achievement = Achievement.objects.filter(pk=achievement_id).first()
    if achievement is None:
        raise NotFoundError(_("The achievement does not exist."))
    cleaned = clean_levels(achievement, levels)
    if cleaned:
        # the levels staff confirmed are part of what is published (and of the frozen published version)
        locked = Achievement.objects.select_for_update().get(pk=achievement_id)
        Achievement.objects.filter(pk=achievement_id).update(
            confidentiality={**(locked.confidentiality or {}), **cleaned}
        )
    achievement = _publish_transition(achievement_id, actor, note.strip())
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
