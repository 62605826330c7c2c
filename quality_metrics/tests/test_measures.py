"""Hand-computed fixtures for every indicator the source apps already feed.

The calendar: March 2025 has no public holidays, so working days are Monday–Friday.
2025-03-03 is a Monday.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps

from quality_metrics import indicators, measures
from quality_metrics.periods import Period
from quality_metrics.services.cases import cases_refresh

from .conftest import at

Q1 = Period("quarter", dt.date(2025, 1, 1))
Q2 = Period("quarter", dt.date(2025, 4, 1))


def _achievement():
    return apps.get_model("achievements", "Achievement")


@pytest.fixture
def formal_reviews(write_log):
    model = _achievement()
    # A: submitted Mon 03-03, returned Wed 03-05 (response 2 days), resubmitted Mon 03-10 (3 days later),
    #    accepted Tue 03-11 (response 1 day). Completion from the first submission: 2 + 3 + 1 = 6.
    write_log(
        model,
        9001,
        "achievement",
        [
            ("create", "", "draft", "2025-03-03 09:00"),
            ("submit", "draft", "submitted", "2025-03-03 10:00"),
            ("return_for_supplement", "submitted", "returned", "2025-03-05 10:00"),
            ("resubmit", "returned", "resubmitted", "2025-03-10 10:00"),
            ("accept", "resubmitted", "accepted", "2025-03-11 10:00"),
        ],
    )
    # B: submitted Thu 03-06, accepted Thu 03-13: Fri, Mon, Tue, Wed, Thu = 5 (response and completion).
    write_log(
        model,
        9002,
        "achievement",
        [
            ("create", "", "draft", "2025-03-01 09:00"),
            ("submit", "draft", "submitted", "2025-03-06 16:00"),
            ("accept", "submitted", "accepted", "2025-03-13 09:00"),
        ],
    )
    # C: submitted in March, refused in April: outside Q1.
    write_log(
        model,
        9003,
        "achievement",
        [
            ("submit", "draft", "submitted", "2025-03-28 10:00"),
            ("refuse", "submitted", "refused", "2025-04-02 10:00"),
        ],
    )


@pytest.fixture
def consultation(write_log):
    model = apps.get_model("content", "Consultation")
    # created Mon 03-03, assigned Tue (1), answered Thu (2): response = completion = 3;
    # closed by the asker Fri: "closed" entered from "answered" is not a second completion.
    write_log(
        model,
        7001,
        "consultation",
        [
            ("create", "", "submitted", "2025-03-03 09:00"),
            ("assign", "submitted", "assigned", "2025-03-04 09:00"),
            ("answer", "assigned", "answered", "2025-03-06 09:00"),
            ("confirm", "answered", "closed", "2025-03-07 09:00"),
        ],
    )


def test_timeliness_hand_computed(formal_reviews, consultation):
    cases_refresh()
    result = measures.timeliness(Q1.start_at, Q1.end_at)
    by = {row["code"]: row for row in result.details["by_service"]}
    review = by["formal_review"]
    assert (review["responses"], review["response_days"]) == (3, 2 + 1 + 5)
    assert (review["completions"], review["completion_days"]) == (2, 6 + 5)
    assert review["mean_completion"] == pytest.approx(5.5)
    assert (by["consultation"]["responses"], by["consultation"]["response_days"]) == (1, 3)
    assert (by["consultation"]["completions"], by["consultation"]["completion_days"]) == (1, 3)
    # pooled mean response: (2 + 1 + 5 + 3) / 4
    assert result.value == pytest.approx(11 / 4)
    assert (result.numerator, result.denominator) == (11, 4)
    assert result.details["mean_completion"] == pytest.approx(14 / 3)
    assert result.details["completion_band"] == "average"


def test_timeliness_counts_the_period_of_the_response(formal_reviews):
    cases_refresh()
    result = measures.timeliness(Q2.start_at, Q2.end_at)
    review = {row["code"]: row for row in result.details["by_service"]}["formal_review"]
    # C: submitted Fri 03-28, refused Wed 04-02: Mon 31, Tue 1 (清明 is 04-04), Wed 2 = 3
    assert (review["responses"], review["response_days"]) == (1, 3)
    assert result.value == 3
    assert result.status == "ok"


def test_timeliness_without_any_request_has_no_value(db):
    result = measures.timeliness(Q1.start_at, Q1.end_at)
    assert result.value is None
    assert result.status == "no_data"


def test_conversion_rate_hand_computed(write_log):
    model = _achievement()
    for pk in (1, 2, 3, 4, 5):
        write_log(model, pk, "achievement", [("accept", "submitted", "accepted", "2025-02-03 10:00")])
    write_log(model, 6, "achievement", [("refuse", "submitted", "refused", "2025-02-03 10:00")])
    for pk in (1, 2):
        write_log(
            model,
            pk,
            "achievement",
            [
                ("sign_agreement", "published", "agreement_signed", "2025-03-03 10:00"),
                ("convert", "agreement_signed", "converted", "2025-03-20 10:00"),
            ],
        )
    write_log(model, 3, "achievement", [("convert", "agreement_signed", "converted", "2025-05-06 10:00")])
    q1 = measures.conversion_rate(Q1.start_at, Q1.end_at)
    assert (q1.numerator, q1.denominator, q1.value) == (2, 5, 40.0)  # 2 of the 5 accepted; 6 was refused
    assert q1.details["converted_in_period"] == 2
    q2 = measures.conversion_rate(Q2.start_at, Q2.end_at)
    assert (q2.numerator, q2.denominator, q2.value) == (3, 5, 60.0)
    assert q2.details["converted_in_period"] == 1


def test_incubation_success_hand_computed(db, make_user):
    model = apps.get_model("incubation", "IncubationProject")
    applicant = make_user("holder")

    def project(name, admitted, outcome="ongoing", recorded=None):
        return model.objects.create(
            name=name,
            applicant=applicant,
            summary="孵化项目",
            state="incubation" if admitted else "rejected",
            admitted_at=at(admitted) if admitted else None,
            outcome=outcome,
            outcome_recorded_at=at(recorded) if recorded else None,
        )

    project("进入市场", "2025-01-10 10:00", "entered_market", "2025-03-01 10:00")
    project("获得融资", "2025-01-10 10:00", "raised_financing", "2025-05-01 10:00")
    project("退出", "2025-01-10 10:00", "exited", "2025-02-01 10:00")
    project("进行中1", "2025-02-10 10:00")
    project("进行中2", "2025-03-10 10:00")
    project("未入孵", None)
    q1 = measures.incubation_success(Q1.start_at, Q1.end_at)
    assert (q1.numerator, q1.denominator, q1.value) == (1, 5, 20.0)
    q2 = measures.incubation_success(Q2.start_at, Q2.end_at)
    assert (q2.numerator, q2.denominator, q2.value) == (2, 5, 40.0)
    assert q2.details == {"successful_in_period": 1, "entered_market": 1, "raised_financing": 1}


@pytest.mark.parametrize(
    ("code", "module", "label"),
    [
        ("conversion_rate", "spine", "achievements.Achievement"),
        ("docking_success", "outcomes", "matching.DockingProject"),
        ("incubation_success", "outcomes", "incubation.IncubationProject"),
        ("ip_protection", "outcomes", "ip_services.Dispute"),
    ],
)
def test_an_app_not_shipped_yet_reports_no_data_source(db, monkeypatch, code, module, label):
    monkeypatch.setattr(f"quality_metrics.measures.{module}.source_model", lambda name: None)
    result = getattr(measures, code)(Q1.start_at, Q1.end_at)
    assert (result.value, result.status) == (None, "no_source")
    assert result.details == {"missing_sources": [label]}
    assert indicators.get(code).band(result.value) is None


def test_timeliness_without_any_source_app(db, monkeypatch):
    import sys

    monkeypatch.setattr(sys.modules["quality_metrics.measures.timeliness"], "source_model", lambda name: None)
    result = measures.timeliness(Q1.start_at, Q1.end_at)
    assert (result.value, result.status) == (None, "no_source")
    assert set(result.details["missing_sources"]) == {
        "formal_review",
        "consultation",
        "ip_request",
        "consulting",
        "complaint",
    }


def test_ip_protection_hand_computed(db, make_user):
    model = apps.get_model("ip_services", "Dispute")
    owner = make_user("holder")

    def dispute(title, outcome="", closed=None, claimed=None, recovered=None):
        return model.objects.create(
            owner=owner,
            title=title,
            kind="litigation",
            summary="侵权纠纷",
            state="closed" if closed else "in_progress",
            outcome=outcome,
            closed_at=at(closed) if closed else None,
            amount_claimed=claimed,
            amount_recovered=recovered,
        )

    dispute("胜诉", "resolved_in_favour", "2025-02-10 10:00", "100000.00", "80000.00")
    dispute("和解", "settled", "2025-03-10 10:00", "50000.00", "20000.50")
    dispute("败诉", "lost", "2025-03-20 10:00", "30000.00")
    dispute("撤回", "withdrawn", "2025-05-20 10:00")
    dispute("处理中")
    q1 = measures.ip_protection(Q1.start_at, Q1.end_at)
    assert (q1.numerator, q1.denominator) == (2, 3)
    assert q1.value == pytest.approx(200 / 3)
    assert q1.details["amount_recovered"] == "100000.50"
    assert q1.details["amount_claimed"] == "180000.00"
    q2 = measures.ip_protection(Q2.start_at, Q2.end_at)
    assert (q2.numerator, q2.denominator, q2.value) == (2, 4, 50.0)
    assert q2.details["handled_in_period"] == 1
    assert q2.details["amount_recovered_in_period"] == "0.00"


def test_docking_success_hand_computed(db, make_user, write_log):
    from achievements.models import Achievement

    model = apps.get_model("matching", "DockingProject")
    holder, enterprise = make_user("holder"), make_user("enterprise")
    achievement = Achievement.objects.create(holder=holder, name="抗纤维化颗粒")

    def project(title, created, signed=None):
        p = model.objects.create(title=title, achievement=achievement, enterprise=enterprise)
        model.objects.filter(pk=p.pk).update(created_at=at(created))
        if signed:
            write_log(
                model, p.pk, "docking_project", [("sign_agreement", "intent", "agreement_signed", signed)]
            )
        return p

    project("对接一", "2025-01-10 10:00", signed="2025-03-01 10:00")
    project("对接二", "2025-01-20 10:00", signed="2025-05-01 10:00")
    project("对接三", "2025-02-10 10:00")
    project("对接四", "2025-04-10 10:00")
    q1 = measures.docking_success(Q1.start_at, Q1.end_at)
    assert (q1.numerator, q1.denominator) == (1, 3)
    assert q1.value == pytest.approx(100 / 3)
    q2 = measures.docking_success(Q2.start_at, Q2.end_at)
    assert (q2.numerator, q2.denominator, q2.value) == (2, 4, 50.0)
    assert q2.details == {"signed_in_period": 1}
