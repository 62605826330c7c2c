from __future__ import annotations

import datetime as dt

import pytest

from incubation import services
from incubation.models import Booking
from incubation.selectors import booking_week, facility_utilisation
from platform_core.errors import ConflictError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import history

from .conftest import next_monday_at

pytestmark = pytest.mark.django_db


def book(facility, user, start, end, **kw):
    return services.booking_create(
        facility_id=facility.pk, actor=user, starts_at=start, ends_at=end, purpose="中试放大", **kw
    )


def test_overlapping_booking_is_refused_naming_the_conflict(users, lab, admitted):
    first = book(lab, users["holder"], next_monday_at(9), next_monday_at(12), project_id=admitted.pk)
    with pytest.raises(ConflictError) as exc:
        book(lab, users["other_holder"], next_monday_at(11), next_monday_at(14))
    message = str(exc.value.message)
    assert f"#{first.pk}" in message
    assert "中试车间A" in message
    assert admitted.name in message
    assert exc.value.status_code == 409
    assert Booking.objects.count() == 1


def test_touching_bookings_do_not_conflict(users, lab):
    book(lab, users["holder"], next_monday_at(9), next_monday_at(12))
    second = book(lab, users["other_holder"], next_monday_at(12), next_monday_at(14))
    assert second.pk


def test_capacity_allows_parallel_bookings_up_to_the_limit(users, instrument):
    book(instrument, users["holder"], next_monday_at(9), next_monday_at(12))
    book(instrument, users["other_holder"], next_monday_at(10), next_monday_at(11))
    # Peak usage is 2 between 10 and 11 only: 11–12 still has one unit free.
    book(instrument, users["enterprise"], next_monday_at(11), next_monday_at(12))
    with pytest.raises(ConflictError):
        book(instrument, users["enterprise"], next_monday_at(9), next_monday_at(10, 30))
    assert Booking.objects.count() == 3


def test_rejected_and_cancelled_bookings_free_the_slot(users, lab):
    first = book(lab, users["holder"], next_monday_at(9), next_monday_at(12))
    services.booking_decide(booking_id=first.pk, actor=users["staff"], action="reject", reason="设备检修")
    again = book(lab, users["other_holder"], next_monday_at(9), next_monday_at(12))
    services.booking_decide(booking_id=again.pk, actor=users["other_holder"], action="cancel")
    assert book(lab, users["enterprise"], next_monday_at(9), next_monday_at(12)).pk


def test_rules_of_the_facility_are_enforced(users, lab):
    with pytest.raises(ValidationFailed):
        book(lab, users["holder"], next_monday_at(7), next_monday_at(9))  # opens at 08:00
    with pytest.raises(ValidationFailed):
        book(lab, users["holder"], next_monday_at(8), next_monday_at(17, 30))  # longer than 8 hours
    with pytest.raises(ValidationFailed):
        book(lab, users["holder"], next_monday_at(9, weeks=-2), next_monday_at(10, weeks=-2))  # in the past
    assert not Booking.objects.exists()


def test_evaluator_cannot_book(users, lab):
    with pytest.raises(PermissionDeniedError):
        book(lab, users["evaluator"], next_monday_at(9), next_monday_at(10))


def test_approval_by_staff_puts_it_on_the_calendar(users, lab):
    booking = book(lab, users["holder"], next_monday_at(9), next_monday_at(12))
    assert booking.state == Booking.State.PENDING
    monday = next_monday_at(9).date()
    _days, rows = booking_week(monday=monday)
    assert rows[0].cells[0] == []
    with pytest.raises(PermissionDeniedError):
        services.booking_decide(booking_id=booking.pk, actor=users["holder"], action="approve")
    services.booking_decide(booking_id=booking.pk, actor=users["staff"], action="approve")
    _days, rows = booking_week(monday=monday)
    assert [b.pk for b in rows[0].cells[0]] == [booking.pk]
    assert [log.to_state for log in history(booking)] == ["pending", "approved"]


def test_facility_without_approval_confirms_at_once(users, lab):
    lab.requires_approval = False
    lab.save()
    booking = book(lab, users["holder"], next_monday_at(9), next_monday_at(12))
    assert booking.state == Booking.State.APPROVED


def test_utilisation_per_month(users, lab):
    booking = book(lab, users["holder"], next_monday_at(8), next_monday_at(16))
    services.booking_decide(booking_id=booking.pk, actor=users["staff"], action="approve")
    day = next_monday_at(8).date()
    figures = facility_utilisation(months=[(day.year, day.month)], facilities=[lab])
    u = figures[lab.pk][(day.year, day.month)]
    assert u.booked_hours == 8.0
    assert u.bookings == 1
    assert u.available_hours > 0
    assert u.rate == round(8 / u.available_hours * 100, 1)
    assert isinstance(dt.date.today(), dt.date)
