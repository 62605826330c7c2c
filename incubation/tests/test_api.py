from __future__ import annotations

import pytest

from incubation import services
from incubation.models import Booking, IncubationProject

from .conftest import make_project, next_monday_at

pytestmark = pytest.mark.django_db
BASE = "/api/v1/incubation"


def test_booking_conflict_is_409_naming_the_booking(api_for, users, lab):
    holder = api_for("holder")
    payload = {
        "facility": lab.pk,
        "starts_at": next_monday_at(9).isoformat(),
        "ends_at": next_monday_at(12).isoformat(),
        "purpose": "中试",
    }
    first = holder.post(f"{BASE}/bookings/", payload, format="json")
    assert first.status_code == 201, first.content
    clash = api_for("other_holder").post(
        f"{BASE}/bookings/", {**payload, "starts_at": next_monday_at(10).isoformat()}, format="json"
    )
    assert clash.status_code == 409
    assert clash.json()["code"] == "booking_conflict"
    assert f"#{first.json()['id']}" in clash.json()["detail"]
    assert Booking.objects.count() == 1


def test_booking_approval_through_the_transition_endpoint(api_for, users, lab):
    booking = services.booking_create(
        facility_id=lab.pk,
        actor=users["holder"],
        starts_at=next_monday_at(9),
        ends_at=next_monday_at(10),
        purpose="x",
    )
    url = f"{BASE}/bookings/{booking.pk}/transition/"
    assert api_for("holder").post(url, {"action": "approve"}, format="json").status_code == 403
    assert api_for("other_holder").post(url, {"action": "approve"}, format="json").status_code == 404
    response = api_for("staff").post(url, {"action": "approve"}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == "approved"
    week = next_monday_at(9).date().isoformat()
    listed = api_for("holder").get(f"{BASE}/bookings/?week={week}").json()
    assert [b["id"] for b in listed["results"]] == [booking.pk]
    history = api_for("holder").get(f"{BASE}/bookings/{booking.pk}/history/").json()
    assert [h["to_state"] for h in history] == ["pending", "approved"]


def test_project_apply_review_and_admit_through_the_api(api_for, users):
    response = api_for("holder").post(
        f"{BASE}/projects/",
        {"name": "人工肝孵化", "summary": "产业化", "team": [{"name": "张三", "role": "负责人"}]},
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    staff = api_for("staff")
    assert (
        staff.post(f"{BASE}/projects/{pk}/transition/", {"action": "start_review"}, format="json").status_code
        == 400
    )
    assert (
        api_for("holder")
        .post(f"{BASE}/projects/{pk}/start-review/", {"reviewers": [users["staff"].pk]}, format="json")
        .status_code
        == 403
    )
    assert (
        staff.post(
            f"{BASE}/projects/{pk}/start-review/", {"reviewers": [users["staff"].pk]}, format="json"
        ).status_code
        == 200
    )
    # Admission needs the closed review.
    assert (
        staff.post(f"{BASE}/projects/{pk}/transition/", {"action": "admit"}, format="json").status_code == 409
    )
    from .conftest import score_admission

    project = IncubationProject.objects.get(pk=pk)
    score_admission(project, users["staff"])
    assert staff.post(f"{BASE}/projects/{pk}/close-review/").status_code == 200
    response = staff.post(f"{BASE}/projects/{pk}/transition/", {"action": "admit"}, format="json")
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.state == "pre_incubation"
    assert project.admitted_at is not None
    outcome = api_for("holder").post(
        f"{BASE}/projects/{pk}/outcome/",
        {"outcome": "raised_financing", "note": "完成天使轮融资 500 万元"},
        format="json",
    )
    assert outcome.status_code == 200
    assert outcome.json()["is_success"] is True


@pytest.mark.parametrize(
    ("role", "status"), [("holder", 200), ("other_holder", 404), ("enterprise", 404), ("staff", 200)]
)
def test_project_api_visibility(api_for, project, role, status):
    assert api_for(role).get(f"{BASE}/projects/{project.pk}/").status_code == status


def test_reference_data_is_read_only_for_holders(api_for, lab):
    assert api_for("holder").get(f"{BASE}/facilities/").status_code == 200
    assert (
        api_for("holder").post(f"{BASE}/facilities/", {"name": "x", "kind": "lab"}, format="json").status_code
        == 403
    )
    response = api_for("staff").post(
        f"{BASE}/facilities/", {"name": "新实验室", "kind": "lab", "capacity": 2}, format="json"
    )
    assert response.status_code == 201


def test_consulting_clock_in_the_api(api_for, users):
    response = api_for("holder").post(
        f"{BASE}/consulting-requests/",
        {"topic": "strategy", "subject": "发展战略", "description": "x"},
        format="json",
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    staff = api_for("staff")
    assert (
        staff.post(
            f"{BASE}/consulting-requests/{pk}/assign/", {"assignee": users["staff"].pk}, format="json"
        ).status_code
        == 200
    )
    assert (
        staff.post(
            f"{BASE}/consulting-requests/{pk}/transition/", {"action": "start"}, format="json"
        ).status_code
        == 200
    )
    assert (
        staff.post(
            f"{BASE}/consulting-requests/{pk}/answer/", {"response": "建议"}, format="json"
        ).status_code
        == 200
    )
    detail = api_for("holder").get(f"{BASE}/consulting-requests/{pk}/").json()
    assert detail["state"] == "answered"
    assert detail["working_days"] == 0
    assert api_for("other_holder").get(f"{BASE}/consulting-requests/{pk}/").status_code == 404


def test_utilisation_is_staff_only(api_for, lab):
    assert api_for("holder").get(f"{BASE}/utilisation/").status_code == 403
    rows = api_for("staff").get(f"{BASE}/utilisation/?months=2").json()
    assert len(rows) == 2 and rows[0]["facility"] == lab.pk


def test_list_endpoints_query_count_does_not_grow(api_for, users, instrument):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    instrument.capacity = 40
    instrument.save()
    urls = [
        f"{BASE}/projects/",
        f"{BASE}/bookings/",
        f"{BASE}/consulting-requests/",
        f"{BASE}/fund-applications/",
    ]

    def add(n, offset):
        for i in range(n):
            make_project(users["holder"], name=f"项目{offset + i}")
            services.consulting_request_submit(
                actor=users["holder"], topic="other", subject=f"s{offset + i}", description="x"
            )
            services.booking_create(
                facility_id=instrument.pk,
                actor=users["holder"],
                starts_at=next_monday_at(9),
                ends_at=next_monday_at(10),
                purpose="x",
            )

    def count(url):
        client = api_for("holder")
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    add(1, 0)
    one = [count(u) for u in urls]
    add(19, 1)
    assert [count(u) for u in urls] == one
