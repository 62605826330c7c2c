"""Facility bookings (5.4.1.1): conflict detection under a row lock, approval, cancellation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.notifications.services import notification_send
from platform_core.workflow.engine import record_initial, transition

from ..models import Booking, Facility, IncubationProject
from ..selectors import booking_usage
from .common import clean_and_save, staff_users


def _fmt(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _check_rules(facility: Facility, starts_at: dt.datetime, ends_at: dt.datetime, quantity: int) -> None:
    if ends_at <= starts_at:
        raise ValidationFailed(_("The end must be after the start."), code="bad_interval")
    if starts_at < timezone.now():
        raise ValidationFailed(_("A booking cannot start in the past."), code="in_past")
    start_local, end_local = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start_local.date() != end_local.date():
        raise ValidationFailed(_("A booking must start and end on the same day."), code="multi_day")
    if start_local.time() < facility.opens_at or end_local.time() > facility.closes_at:
        raise ValidationFailed(
            _("%(facility)s can be booked between %(open)s and %(close)s.")
            % {
                "facility": facility.name,
                "open": facility.opens_at.strftime("%H:%M"),
                "close": facility.closes_at.strftime("%H:%M"),
            },
            code="outside_hours",
        )
    hours = (ends_at - starts_at).total_seconds() / 3600
    if facility.max_hours and hours > facility.max_hours:
        raise ValidationFailed(
            _("%(facility)s can be booked for at most %(n)s hours at a time.")
            % {"facility": facility.name, "n": facility.max_hours},
            code="too_long",
        )
    if quantity < 1 or quantity > facility.capacity:
        raise ValidationFailed(
            _("%(facility)s has %(n)s units; book between 1 and %(n)s.")
            % {"facility": facility.name, "n": facility.capacity},
            code="bad_quantity",
        )


def _conflict_message(facility: Facility, used: int, conflicts: list[Booking]) -> str:
    first = conflicts[0]
    who = first.project.name if first.project_id else str(first.booked_by)
    message = _(
        "This time is already taken: booking #%(id)s (%(start)s–%(end)s, %(who)s, %(state)s) overlaps it. "
        "%(facility)s holds %(capacity)s at a time and %(used)s are already booked then."
    ) % {
        "id": first.pk,
        "start": _fmt(first.starts_at),
        "end": timezone.localtime(first.ends_at).strftime("%H:%M"),
        "who": who,
        "state": first.get_state_display(),
        "facility": facility.name,
        "capacity": facility.capacity,
        "used": used,
    }
    if len(conflicts) > 1:
        message += " " + _("(%(n)s more overlapping bookings.)") % {"n": len(conflicts) - 1}
    return message


@transaction.atomic
def booking_create(
    *,
    facility_id: int,
    actor: Any,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str,
    quantity: int = 1,
    project_id: int | None = None,
) -> Booking:
    """Book a facility. The facility row is locked, so two concurrent requests cannot both take the last unit.

    Pending and approved bookings hold capacity; an overlap beyond the capacity is refused with a
    message naming the conflicting booking.
    """
    if not actor.has_perm("incubation.book"):
        raise PermissionDeniedError(_("You are not allowed to book facilities."))
    facility = Facility.objects.select_for_update().filter(pk=facility_id, is_active=True).first()
    if facility is None:
        raise NotFoundError(_("The facility does not exist or cannot be booked."))
    project = None
    if project_id:
        project = IncubationProject.objects.filter(pk=project_id).first()
        if project is None or not actor.has_perm("incubation.view_project_private", project):
            raise NotFoundError(_("The incubation project does not exist."))
        if not project.is_active:
            raise ValidationFailed(_("Only projects being incubated can book facilities."), code="inactive")
    _check_rules(facility, starts_at, ends_at, quantity)
    peak, conflicts = booking_usage(facility=facility, starts_at=starts_at, ends_at=ends_at)
    if peak + quantity > facility.capacity:
        raise ConflictError(_conflict_message(facility, peak, conflicts), code="booking_conflict")
    booking = clean_and_save(
        Booking(
            facility=facility,
            project=project,
            booked_by=actor,
            starts_at=starts_at,
            ends_at=ends_at,
            quantity=quantity,
            purpose=purpose.strip(),
        )
    )
    record_initial(booking, actor=actor)
    if not facility.requires_approval or is_staff_member(actor):
        return booking_decide(booking_id=booking.pk, actor=actor, action="approve")
    booking_id, manager_id = booking.pk, facility.manager_id

    def tell_staff() -> None:
        recipients = [facility.manager] if manager_id else list(staff_users())
        for member in recipients:
            notification_send(
                recipient=member,
                title=_("Booking to approve: %(facility)s, %(start)s")
                % {"facility": facility.name, "start": _fmt(starts_at)},
                url=Booking(pk=booking_id).get_absolute_url(),
            )

    transaction.on_commit(tell_staff)
    return booking


def booking_decide(*, booking_id: int, actor: Any, action: str, reason: str = "") -> Booking:
    """Approve, reject or cancel a booking (workflow ``incubation_booking``)."""

    def stamp(booking: Booking) -> None:
        if action in ("approve", "reject"):
            booking.decided_at = timezone.now()

    return transition(Booking, booking_id, action=action, actor=actor, reason=reason, apply=stamp)


@transaction.atomic
def facility_save(*, actor: Any, facility: Facility) -> Facility:
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only staff manage facilities."))
    return clean_and_save(facility)
