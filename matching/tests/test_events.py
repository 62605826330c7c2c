"""Matchmaking events: registration, check-in, one-to-one sessions without double-booking, outcomes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from matching.models import DockingProject, EventSession
from matching.services import events as services
from platform_core.errors import ConflictError, PermissionDeniedError


@pytest.fixture
def event(users):
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + dt.timedelta(days=7)
    event = services.event_save(
        actor=users["staff"],
        title="慢性肝病中医药成果对接会",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=8),
        mode="offline",
        venue="石家庄",
        session_minutes=20,
        capacity=10,
    )
    return services.event_transition(event_id=event.pk, actor=users["staff"], action="open_registration")


@pytest.fixture
def regs(users, event, achievement, make_user):
    out = {
        "enterprise": services.registration_create(event_id=event.pk, actor=users["enterprise"]),
        "other_enterprise": services.registration_create(event_id=event.pk, actor=users["other_enterprise"]),
        "holder": services.registration_create(
            event_id=event.pk, actor=users["holder"], achievement_id=achievement.pk
        ),
        "other_holder": services.registration_create(event_id=event.pk, actor=users["other_holder"]),
    }
    return out


def test_registration_rules(users, event):
    with pytest.raises(PermissionDeniedError):
        services.registration_create(event_id=event.pk, actor=users["evaluator"])
    services.registration_create(event_id=event.pk, actor=users["enterprise"])
    with pytest.raises(ConflictError):
        services.registration_create(event_id=event.pk, actor=users["enterprise"])


def test_double_booking_is_refused_with_a_clear_message(users, event, regs):
    at = event.starts_at + dt.timedelta(hours=1)
    services.session_schedule(
        event_id=event.pk,
        actor=users["staff"],
        demand_registration_id=regs["enterprise"].pk,
        supply_registration_id=regs["holder"].pk,
        starts_at=at,
        table="3",
    )
    # the holder again, overlapping by ten minutes, with another enterprise
    with pytest.raises(ConflictError) as err:
        services.session_schedule(
            event_id=event.pk,
            actor=users["staff"],
            demand_registration_id=regs["other_enterprise"].pk,
            supply_registration_id=regs["holder"].pk,
            starts_at=at + dt.timedelta(minutes=10),
            table="4",
        )
    message = str(err.value.message)
    assert err.value.code == "double_booked"
    assert str(users["holder"]) in message and str(users["enterprise"]) in message
    local = timezone.localtime(at)
    assert f"{local:%H:%M}" in message
    assert EventSession.objects.count() == 1
    # the same table at the same time is refused too
    with pytest.raises(ConflictError) as err:
        services.session_schedule(
            event_id=event.pk,
            actor=users["staff"],
            demand_registration_id=regs["other_enterprise"].pk,
            supply_registration_id=regs["other_holder"].pk,
            starts_at=at,
            table="3",
        )
    assert err.value.code == "table_taken"
    # back to back is fine
    services.session_schedule(
        event_id=event.pk,
        actor=users["staff"],
        demand_registration_id=regs["other_enterprise"].pk,
        supply_registration_id=regs["holder"].pk,
        starts_at=at + dt.timedelta(minutes=20),
        table="3",
    )
    assert EventSession.objects.count() == 2


def test_double_booking_message_shown_on_the_page(users, client_for, event, regs):
    at = timezone.localtime(event.starts_at + dt.timedelta(hours=2))
    url = reverse("matching:session_add", args=[event.pk])
    data = {
        "session-demand_side": regs["enterprise"].pk,
        "session-supply_side": regs["holder"].pk,
        "session-starts_at": at.strftime("%Y-%m-%dT%H:%M"),
        "session-table": "1",
    }
    client_for("staff").post(url, data)
    response = client_for("staff").post(
        url, {**data, "session-demand_side": regs["other_enterprise"].pk, "session-table": "2"}, follow=True
    )
    text = response.content.decode()
    assert "不能同时参加两场洽谈" in text or "cannot be in two sessions" in text
    assert EventSession.objects.count() == 1


def test_session_outside_the_event_is_refused(users, event, regs):
    from platform_core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.session_schedule(
            event_id=event.pk,
            actor=users["staff"],
            demand_registration_id=regs["enterprise"].pk,
            supply_registration_id=regs["holder"].pk,
            starts_at=event.ends_at,
        )


def test_check_in_and_intent_opens_docking_project(users, event, regs):
    services.check_in(registration_id=regs["holder"].pk, actor=users["staff"])
    session = services.session_schedule(
        event_id=event.pk,
        actor=users["staff"],
        demand_registration_id=regs["enterprise"].pk,
        supply_registration_id=regs["holder"].pk,
        starts_at=event.starts_at,
    )
    services.session_outcome(
        session_id=session.pk, actor=users["staff"], outcome="intent", note="有意向许可", open_project=True
    )
    project = DockingProject.objects.get(session=session)
    assert project.source == "event" and project.enterprise == users["enterprise"]
    assert project.achievement == regs["holder"].achievement


def test_cancelled_registration_frees_the_slot(users, event, regs):
    session = services.session_schedule(
        event_id=event.pk,
        actor=users["staff"],
        demand_registration_id=regs["enterprise"].pk,
        supply_registration_id=regs["holder"].pk,
        starts_at=event.starts_at,
    )
    services.registration_cancel(registration_id=regs["enterprise"].pk, actor=users["enterprise"])
    assert EventSession.objects.get(pk=session.pk).status == "cancelled"


def test_participants_see_only_their_sessions(users, client_for, event, regs):
    services.session_schedule(
        event_id=event.pk,
        actor=users["staff"],
        demand_registration_id=regs["enterprise"].pk,
        supply_registration_id=regs["holder"].pk,
        starts_at=event.starts_at,
        table="7",
    )
    assert "7" in client_for("holder").get(event.get_absolute_url()).content.decode()
    page = client_for("other_holder").get(event.get_absolute_url()).content.decode()
    assert (
        'data-testid="sessions"' in page
        and str(users["enterprise"]) not in page.split('data-testid="sessions"')[1].split("</table>")[0]
    )
