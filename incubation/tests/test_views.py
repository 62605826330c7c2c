from __future__ import annotations

import pytest
from django.urls import reverse

from incubation import services
from incubation.models import Booking, FundProgramme, IncubationProject

from .conftest import make_project, next_monday_at

pytestmark = pytest.mark.django_db


def test_overlapping_booking_refused_on_the_page_and_approved_one_on_the_calendar(
    client_for, users, lab, admitted
):
    holder = client_for("holder")
    url = reverse("incubation:facility_detail", args=[lab.pk])
    day = next_monday_at(9).date().isoformat()
    form = {
        "day": day,
        "start": "09:00",
        "end": "12:00",
        "quantity": 1,
        "project": admitted.pk,
        "purpose": "中试放大",
    }
    response = holder.post(url, form)
    assert response.status_code == 302
    first = Booking.objects.get()
    # Someone else asks for an overlapping slot: refused, with a message naming booking #N.
    other = client_for("other_holder")
    response = other.post(url, {**form, "project": "", "start": "11:00", "end": "13:00"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"#{first.pk}" in page
    assert "中试车间A" in page
    assert Booking.objects.count() == 1
    # Staff approve it; it appears on the week calendar.
    staff = client_for("staff")
    calendar_url = reverse("incubation:calendar") + f"?week={day}"
    assert f'data-testid="slot-{first.pk}"' not in staff.get(calendar_url).content.decode()
    staff.post(reverse("incubation:booking_transition", args=[first.pk]), {"action": "approve"})
    first.refresh_from_db()
    assert first.state == Booking.State.APPROVED
    page = holder.get(calendar_url).content.decode()
    assert f'data-testid="slot-{first.pk}"' in page
    assert admitted.name in page


def test_holder_cannot_approve_a_booking(client_for, users, lab):
    booking = services.booking_create(
        facility_id=lab.pk,
        actor=users["holder"],
        starts_at=next_monday_at(9),
        ends_at=next_monday_at(10),
        purpose="x",
    )
    client_for("holder").post(
        reverse("incubation:booking_transition", args=[booking.pk]), {"action": "approve"}
    )
    booking.refresh_from_db()
    assert booking.state == Booking.State.PENDING


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("holder", 200),
        ("other_holder", 404),
        ("enterprise", 404),
        ("staff", 200),
        ("investor", 404),
        ("evaluator", 404),
    ],
)
def test_project_detail_visibility(client_for, project, role, status):
    assert client_for(role).get(project.get_absolute_url()).status_code == status


def test_investor_sees_projects_seeking_financing_only(client_for, users, admitted, other_project):
    IncubationProject.objects.filter(pk=admitted.pk).update(seeking_financing=True)
    page = client_for("investor").get(reverse("incubation:project_list")).content.decode()
    assert admitted.name in page
    assert other_project.name not in page
    assert client_for("investor").get(admitted.get_absolute_url()).status_code == 200
    assert client_for("investor").get(other_project.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("holder", 200), ("other_holder", 404), ("staff", 200)])
def test_fund_application_visibility(client_for, users, admitted, role, status):
    import datetime as dt

    programme = FundProgramme.objects.create(
        name="种子基金", kind="seed", total_budget=500, max_award=50, opens_on=dt.date(2020, 1, 1)
    )
    application = services.fund_application_submit(
        programme_id=programme.pk,
        project_id=admitted.pk,
        actor=users["holder"],
        amount_requested=30,
        use_of_funds="中试",
    )
    assert client_for(role).get(application.get_absolute_url()).status_code == status


def test_booking_detail_of_another_holder_is_404(client_for, users, lab):
    booking = services.booking_create(
        facility_id=lab.pk,
        actor=users["holder"],
        starts_at=next_monday_at(9),
        ends_at=next_monday_at(10),
        purpose="x",
    )
    assert client_for("other_holder").get(booking.get_absolute_url()).status_code == 404
    assert client_for("holder").get(booking.get_absolute_url()).status_code == 200


def test_apply_through_the_form(client_for, users):
    response = client_for("holder").post(
        reverse("incubation:project_apply"),
        {"name": "人工肝支持系统孵化", "summary": "产业化", "team": "张三, 负责人, 教授, 某医院"},
    )
    project = IncubationProject.objects.get()
    assert response.status_code == 302
    assert project.applicant == users["holder"]
    assert project.team_members.get().name == "张三"
    assert project.state == IncubationProject.State.SUBMITTED


def test_evaluator_cannot_apply(client_for):
    assert client_for("evaluator").get(reverse("incubation:project_apply")).status_code == 403


def test_pages_render(client_for, users, admitted, lab):
    staff = client_for("staff")
    for name in [
        "incubation:home",
        "incubation:project_list",
        "incubation:facility_list",
        "incubation:calendar",
        "incubation:booking_list",
        "incubation:utilisation",
        "incubation:fund",
        "incubation:contact_list",
        "incubation:mentor_list",
        "incubation:course_list",
        "incubation:consulting_list",
        "incubation:resource_list",
    ]:
        assert staff.get(reverse(name)).status_code == 200, name
    assert staff.get(admitted.get_absolute_url()).status_code == 200
    assert staff.get(lab.get_absolute_url()).status_code == 200
    assert client_for("holder").get(admitted.get_absolute_url()).status_code == 200
    for kind in ["facility", "programme", "mentor", "course", "contact", "resource", "cohort"]:
        assert staff.get(reverse("incubation:reference_create", args=[kind])).status_code == 200


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm per-process caches (content types, calendar)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _book(users, facility, count, offset):
    for i in range(count):
        services.booking_create(
            facility_id=facility.pk,
            actor=users["staff"],
            starts_at=next_monday_at(9),
            ends_at=next_monday_at(10),
            purpose=f"实验{offset + i}",
        )


def test_list_query_counts_do_not_grow(client_for, users, instrument):
    """Project, booking, calendar, fund and consulting lists: the same number of queries for 1 and 20 rows."""
    import datetime as dt

    instrument.capacity = 30
    instrument.save()
    programme = FundProgramme.objects.create(
        name="种子基金", kind="seed", total_budget=5000, max_award=50, opens_on=dt.date(2020, 1, 1)
    )
    week = next_monday_at(9).date().isoformat()
    urls = [
        reverse("incubation:project_list"),
        reverse("incubation:booking_list") + "?state=approved",
        reverse("incubation:calendar") + f"?week={week}",
        reverse("incubation:fund"),
        reverse("incubation:consulting_list"),
        reverse("incubation:facility_list"),
    ]

    def add(n, offset):
        for i in range(n):
            project = make_project(users["holder"], name=f"项目{offset + i}")
            services.consulting_request_submit(
                actor=users["holder"], topic="strategy", subject=f"咨询{offset + i}", description="x"
            )
            IncubationProject.objects.filter(pk=project.pk).update(state=IncubationProject.State.INCUBATION)
            services.fund_application_submit(
                programme_id=programme.pk,
                project_id=project.pk,
                actor=users["holder"],
                amount_requested=10,
                use_of_funds="x",
            )
        _book(users, instrument, n, offset)

    add(1, 0)
    one = {(role, url): _queries(client_for(role), url) for role in ("staff", "holder") for url in urls}
    add(19, 1)
    twenty = {(role, url): _queries(client_for(role), url) for role in ("staff", "holder") for url in urls}
    assert one == twenty
    assert max(twenty.values()) <= 12
