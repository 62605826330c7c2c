"""The REST API: indicators, snapshots, surveys without login, complaints scoped to their owner, workflows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quality_metrics import periods
from quality_metrics.models import Complaint, SurveyInvitation, SurveyResponse
from quality_metrics.services import surveys as survey_svc
from quality_metrics.services.snapshots import snapshots_compute

API = "/api/v1/quality"


def test_indicators_registry_and_measurement(api_for, db):
    data = api_for("staff").get(f"{API}/indicators/").json()
    assert [i["code"] for i in data] == [
        "conversion_rate",
        "satisfaction",
        "timeliness",
        "conformity",
        "docking_success",
        "incubation_success",
        "ip_protection",
    ]
    one = api_for("staff").get(f"{API}/indicators/timeliness/?period=quarter:2025-01-01").json()
    assert one["period"] == "quarter:2025-01-01" and one["status"] in ("no_data", "ok")
    assert api_for("staff").get(f"{API}/indicators/timeliness/?period=quarter:2025-02-01").status_code == 400
    assert api_for("staff").get(f"{API}/indicators/speed/").status_code == 404
    assert api_for("holder").get(f"{API}/indicators/").status_code == 403


def test_snapshots_list_and_recompute(api_for, db):
    response = api_for("staff").post(
        f"{API}/snapshots/recompute/", {"period_type": "quarter", "period_start": "2025-01-01"}
    )
    assert response.status_code == 200 and len(response.json()) == 7
    bad = api_for("staff").post(
        f"{API}/snapshots/recompute/", {"period_type": "quarter", "period_start": "2025-02-01"}
    )
    assert bad.status_code == 400
    listed = api_for("staff").get(f"{API}/snapshots/?period_type=quarter").json()
    assert listed["count"] == 7


def _makers(users, complaint_for):
    from quality_metrics.services import improvements as action_svc
    from quality_metrics.services.cases import cases_refresh

    def complaint(i):
        complaint_for("holder", subject=f"投诉{i}")

    def case(i):
        complaint(i)
        cases_refresh()

    return {
        "snapshots": lambda i: snapshots_compute(
            period=periods.Period("month", dt.date(2000 + i, 1, 1)), refresh_cases=False
        ),
        "complaints": complaint,
        "service-cases": case,
        "improvement-actions": lambda i: action_svc.action_create(
            actor=users["staff"],
            title=f"措施{i}",
            source="other",
            problem="p",
            owner=users["staff"],
            deadline_days=5,
        ),
        "survey-campaigns": lambda i: survey_svc.campaign_create(actor=users["staff"], title=f"调查{i}"),
    }


@pytest.mark.parametrize(
    "path", ["snapshots", "complaints", "improvement-actions", "survey-campaigns", "service-cases"]
)
def test_list_endpoints_query_count_does_not_grow(api_for, users, complaint_for, path):
    make = _makers(users, complaint_for)[path]

    def count() -> int:
        client = api_for("staff")
        client.get(f"{API}/{path}/")  # warm the per-process caches (content types, roles)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{API}/{path}/").status_code == 200
        return len(ctx)

    make(0)
    one = count()
    for i in range(1, 20):
        make(i)
    assert count() == one


def test_public_survey_api_answers_once(api_for, client, users):
    campaign = survey_svc.campaign_create(actor=users["staff"], title="临时调查")
    survey_svc.campaign_send(campaign_id=campaign.pk)
    token = SurveyInvitation.objects.filter(campaign=campaign).first().token
    survey = client.get(f"{API}/surveys/{token}/").json()
    assert survey["status"] == "open" and len(survey["questions"]) == campaign.template.questions.count()
    answers = {
        str(q["id"]): ("4" if q["kind"] == "rating" else "1")
        for q in survey["questions"]
        if q["kind"] == "rating" or (q["kind"] == "choice" and q["required"])
    }
    first = client.post(
        f"{API}/surveys/{token}/answer/", {"answers": answers}, content_type="application/json"
    )
    assert first.status_code == 201 and first.json()["score"] == 75
    second = client.post(
        f"{API}/surveys/{token}/answer/", {"answers": answers}, content_type="application/json"
    )
    assert second.status_code == 409
    assert SurveyResponse.objects.count() == 1
    assert client.get(f"{API}/surveys/not-a-token/").status_code == 404


def test_complaints_are_scoped_and_handled_through_the_workflow(api_for, users, complaint_for):
    mine = complaint_for("holder")
    complaint_for("other_holder", subject="别人的投诉")
    holder = api_for("holder")
    assert [c["id"] for c in holder.get(f"{API}/complaints/").json()["results"]] == [mine.pk]
    assert holder.get(f"{API}/complaints/{complaint_for('other_holder').pk}/").status_code == 404
    created = holder.post(f"{API}/complaints/", {"subject": "新投诉", "description": "内容"})
    assert created.status_code == 201 and created.json()["code"].startswith("TS-")
    # the holder may not acknowledge; staff may
    denied = holder.post(f"{API}/complaints/{mine.pk}/transition/", {"action": "acknowledge"})
    assert denied.status_code == 403
    mine.refresh_from_db()
    assert mine.state == "submitted"
    staff = api_for("staff")
    ok = staff.post(f"{API}/complaints/{mine.pk}/transition/", {"action": "acknowledge"})
    assert ok.status_code == 200 and ok.json()["state"] == "acknowledged"
    assert staff.post(f"{API}/complaints/{mine.pk}/transition/", {"action": "confirm"}).status_code == 409
    history = staff.get(f"{API}/complaints/{mine.pk}/history/").json()
    assert [h["action"] for h in history] == ["create", "acknowledge"]
    assert Complaint.objects.get(pk=mine.pk).acknowledged_at is not None


def test_platform_evaluation_api_refuses_an_even_panel(api_for, users, make_user):
    staff = api_for("staff")
    evaluation = staff.post(
        f"{API}/platform-evaluations/", {"title": "年度评价", "year": 2025, "mode": "self"}
    ).json()
    qualified = {"intermediate_title": True, "management_knowledge": True, "trained": True, "impartial": True}
    for i, name in enumerate(["evaluator", "other_evaluator"]):
        r = staff.post(
            f"{API}/platform-evaluations/{evaluation['id']}/panel/",
            {
                "user": users[name].pk,
                "professional_title": "教授",
                "expertise": "technical",
                "is_leader": i == 0,
                "hands_on_experience": i == 1,
                **qualified,
            },
            format="json",
        )
        assert r.status_code == 201
    refused = staff.post(
        f"{API}/platform-evaluations/{evaluation['id']}/transition/", {"action": "start_scoring"}
    )
    assert refused.status_code == 400 and "不应少于3人" in refused.json()["detail"]


def test_improvement_action_deadline_is_bounded(api_for):
    """Found by schemathesis: a huge deadline overflowed the working-day arithmetic (500) on SQLite, which gives a
    small-integer column no range."""
    staff = api_for("staff")
    payload = {
        "title": "回访不及时",
        "source": "indicator",
        "problem": "回访超期",
        "deadline_days": 9223372036854775806,
    }
    response = staff.post("/api/v1/quality/improvement-actions/", payload, format="json")
    assert response.status_code == 400 and "deadline_days" in response.json()
    payload["deadline_days"] = 20
    assert staff.post("/api/v1/quality/improvement-actions/", payload, format="json").status_code == 201
