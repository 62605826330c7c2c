"""Matchmaking events: set-up, registration, check-in, one-to-one sessions without double-booking, outcomes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.accounts.roles import Role, has_role, is_staff_member
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import record_initial, transition

from ..models import AgendaItem, EventRegistration, EventSession, MatchmakingEvent
from .common import full_clean, set_fields

EVENT_FIELDS = (
    "title", "mode", "venue", "online_link", "starts_at", "ends_at", "registration_deadline", "capacity",
    "description", "technical_field", "session_minutes",
)  # fmt: skip
ACTIVE_SESSION = (EventSession.Status.SCHEDULED, EventSession.Status.HELD)


def _require_staff(actor: Any) -> None:
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only staff organise matchmaking events."))


def _event(event_id: int, actor: Any, *, lock: bool = False) -> MatchmakingEvent:
    qs = MatchmakingEvent.objects.select_for_update() if lock else MatchmakingEvent.objects
    event = qs.filter(pk=event_id).first()
    if event is None or not actor.has_perm("matching.view_matchmakingevent", event):
        raise NotFoundError(_("Event not found."))
    return event


@transaction.atomic
def event_save(*, actor: Any, event_id: int | None = None, **fields: Any) -> MatchmakingEvent:
    _require_staff(actor)
    event = MatchmakingEvent(organizer=actor) if event_id is None else _event(event_id, actor, lock=True)
    set_fields(event, fields, EVENT_FIELDS)
    full_clean(event)
    event.save()
    if event_id is None:
        record_initial(event, actor=actor)
    return event


@transaction.atomic
def agenda_add(*, event_id: int, actor: Any, title: str, starts_at: dt.datetime, **fields: Any) -> AgendaItem:
    _require_staff(actor)
    event = _event(event_id, actor)
    item = AgendaItem(event=event, title=title, starts_at=starts_at)
    set_fields(item, fields, ("ends_at", "speaker", "description"))
    full_clean(item)
    item.save()
    return item


def event_transition(*, event_id: int, actor: Any, action: str, reason: str = "") -> MatchmakingEvent:
    return transition(MatchmakingEvent, event_id, action=action, actor=actor, reason=reason)


def _default_side(user: Any) -> str:
    if has_role(user, Role.ENTERPRISE):
        return EventRegistration.Side.DEMAND
    if has_role(user, Role.HOLDER):
        return EventRegistration.Side.SUPPLY
    return EventRegistration.Side.OTHER


@transaction.atomic
def registration_create(
    *,
    event_id: int,
    actor: Any,
    user: Any = None,
    achievement_id: int | None = None,
    demand_id: int | None = None,
    note: str = "",
) -> EventRegistration:
    """Register (oneself, or — staff — someone else) for an event; capacity and deadline apply."""
    event = _event(event_id, actor, lock=True)
    participant = user or actor
    if participant != actor and not is_staff_member(actor):
        raise PermissionDeniedError(_("You can only register yourself."))
    if not participant.has_perm("matching.register_event", event):
        if event.state not in (MatchmakingEvent.State.OPEN, MatchmakingEvent.State.ONGOING):
            raise ConflictError(_("Registration for this event is not open."), code="closed")
        raise PermissionDeniedError(_("Enterprises, holders and investors register for matchmaking events."))
    if (
        event.registration_deadline
        and timezone.now() > event.registration_deadline
        and not is_staff_member(actor)
    ):
        raise ConflictError(_("The registration deadline has passed."), code="deadline")
    registration = EventRegistration.objects.filter(event=event, user=participant).first()
    if registration is not None and registration.status == EventRegistration.Status.REGISTERED:
        raise ConflictError(_("Already registered for this event."), code="duplicate")
    if (
        event.capacity
        and event.registrations.filter(status=EventRegistration.Status.REGISTERED).count() >= event.capacity
    ):
        raise ConflictError(_("The event is full."), code="full")
    if achievement_id and not participant.achievements.filter(pk=achievement_id).exists():
        raise ValidationFailed(_("Choose one of your own achievements."), code="bad_achievement")
    if demand_id and not participant.demands.filter(pk=demand_id).exists():
        raise ValidationFailed(_("Choose one of your own demands."), code="bad_demand")
    registration = registration or EventRegistration(event=event, user=participant)
    registration.side = _default_side(participant)
    registration.status = EventRegistration.Status.REGISTERED
    registration.achievement_id, registration.demand_id, registration.note = achievement_id, demand_id, note
    full_clean(registration)
    registration.save()
    return registration


def _registration(registration_id: int, actor: Any, *, lock: bool = False) -> EventRegistration:
    qs = EventRegistration.objects.select_related("event", "user")
    if lock:
        qs = qs.select_for_update(of=("self",))
    registration = qs.filter(pk=registration_id).first()
    if registration is None or not (is_staff_member(actor) or registration.user_id == actor.pk):
        raise NotFoundError(_("Registration not found."))
    return registration


@transaction.atomic
def registration_cancel(*, registration_id: int, actor: Any) -> EventRegistration:
    registration = _registration(registration_id, actor, lock=True)
    EventSession.objects.filter(
        Q(demand_side=registration) | Q(supply_side=registration), status=EventSession.Status.SCHEDULED
    ).update(status=EventSession.Status.CANCELLED)
    registration.status = EventRegistration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    return registration


@transaction.atomic
def check_in(*, registration_id: int, actor: Any) -> EventRegistration:
    _require_staff(actor)
    registration = _registration(registration_id, actor, lock=True)
    if registration.status != EventRegistration.Status.REGISTERED:
        raise ConflictError(_("This registration was cancelled."), code="cancelled")
    if registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at", "updated_at"])
    return registration


def _fmt(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _conflict_message(registration: EventRegistration, session: EventSession) -> str:
    other = session.supply_side if session.demand_side_id == registration.pk else session.demand_side
    table = _("table %(t)s") % {"t": session.table} if session.table else _("no table assigned")
    return _(
        "%(who)s already meets %(other)s from %(start)s to %(end)s (%(table)s); a participant cannot be in two sessions at once."
    ) % {
        "who": registration.user,
        "other": other.user,
        "start": _fmt(session.starts_at),
        "end": _fmt(session.ends_at),
        "table": table,
    }


@transaction.atomic
def session_schedule(
    *,
    event_id: int,
    actor: Any,
    demand_registration_id: int,
    supply_registration_id: int,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    table: str = "",
    achievement_id: int | None = None,
    demand_id: int | None = None,
) -> EventSession:
    """Schedule a one-to-one session. The event and both registrations are locked, then every overlapping
    session of either participant (or of the table) is refused with a message naming the conflict."""
    _require_staff(actor)
    event = _event(event_id, actor, lock=True)
    if event.state in (MatchmakingEvent.State.FINISHED, MatchmakingEvent.State.CANCELLED):
        raise ConflictError(_("The event has ended."), code="ended")
    ids = sorted({demand_registration_id, supply_registration_id})
    if len(ids) != 2:
        raise ValidationFailed(_("A session needs two different participants."), code="same_participant")
    regs = {
        r.pk: r
        for r in EventRegistration.objects.select_for_update().filter(pk__in=ids, event=event).order_by("pk")
    }
    demand_side, supply_side = regs.get(demand_registration_id), regs.get(supply_registration_id)
    if demand_side is None or supply_side is None:
        raise ValidationFailed(
            _("Both participants must be registered for this event."), code="not_registered"
        )
    for reg in (demand_side, supply_side):
        if reg.status != EventRegistration.Status.REGISTERED:
            raise ConflictError(
                _("%(who)s cancelled the registration.") % {"who": reg.user}, code="cancelled"
            )
    if supply_side.side != EventRegistration.Side.SUPPLY:
        raise ValidationFailed(_("The supply side must be an achievement holder."), code="bad_side")
    ends_at = ends_at or starts_at + dt.timedelta(minutes=event.session_minutes)
    if ends_at <= starts_at:
        raise ValidationFailed(_("The session must end after it starts."), code="bad_time")
    if starts_at < event.starts_at or ends_at > event.ends_at:
        raise ValidationFailed(
            _("The session must lie within the event (%(s)s–%(e)s).")
            % {"s": _fmt(event.starts_at), "e": _fmt(event.ends_at)},
            code="outside_event",
        )
    overlapping = EventSession.objects.filter(
        event=event, status__in=ACTIVE_SESSION, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).select_related("demand_side__user", "supply_side__user")
    for reg in (demand_side, supply_side):
        clash = overlapping.filter(Q(demand_side=reg) | Q(supply_side=reg)).order_by("starts_at").first()
        if clash is not None:
            raise ConflictError(
                _conflict_message(reg, clash), code="double_booked", extra={"session": clash.pk}
            )
    if table:
        clash = overlapping.filter(table=table).order_by("starts_at").first()
        if clash is not None:
            raise ConflictError(
                _("Table %(t)s is taken from %(s)s to %(e)s.")
                % {"t": table, "s": _fmt(clash.starts_at), "e": _fmt(clash.ends_at)},
                code="table_taken",
            )
    session = EventSession(
        event=event,
        demand_side=demand_side,
        supply_side=supply_side,
        starts_at=starts_at,
        ends_at=ends_at,
        table=table,
        achievement_id=achievement_id or supply_side.achievement_id,
        demand_id=demand_id or demand_side.demand_id,
    )
    full_clean(session)
    session.save()
    return session


@transaction.atomic
def session_cancel(*, session_id: int, actor: Any) -> EventSession:
    _require_staff(actor)
    session = EventSession.objects.select_for_update().filter(pk=session_id).first()
    if session is None:
        raise NotFoundError(_("Session not found."))
    session.status = EventSession.Status.CANCELLED
    session.save(update_fields=["status", "updated_at"])
    return session


@transaction.atomic
def session_outcome(
    *, session_id: int, actor: Any, outcome: str, note: str = "", open_project: bool = False
) -> EventSession:
    """Record what came of a session; a cooperation intent may open a docking project at once."""
    _require_staff(actor)
    session = (
        EventSession.objects.select_for_update(of=("self",))
        .select_related("demand_side__user", "supply_side__user", "event")
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise NotFoundError(_("Session not found."))
    if session.status == EventSession.Status.CANCELLED:
        raise ConflictError(_("The session was cancelled."), code="cancelled")
    if outcome not in EventSession.Outcome.values or not outcome:
        raise ValidationFailed(_("Choose an outcome."), code="bad_outcome")
    session.status, session.outcome, session.outcome_note = EventSession.Status.HELD, outcome, note
    session.save(update_fields=["status", "outcome", "outcome_note", "updated_at"])
    if open_project:
        if outcome != EventSession.Outcome.INTENT:
            raise ValidationFailed(_("Only a cooperation intent opens a docking project."), code="not_intent")
        if not session.achievement_id:
            raise ValidationFailed(
                _("Name the achievement discussed to open a docking project."), code="no_achievement"
            )
        from .docking import project_open

        project_open(
            achievement_id=session.achievement_id,
            enterprise=session.demand_side.user,
            actor=actor,
            source="event",
            demand_id=session.demand_id,
            session_id=session.pk,
            message=_("Cooperation intent at “%(e)s”: %(n)s") % {"e": session.event.title, "n": note},
        )
    return session
