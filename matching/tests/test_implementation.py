"""Implementation: milestones and timeline, issues and coordination, assessments, follow-ups, feedback,
conversion with evidence (the achievement becomes converted) or termination."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from achievements.models import Achievement
from matching import selectors
from matching.models import ImplementationProject
from matching.services import implementation as services
from platform_core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed


def test_milestones_and_timeline(users, implementation):
    today = timezone.localdate()
    m1 = services.milestone_save(
        implementation_id=implementation.pk,
        actor=users["staff"],
        title="技术资料交付",
        planned_start=today - dt.timedelta(days=60),
        planned_end=today - dt.timedelta(days=30),
    )
    m2 = services.milestone_save(
        implementation_id=implementation.pk,
        actor=users["staff"],
        title="中试放大",
        planned_start=today - dt.timedelta(days=20),
        planned_end=today + dt.timedelta(days=40),
    )
    m1 = services.milestone_save(
        implementation_id=implementation.pk,
        actor=users["staff"],
        milestone_id=m1.pk,
        title=m1.title,
        planned_start=m1.planned_start,
        planned_end=m1.planned_end,
        actual_start=m1.planned_start,
        actual_end=today - dt.timedelta(days=25),
    )
    assert m1.status == "done" and m1.delay_days == 5
    with pytest.raises(ValidationFailed):
        services.milestone_save(
            implementation_id=implementation.pk,
            actor=users["staff"],
            title="x",
            planned_start=today,
            planned_end=today - dt.timedelta(days=1),
        )
    with pytest.raises(PermissionDeniedError):
        services.milestone_save(
            implementation_id=implementation.pk,
            actor=users["enterprise"],
            title="x",
            planned_start=today,
            planned_end=today,
        )
    timeline = selectors.milestone_timeline([m1, m2])
    bars = {b.milestone.pk: b for b in timeline.bars}
    assert bars[m1.pk].late and bars[m1.pk].actual_left is not None
    assert 0 <= bars[m2.pk].planned_left < 100 and timeline.today_left is not None


def test_issue_log_assessment_followup_feedback(users, implementation, client_for):
    issue = services.issue_add(
        implementation_id=implementation.pk, actor=users["enterprise"], title="中试收率偏低", severity="high"
    )
    services.coordination_add(
        issue_id=issue.pk, actor=users["staff"], description="组织双方技术人员现场会商", resolve=True
    )
    issue.refresh_from_db()
    assert issue.status == "resolved" and issue.actions.count() == 1
    services.assessment_add(
        implementation_id=implementation.pk,
        actor=users["staff"],
        period="第一阶段",
        findings="按计划推进",
        rating="at_risk",
        adjustments="中试批次由 3 批调整为 5 批",
    )
    services.followup_add(
        implementation_id=implementation.pk, actor=users["staff"], summary="现场走访，了解中试进展"
    )
    request = services.feedback_request(
        implementation_id=implementation.pk, actor=users["staff"], recipient=users["enterprise"]
    )
    with pytest.raises(ValidationFailed):
        services.feedback_request(
            implementation_id=implementation.pk, actor=users["staff"], recipient=users["other_enterprise"]
        )
    response = client_for("enterprise").post(
        reverse("matching:feedback_answer", args=[request.pk]), {"fba-rating": 5, "fba-comments": "服务及时"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.rating == 5 and request.answered_at


def test_convert_needs_outcome_and_evidence_then_achievement_converted(users, implementation):
    with pytest.raises(InvalidTransition):
        services.implementation_transition(
            implementation_id=implementation.pk, actor=users["staff"], action="convert"
        )
    services.outcome_record(
        implementation_id=implementation.pk, actor=users["staff"], outcome_kind="product_launched", outcome_description="取得医疗机构制剂批件并上市销售",
        evidence=SimpleUploadedFile("批件.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )  # fmt: skip
    converted = services.implementation_transition(
        implementation_id=implementation.pk, actor=users["staff"], action="convert"
    )
    assert converted.state == "converted" and converted.converted_on
    assert Achievement.objects.get(pk=implementation.achievement_id).state == "converted"


def test_terminate_needs_reason(users, implementation):
    with pytest.raises(ValidationFailed):
        services.implementation_transition(
            implementation_id=implementation.pk, actor=users["staff"], action="terminate"
        )
    services.implementation_transition(
        implementation_id=implementation.pk, actor=users["staff"], action="terminate", reason="企业战略调整"
    )
    assert ImplementationProject.objects.get(pk=implementation.pk).state == "terminated"
    assert Achievement.objects.get(pk=implementation.achievement_id).state == "agreement_signed"


@pytest.mark.parametrize(
    ("role", "status"),
    [("enterprise", 200), ("holder", 200), ("staff", 200), ("other_enterprise", 404), ("other_holder", 404)],
)
def test_implementation_visibility(client_for, implementation, role, status):
    assert client_for(role).get(implementation.get_absolute_url()).status_code == status


def test_feedback_answer_needs_login_and_the_recipient(users, implementation, client):
    """An anonymous answer goes to the login page (it crashed with a 500 before, issue 11); someone who is not
    the recipient gets 404; neither records anything."""
    from django.conf import settings
    from django.shortcuts import resolve_url

    request = services.feedback_request(
        implementation_id=implementation.pk, actor=users["staff"], recipient=users["enterprise"]
    )
    url = reverse("matching:feedback_answer", args=[request.pk])
    body = {"fba-rating": 1, "fba-comments": "匿名"}
    anonymous = client.post(url, body)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(resolve_url(settings.LOGIN_URL))
    client.force_login(users["holder"])
    assert client.post(url, body).status_code == 404
    request.refresh_from_db()
    assert request.rating is None and not request.answered_at
