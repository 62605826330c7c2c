"""The HTML pages: who may open what, the public forms, drill-down, exports, query counts of the lists."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook

from quality_metrics import periods
from quality_metrics.models import Complaint, SurveyInvitation, SurveyResponse
from quality_metrics.services import improvements as action_svc
from quality_metrics.services import surveys as survey_svc
from quality_metrics.services.cases import cases_refresh
from quality_metrics.services.snapshots import snapshots_compute

STAFF_PAGES = [
    "quality_metrics:dashboard",
    "quality_metrics:campaign_list",
    "quality_metrics:complaint_list",
    "quality_metrics:audit_list",
    "quality_metrics:action_list",
    "quality_metrics:evaluation_list",
    "quality_metrics:star_list",
    "quality_metrics:cases",
    "quality_metrics:quality_reports",
]


@pytest.mark.parametrize("name", STAFF_PAGES)
@pytest.mark.parametrize(
    ("role", "status"), [("staff", 200), ("admin", 200), ("holder", 403), ("enterprise", 403)]
)
def test_staff_pages(client_for, name, role, status):
    assert client_for(role).get(reverse(name)).status_code == status


def test_anonymous_is_sent_to_login(client_for):
    response = client_for("anonymous").get(reverse("quality_metrics:dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_dashboard_shows_bands_in_chinese(client_for, write_log):
    model = apps.get_model("achievements", "Achievement")
    today = dt.date.today().isoformat()
    write_log(model, 1, "achievement", [("accept", "submitted", "accepted", f"{today} 00:01")])
    snapshots_compute(period=periods.containing("quarter"))
    body = client_for("staff").get(reverse("quality_metrics:dashboard")).content.decode()
    assert "成果转化率" in body and "需改进" in body and 'id="qm-charts"' in body
    assert "<script>" not in body.replace("<script src=", "")  # no inline script (CSP)


def _accepted(write_log, n):
    model = apps.get_model("achievements", "Achievement")
    from achievements.models import Achievement

    holder = apps.get_model("accounts", "User").objects.get(username="holder")
    for i in range(n):
        achievement = Achievement.objects.create(holder=holder, name=f"成果{i}")
        write_log(
            model, achievement.pk, "achievement", [("accept", "submitted", "accepted", "2025-02-03 10:00")]
        )


@pytest.mark.parametrize("n", [1, 20])
def test_drilldown_query_count_does_not_grow(client_for, users, write_log, django_assert_max_num_queries, n):
    _accepted(write_log, n)
    url = reverse("quality_metrics:indicator_detail", args=["conversion_rate", "quarter", "2025-01-01"])
    client = client_for("staff")
    client.get(url)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("成果") >= n


def test_records_export_csv_and_excel(client_for, users, write_log):
    _accepted(write_log, 3)
    base = ["conversion_rate", "quarter", "2025-01-01"]
    csv_response = client_for("staff").get(reverse("quality_metrics:indicator_export", args=[*base, "csv"]))
    text = csv_response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "成果" and len(rows) == 4
    xlsx = client_for("staff").get(reverse("quality_metrics:indicator_export", args=[*base, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 4
    assert (
        client_for("holder").get(reverse("quality_metrics:indicator_export", args=[*base, "csv"])).status_code
        == 403
    )


def test_snapshot_export(client_for, db):
    snapshots_compute(period=periods.Period("quarter", dt.date(2025, 1, 1)))
    response = client_for("staff").get(reverse("quality_metrics:snapshots_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 8  # header + seven indicators


@pytest.mark.parametrize(
    "name",
    [
        "quality_metrics:complaint_list",
        "quality_metrics:action_list",
        "quality_metrics:campaign_list",
        "quality_metrics:my_complaints",
    ],
)
def test_list_pages_query_count_same_for_1_and_20(client_for, users, complaint_for, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    role = "holder" if name.endswith("my_complaints") else "staff"
    make = {
        "quality_metrics:action_list": lambda i: action_svc.action_create(
            actor=users["staff"],
            title=f"措施{i}",
            source="other",
            problem="p",
            owner=users["staff"],
            deadline_days=5,
        ),
        "quality_metrics:campaign_list": lambda i: survey_svc.campaign_create(
            actor=users["staff"], title=f"调查{i}"
        ),
    }.get(name, lambda i: complaint_for("holder", subject=f"投诉{i}"))

    def count() -> int:
        client = client_for(role)
        client.get(reverse(name))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name)).status_code == 200
        return len(ctx)

    make(0)
    one = count()
    for i in range(1, 20):
        make(i)
    assert count() == one


def test_cases_page_query_count_same_for_1_and_20(client_for, complaint_for, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        cases_refresh()
        client = client_for("staff")
        url = reverse("quality_metrics:cases") + "?kind=received"
        client.get(url)  # warm: the per-user values cached on a first visit
        with CaptureQueriesContext(connection) as ctx:
            body = client.get(url).content.decode()
        return len(ctx), body.count("#")

    complaint_for("holder", subject="一")
    one, _ = count()
    for i in range(19):
        complaint_for("holder", subject=f"投诉{i}")
    assert count()[0] == one


def test_anonymous_complaint_and_tracking_link(client_for, users):
    client = client_for("anonymous")
    page = client.get(reverse("quality_metrics:complaint_new"))
    assert page.status_code == 200
    refused = client.post(
        reverse("quality_metrics:complaint_new"), {"name": "路人", "subject": "慢", "description": "太慢"}
    )
    assert refused.status_code == 200 and not Complaint.objects.exists()
    response = client.post(
        reverse("quality_metrics:complaint_new"),
        {"name": "路人", "phone": "13800000000", "subject": "慢", "description": "太慢"},
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == complaint.get_track_url()
    assert complaint.complainant is None and complaint.state == "submitted"
    # staff resolve it; the complainant confirms through the link, without an account
    from quality_metrics.services import complaints as svc

    staff = users["staff"]
    svc.complaint_act(complaint_id=complaint.pk, action="acknowledge", actor=staff)
    svc.complaint_act(complaint_id=complaint.pk, action="investigate", actor=staff)
    svc.complaint_record_investigation(complaint_id=complaint.pk, actor=staff, investigation="属实")
    svc.complaint_act(complaint_id=complaint.pk, action="resolve", actor=staff, reason="已加派人手")
    track = client.get(complaint.get_track_url()).content.decode()
    assert "确认处理结果" in track
    wrong = client.post(
        reverse("quality_metrics:complaint_act", args=[complaint.pk, "confirm"]), {"token": "nope"}
    )
    assert wrong.status_code == 404
    complaint.refresh_from_db()
    assert complaint.state == "resolved"
    # the link cannot take the staff's steps
    staff_step = client.post(
        reverse("quality_metrics:complaint_act", args=[complaint.pk, "close"]),
        {"token": complaint.track_token},
    )
    assert staff_step.status_code == 404
    client.post(
        reverse("quality_metrics:complaint_act", args=[complaint.pk, "confirm"]),
        {"token": complaint.track_token},
    )
    complaint.refresh_from_db()
    assert complaint.state == "closed" and complaint.confirmed_at is not None


@pytest.mark.parametrize(
    ("role", "status"), [("holder", 200), ("other_holder", 404), ("staff", 200), ("enterprise", 404)]
)
def test_complaint_visibility(client_for, complaint_for, role, status):
    complaint = complaint_for("holder")
    assert client_for(role).get(complaint.get_absolute_url()).status_code == status


def test_complainant_cannot_take_staff_steps(client_for, complaint_for):
    complaint = complaint_for("holder")
    client_for("holder").post(reverse("quality_metrics:complaint_act", args=[complaint.pk, "acknowledge"]))
    complaint.refresh_from_db()
    assert complaint.state == "submitted"


def test_survey_link_answers_once_without_login(client_for, users):
    campaign = survey_svc.campaign_create(actor=users["staff"], title="临时调查")
    survey_svc.campaign_send(campaign_id=campaign.pk)
    invitation = SurveyInvitation.objects.filter(campaign=campaign).first()
    client = client_for("anonymous")
    url = reverse("quality_metrics:survey_answer", args=[invitation.token])
    assert client.get(url).status_code == 200
    data = {}
    for q in campaign.template.questions.all():
        if q.kind == "rating":
            data[f"q{q.pk}"] = "5"
        elif q.kind == "choice" and q.required:
            data[f"q{q.pk}"] = "0"
    first = client.post(url, data)
    assert "已提交" in first.content.decode() or first.status_code == 200
    assert SurveyResponse.objects.count() == 1
    second = client.post(url, dict.fromkeys(data, "1"))
    assert "已提交" in second.content.decode()
    assert SurveyResponse.objects.count() == 1 and SurveyResponse.objects.get().score == 100
    assert client.get(reverse("quality_metrics:survey_answer", args=["unknown-token"])).status_code == 404


def test_expired_survey_link_is_gone(client_for, users):
    campaign = survey_svc.campaign_create(actor=users["staff"], title="临时调查")
    survey_svc.campaign_send(campaign_id=campaign.pk)
    invitation = SurveyInvitation.objects.filter(campaign=campaign).first()
    SurveyInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    response = client_for("anonymous").get(reverse("quality_metrics:survey_answer", args=[invitation.token]))
    assert response.status_code == 410


@pytest.mark.parametrize(("role", "status"), [("other_holder", 200), ("holder", 404), ("staff", 200)])
def test_action_owner_sees_his_action(client_for, users, role, status):
    action = action_svc.action_create(
        actor=users["staff"],
        title="整改",
        source="other",
        problem="p",
        owner=users["other_holder"],
        deadline_days=5,
    )
    assert client_for(role).get(action.get_absolute_url()).status_code == status


def test_platform_evaluation_pages(client_for, users):
    from quality_metrics.services import platform_evaluation as pe

    evaluation = pe.platform_evaluation_create(actor=users["staff"], title="年度评价", year=2025)
    client = client_for("staff")
    add = reverse("quality_metrics:evaluation_panel_add", args=[evaluation.pk])
    client.post(
        add,
        {
            "user": users["evaluator"].pk,
            "professional_title": "教授",
            "expertise": "technical",
            "is_leader": "on",
            "intermediate_title": "on",
            "management_knowledge": "on",
            "trained": "on",
            "impartial": "on",
        },
    )
    assert evaluation.panel.count() == 1
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert "评价小组人数不应少于3人（现有 1 人）。" in page
    response = client.post(
        reverse("quality_metrics:evaluation_act", args=[evaluation.pk, "start_scoring"]), follow=True
    )
    assert "评价小组人数不应少于3人" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.state == "preparing"
    # a panel member who is not staff sees the evaluation; an outsider does not
    assert client_for("evaluator").get(evaluation.get_absolute_url()).status_code == 200
    assert client_for("holder").get(evaluation.get_absolute_url()).status_code == 404


def test_navigation_entries(client_for):
    body = client_for("staff").get(reverse("quality_metrics:dashboard")).content.decode()
    for label in ("服务质量", "满意度调查", "投诉处理", "规范性审核", "改进措施", "平台评价"):
        assert label in body
    holder = client_for("holder").get(reverse("quality_metrics:my_complaints")).content.decode()
    assert "投诉与建议" in holder and "规范性审核" not in holder


def test_funnel_drilldown_lists_the_achievements(client_for, users, write_log):
    _accepted(write_log, 2)
    url = reverse("quality_metrics:funnel_stage", args=["accepted"]) + "?period=quarter:2025-01-01"
    body = client_for("staff").get(url).content.decode()
    assert body.count("成果0") == 1 and body.count("成果1") == 1
    assert (
        client_for("staff").get(reverse("quality_metrics:funnel_stage", args=["nowhere"])).status_code == 404
    )
