"""The API: same services, same rules (404 for what one may not see, 403 for what one may not do, 409 for
stale versions and double-booking, 400 for bad input); list endpoints with constant query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from matching.models import Agreement, Demand, DockingProject

from .conftest import make_demand


def test_demand_create_submit_publish(api_for):
    response = api_for("enterprise").post(
        "/api/v1/demands/",
        {
            "title": "寻求肝纤维化无创诊断",
            "description": "血清标志物组合",
            "technical_field": "diagnostic_reagent",
            "scenarios": ["clinical"],
            "confidentiality": "private",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert api_for("other_enterprise").get(f"/api/v1/demands/{pk}/").status_code == 404
    assert (
        api_for("enterprise")
        .post(f"/api/v1/demands/{pk}/transition/", {"action": "submit"}, format="json")
        .status_code
        == 200
    )
    assert (
        api_for("enterprise")
        .post(f"/api/v1/demands/{pk}/transition/", {"action": "publish"}, format="json")
        .status_code
        == 403
    )
    assert (
        api_for("staff")
        .post(f"/api/v1/demands/{pk}/transition/", {"action": "publish"}, format="json")
        .status_code
        == 200
    )
    assert Demand.objects.get(pk=pk).state == "published"
    assert api_for("other_enterprise").get(f"/api/v1/demands/{pk}/").status_code == 404  # private
    history = api_for("staff").get(f"/api/v1/demands/{pk}/history/").json()
    assert [h["to_state"] for h in history] == ["draft", "submitted", "published"]


def test_bad_input_is_400(api_for):
    response = api_for("enterprise").post(
        "/api/v1/demands/",
        {"title": "x", "description": "y", "budget_min": 10, "budget_max": 5},
        format="json",
    )
    assert response.status_code == 400
    assert not Demand.objects.exists()


def test_matches_and_inquiry(users, api_for, achievement, demand):
    from matching.services.matching import suggestions_refresh_for_demand

    suggestions_refresh_for_demand(demand_id=demand.pk)
    data = api_for("enterprise").get(f"/api/v1/demands/{demand.pk}/matches/").json()
    assert data[0]["achievement"] == achievement.pk
    assert any(r["code"] == "field_match" for r in data[0]["reasons"])
    assert api_for("other_enterprise").get(f"/api/v1/demands/{demand.pk}/matches/").status_code == 403
    response = api_for("enterprise").post(f"/api/v1/match-suggestions/{data[0]['id']}/inquire/")
    assert response.status_code == 201
    assert DockingProject.objects.get().source == "match"
    response = api_for("enterprise").post(
        "/api/v1/docking-projects/inquire/", {"achievement": achievement.pk, "message": "再询"}, format="json"
    )
    assert response.status_code == 409


def test_project_api_visibility(api_for, project):
    assert api_for("enterprise").get(f"/api/v1/docking-projects/{project.pk}/").status_code == 200
    assert api_for("holder").get(f"/api/v1/docking-projects/{project.pk}/").status_code == 200
    assert api_for("other_enterprise").get(f"/api/v1/docking-projects/{project.pk}/").status_code == 404
    assert api_for("other_enterprise").get("/api/v1/docking-projects/").json()["count"] == 0
    response = api_for("staff").post(
        f"/api/v1/docking-projects/{project.pk}/transition/",
        {"action": "close", "reason": "无后续", "close_reason": "no_interest"},
        format="json",
    )
    assert response.status_code == 200
    assert DockingProject.objects.get(pk=project.pk).closed_reason == "no_interest"


def test_agreement_patch_stale_version_is_409(api_for, draft):
    url = f"/api/v1/agreements/{draft.pk}/"
    assert (
        api_for("staff").patch(url, {"version": draft.version, "title": "一"}, format="json").status_code
        == 200
    )
    response = api_for("staff").patch(url, {"version": draft.version, "title": "二"}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "stale_version"
    assert Agreement.objects.get(pk=draft.pk).title == "一"
    assert (
        api_for("enterprise")
        .patch(url, {"version": draft.version + 1, "title": "三"}, format="json")
        .status_code
        == 403
    )


def test_agreement_flow_over_api(users, api_for, draft):
    from .conftest import FIXED_CLAUSES, pdf

    staff = api_for("staff")
    flags = {
        f["code"]
        for f in staff.get(f"/api/v1/agreements/{draft.pk}/").json()["risk_flags"]
        if f["status"] == "open"
    }
    assert "no_ip_warranty" in flags
    staff.patch(
        f"/api/v1/agreements/{draft.pk}/", {"version": draft.version, "clauses": FIXED_CLAUSES}, format="json"
    )
    assert (
        staff.post(
            f"/api/v1/agreements/{draft.pk}/transition/", {"action": "submit_review"}, format="json"
        ).status_code
        == 200
    )
    assert (
        staff.post(
            f"/api/v1/agreements/{draft.pk}/transition/", {"action": "approve"}, format="json"
        ).status_code
        == 200
    )
    response = staff.post(
        f"/api/v1/agreements/{draft.pk}/sign/",
        {"signed_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(), "signed_copy": pdf()},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "signed" and response.json()["archive_code"]


def test_session_double_booking_409(users, api_for, achievement):
    staff = api_for("staff")
    start = (timezone.now() + dt.timedelta(days=3)).replace(microsecond=0)
    event = staff.post(
        "/api/v1/matchmaking-events/",
        {
            "title": "对接会",
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=4)).isoformat(),
        },
        format="json",
    ).json()
    staff.post(
        f"/api/v1/matchmaking-events/{event['id']}/transition/",
        {"action": "open_registration"},
        format="json",
    )
    e = (
        api_for("enterprise")
        .post(f"/api/v1/matchmaking-events/{event['id']}/register/", {}, format="json")
        .json()
    )
    e2 = (
        api_for("other_enterprise")
        .post(f"/api/v1/matchmaking-events/{event['id']}/register/", {}, format="json")
        .json()
    )
    h = (
        api_for("holder")
        .post(
            f"/api/v1/matchmaking-events/{event['id']}/register/",
            {"achievement": achievement.pk},
            format="json",
        )
        .json()
    )
    url = f"/api/v1/matchmaking-events/{event['id']}/sessions/"
    assert (
        staff.post(
            url,
            {"demand_side": e["id"], "supply_side": h["id"], "starts_at": start.isoformat()},
            format="json",
        ).status_code
        == 201
    )
    response = staff.post(
        url, {"demand_side": e2["id"], "supply_side": h["id"], "starts_at": start.isoformat()}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "double_booked"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/demands/",
        "/api/v1/docking-projects/",
        "/api/v1/agreements/",
        "/api/v1/implementation-projects/",
        "/api/v1/match-suggestions/",
    ],
)
def test_list_endpoints_query_count_constant(users, api_for, path, achievement):
    from matching.services.docking import project_open

    from .conftest import make_published

    client = api_for("staff")
    make_demand(users["enterprise"], publish_by=users["staff"])
    project_open(
        achievement_id=achievement.pk,
        enterprise=users["enterprise"],
        actor=users["enterprise"],
        source="inquiry",
    )
    with CaptureQueriesContext(connection) as one:
        assert client.get(path).status_code == 200
    for i in range(3):
        make_demand(users["enterprise"], publish_by=users["staff"], title=f"需求{i}")
        a = make_published(users, name=f"成果{i}", index=False)
        project_open(
            achievement_id=a.pk, enterprise=users["enterprise"], actor=users["enterprise"], source="inquiry"
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(path).status_code == 200
    assert len(many) == len(one)


def test_weights_api(api_for):
    assert api_for("enterprise").get("/api/v1/matching/weights/").status_code == 403
    response = api_for("staff").put("/api/v1/matching/weights/", {"text": 50}, format="json")
    assert response.status_code == 200 and response.json()["text"] == 50 and response.json()["version"] == 2


def test_schema_generates(api_for):
    assert api_for("staff").get("/api/schema/").status_code == 200


def test_event_dates_are_checked(api_for):
    """Found by schemathesis: a time in the year 665 came back with a local-mean-time offset (+08:05:43), which is
    not a valid date-time; an end before its start was accepted."""
    staff = api_for("staff")
    start = (timezone.now() + dt.timedelta(days=3)).replace(microsecond=0)
    bad = staff.post(
        "/api/v1/matchmaking-events/",
        {"title": "对接会", "starts_at": "0665-11-12T02:40:57+08:00", "ends_at": start.isoformat()},
        format="json",
    )
    assert bad.status_code == 400 and "starts_at" in bad.json()
    backwards = staff.post(
        "/api/v1/matchmaking-events/",
        {
            "title": "对接会",
            "starts_at": start.isoformat(),
            "ends_at": (start - dt.timedelta(hours=1)).isoformat(),
        },
        format="json",
    )
    assert backwards.status_code == 400 and "ends_at" in backwards.json()


def test_valuation_worksheet_before_and_after_the_first_save(api_for, project):
    """Found by schemathesis: before any save the endpoint answered {} where the schema promises a worksheet."""
    staff = api_for("staff")
    url = f"/api/v1/docking-projects/{project.pk}/valuation/"
    blank = staff.get(url)
    assert blank.status_code == 200
    assert blank.json()["updated_at"] is None and blank.json()["share_rate"] == "3.00"
    saved = staff.put(url, {"rd_cost": "120.00", "annual_revenue": "100,150"}, format="json")
    assert saved.status_code == 200, saved.content
    again = staff.get(url).json()
    assert again["updated_at"] and again["rd_cost"] == "120.00" and again["results"]
    assert api_for("enterprise").get(url).status_code == 403
