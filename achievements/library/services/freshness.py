"""Dynamic update (000 §5.2.1.2.6): the stale-entry job, confirmations, refreshed content and overrides.

The job is idempotent: each step moves an entry only when its own clock has run out, and each move resets
the clock of the next one, so a second run on the same day finds nothing to do.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from achievements.models import Achievement
from platform_core.accounts.roles import Role, is_staff_member
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import record_initial, transition

from ..models import EntryFreshness, LibrarySettings, RefreshProposal, SearchDocument
from .indexing import bump_generation, document_refresh

CYCLED_STATES = (Achievement.State.PUBLISHED, Achievement.State.IN_DOCKING)


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    month_index = moment.month - 1 - months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def system_actor(settings_row: LibrarySettings | None = None) -> Any:
    """The staff account recorded on automatic retirements."""
    settings_row = settings_row or LibrarySettings.load()
    if settings_row.system_actor_id and is_staff_member(settings_row.system_actor):
        return settings_row.system_actor
    User = get_user_model()
    return (
        User.objects.filter(is_active=True).filter(groups__name=Role.ADMIN).order_by("pk").first()
        or User.objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
    )


def _mark_document(achievement_id: int, stale: bool) -> None:
    SearchDocument.objects.filter(achievement_id=achievement_id).update(is_stale=stale)
    bump_generation()


def stale_entries_run(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Ask, mark stale, retire. Returns how many entries moved at each step."""
    now = now or timezone.now()
    settings_row = LibrarySettings.load()
    counts = {"asked": 0, "stale": 0, "retired": 0, "skipped": 0}
    pending = set(
        RefreshProposal.objects.filter(state=RefreshProposal.State.SUBMITTED).values_list(
            "achievement_id", flat=True
        )
    )
    base = EntryFreshness.objects.filter(achievement__state__in=CYCLED_STATES).exclude(
        achievement_id__in=pending
    )

    # 1. entries not confirmed for N months: ask the holder
    due_before = months_before(now, settings_row.confirm_every_months)
    for pk in (
        base.filter(state=EntryFreshness.State.CURRENT, confirmed_at__lte=due_before)
        .exclude(exempt_until__gte=timezone.localdate(now))
        .values_list("pk", flat=True)
    ):
        with transaction.atomic():
            transition(
                EntryFreshness,
                pk,
                action="ask",
                actor=None,
                reason=_("Not confirmed for %(n)d months") % {"n": settings_row.confirm_every_months},
                apply=lambda obj: setattr(obj, "asked_at", now),
            )
        counts["asked"] += 1

    # 2. no answer within the grace period: stale (still listed, marked "awaiting update")
    stale_before = now - dt.timedelta(days=settings_row.grace_days)
    for pk in base.filter(state=EntryFreshness.State.DUE, asked_at__lte=stale_before).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            transition(
                EntryFreshness,
                pk,
                action="mark_stale",
                actor=None,
                reason=_("No answer within %(n)d days") % {"n": settings_row.grace_days},
                apply=lambda obj: setattr(obj, "stale_at", now),
            )
            _mark_document(pk, True)
        counts["stale"] += 1

    # 3. stale for the second period: retired from the library
    retire_before = now - dt.timedelta(days=settings_row.retire_after_days)
    to_retire = list(
        base.filter(state=EntryFreshness.State.STALE, stale_at__lte=retire_before).values_list(
            "pk", flat=True
        )
    )
    actor = system_actor(settings_row) if to_retire else None
    for pk in to_retire:
        if actor is None:
            counts["skipped"] += 1
            continue
        reason = _("Not updated for %(n)d days after it was marked stale") % {
            "n": settings_row.retire_after_days
        }
        with transaction.atomic():
            transition(Achievement, pk, action="retire", actor=actor, reason=reason)
            transition(EntryFreshness, pk, action="retire", actor=None, reason=reason)
            document_refresh(achievement_id=pk)
        counts["retired"] += 1
    return counts


# --------------------------------------------------------------------------- holders
def _entry_for(achievement_id: int, actor: Any) -> tuple[Achievement, EntryFreshness]:
    achievement = Achievement.objects.filter(pk=achievement_id).first()
    if achievement is None or not (
        achievement.holder_id == getattr(actor, "pk", None) or is_staff_member(actor)
    ):
        raise NotFoundError(_("The achievement does not exist."))
    if achievement.state not in Achievement.PUBLIC_STATES:
        raise ValidationFailed(_("Only entries in the library are confirmed."), code="not_in_library")
    entry = EntryFreshness.objects.filter(achievement_id=achievement_id).first()
    if entry is None:
        entry = EntryFreshness.objects.create(achievement=achievement)
        record_initial(entry, actor=actor)
    return achievement, entry


@transaction.atomic
def entry_confirm(*, achievement_id: int, actor: Any, note: str = "") -> EntryFreshness:
    """The holder (or staff on his behalf) confirms the entry is still accurate: a new cycle starts."""
    _achievement, entry = _entry_for(achievement_id, actor)
    now = timezone.now()

    def reset(obj: EntryFreshness) -> None:
        obj.confirmed_at = now
        obj.asked_at = None
        obj.stale_at = None

    entry = transition(
        EntryFreshness,
        entry.pk,
        action="confirm",
        actor=actor,
        reason=note or _("Confirmed as up to date"),
        apply=reset,
    )
    _mark_document(achievement_id, False)
    return entry


def _clean_changes(
    achievement: Achievement, changes: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    cleaned: dict[str, Any] = {}
    previous: dict[str, Any] = {}
    for name, value in (changes or {}).items():
        if name not in RefreshProposal.FIELDS:
            raise ValidationFailed(
                _("Field “%(name)s” cannot be refreshed here.") % {"name": name}, code="readonly"
            )
        if name == "trl":
            if value in ("", None):
                value = None
            else:
                try:
                    value = int(value)
                except (TypeError, ValueError) as exc:
                    raise ValidationFailed(
                        _("TRL must be a whole number from 1 to 9."), code="invalid"
                    ) from exc
                if not 1 <= value <= 9:
                    raise ValidationFailed(_("TRL must be a whole number from 1 to 9."), code="invalid")
        else:
            value = str(value or "").strip()
        current = getattr(achievement, name)
        if value != current:
            cleaned[name] = value
            previous[name] = current
    return cleaned, previous


@transaction.atomic
def refresh_submit(
    *, achievement_id: int, actor: Any, changes: dict[str, Any], note: str = ""
) -> RefreshProposal:
    """The holder sends updated content for a published entry; it goes live after a staff review."""
    achievement, _entry = _entry_for(achievement_id, actor)
    if achievement.holder_id != getattr(actor, "pk", None):
        raise PermissionDeniedError(_("Only the holder may refresh the entry."))
    cleaned, previous = _clean_changes(achievement, changes)
    if not cleaned:
        raise ValidationFailed(
            _("Nothing was changed. To keep the entry as it is, confirm it."), code="no_changes"
        )
    proposal = RefreshProposal(
        achievement=achievement,
        proposed_by=actor,
        changes=cleaned,
        previous=previous,
        note=note.strip()[:500],
    )
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError as exc:
        raise ConflictError(
            _("An update of this entry is already waiting for review."), code="duplicate"
        ) from exc
    record_initial(proposal, actor=actor)

    def notify() -> None:
        from platform_core.notifications.services import notification_send

        User = get_user_model()
        for user in User.objects.filter(groups__name=Role.STAFF, is_active=True).distinct():
            notification_send(
                recipient=user,
                title=_("Library entry update to review: %(name)s") % {"name": achievement.name},
                body=note,
                target=proposal,
                email=False,
            )

    transaction.on_commit(notify)
    return proposal


@transaction.atomic
def refresh_approve(*, proposal_id: int, actor: Any, note: str = "") -> RefreshProposal:
    """Staff accept the refreshed content: the record's service writes it (new published version, audit
    row), the entry is re-indexed and its cycle restarts."""
    from achievements.services import achievement_refresh_published

    proposal = RefreshProposal.objects.filter(pk=proposal_id).first()
    if proposal is None:
        raise NotFoundError(_("The update does not exist."))
    proposal = transition(RefreshProposal, proposal_id, action="approve", actor=actor, reason=note)
    achievement_refresh_published(
        achievement_id=proposal.achievement_id, actor=actor, changes=proposal.changes, reason=note
    )
    entry_confirm(achievement_id=proposal.achievement_id, actor=actor, note=_("Updated content approved"))
    document_refresh(achievement_id=proposal.achievement_id)
    return proposal


@transaction.atomic
def refresh_reject(*, proposal_id: int, actor: Any, note: str) -> RefreshProposal:
    return transition(
        RefreshProposal,
        proposal_id,
        action="reject",
        actor=actor,
        reason=note,
        apply=lambda obj: setattr(obj, "review_note", (note or "")[:500]),
    )


# --------------------------------------------------------------------------- staff overrides
@transaction.atomic
def entry_exempt(*, achievement_id: int, actor: Any, until: dt.date | None) -> EntryFreshness:
    """Staff keep an entry without reminders until a date (None lifts the exemption)."""
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only platform staff may change the update cycle."))
    _achievement, entry = _entry_for(achievement_id, actor)
    EntryFreshness.objects.filter(pk=entry.pk).update(exempt_until=until, updated_at=timezone.now())
    entry.refresh_from_db()
    if until and entry.state != EntryFreshness.State.CURRENT:
        entry = entry_confirm(
            achievement_id=achievement_id, actor=actor, note=_("Exempted by staff until %(d)s") % {"d": until}
        )
    return entry


@transaction.atomic
def entry_retire(*, achievement_id: int, actor: Any, reason: str) -> Achievement:
    """Staff retire an entry now (outdated information), whatever its cycle."""
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only platform staff may retire entries."))
    achievement = transition(Achievement, achievement_id, action="retire", actor=actor, reason=reason)
    entry = EntryFreshness.objects.filter(achievement_id=achievement_id).first()
    if entry is not None and entry.state != EntryFreshness.State.RETIRED:
        transition(EntryFreshness, entry.pk, action="retire", actor=actor, reason=reason)
    document_refresh(achievement_id=achievement_id)
    return achievement
