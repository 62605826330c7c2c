"""Two concurrent requests for the last unit of a facility: the row lock lets exactly one through (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from incubation import services
from incubation.models import Booking, Facility
from platform_core.errors import ConflictError

from .conftest import next_monday_at


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real row locks (PostgreSQL)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_cannot_both_take_the_last_unit(users):
    facility = Facility.objects.create(name="并发测试仪器", kind=Facility.Kind.INSTRUMENT, capacity=1)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def book(role: str) -> None:
        try:
            barrier.wait(timeout=10)
            services.booking_create(
                facility_id=facility.pk,
                actor=users[role],
                starts_at=next_monday_at(9),
                ends_at=next_monday_at(11),
                purpose=role,
            )
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(role,)) for role in ("holder", "other_holder")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "ok"]
    assert Booking.objects.filter(facility=facility).count() == 1
