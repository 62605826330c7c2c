"""Surveys: normalisation to 0–100, tokens answer once, campaigns never sent twice, case surveys, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.utils import timezone

from platform_core.errors import ConflictError, ValidationFailed
from quality_metrics import measures, periods
from quality_metrics.models import SurveyCampaign, SurveyInvitation, SurveyQuestion, SurveyResponse
from quality_metrics.services import surveys as svc


def _answers(template, rating=5, overall=0):
    out = {}
    for q in template.questions.all():
        if q.kind == SurveyQuestion.Kind.RATING:
            out[q.pk] = rating
        elif q.kind == SurveyQuestion.Kind.CHOICE and q.required:
            out[q.pk] = overall
    return out


def test_normalisation():
    rating = SurveyQuestion(kind="rating", scale_min=1, scale_max=5)
    assert [svc.normalise(rating, rating=r) for r in (1, 2, 3, 4, 5)] == [0, 25, 50, 75, 100]
    hundred = SurveyQuestion(kind="rating", scale_min=0, scale_max=100)
    assert svc.normalise(hundred, rating=87) == 87
    choice = SurveyQuestion(
        kind="choice", options=[{"label": "满意", "score": 75}, {"label": "渠道", "score": None}]
    )
    assert (svc.normalise(choice, choice=0), svc.normalise(choice, choice=1)) == (75.0, None)
    assert svc.response_score([100, 75, None, 50]) == 75


@pytest.fixture
def campaign(users):
    return svc.campaign_create(actor=users["staff"], title="临时调查")


def test_a_survey_token_used_twice_is_refused_the_second_time(campaign, users):
    assert svc.campaign_send(campaign_id=campaign.pk) == len(
        [u for k, u in users.items() if k not in ("admin", "staff")]
    )
    invitation = SurveyInvitation.objects.get(campaign=campaign, user=users["holder"])
    template = campaign.template
    response = svc.response_submit(token=invitation.token, answers=_answers(template, rating=4, overall=0))
    # eight ratings of 4 → 75 each, overall 非常满意 → 100: (8 × 75 + 100) / 9
    assert response.score == pytest.approx((8 * 75 + 100) / 9)
    with pytest.raises(ConflictError):
        svc.response_submit(token=invitation.token, answers=_answers(template, rating=1))
    assert SurveyResponse.objects.filter(invitation=invitation).count() == 1
    assert SurveyResponse.objects.get().score == pytest.approx((8 * 75 + 100) / 9)


def test_expired_link_and_missing_required_answer_are_refused(campaign, users):
    svc.campaign_send(campaign_id=campaign.pk)
    invitation = SurveyInvitation.objects.get(campaign=campaign, user=users["holder"])
    with pytest.raises(ValidationFailed):
        svc.response_submit(token=invitation.token, answers={})
    SurveyInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(ValidationFailed, match="过期"):
        svc.response_submit(token=invitation.token, answers=_answers(campaign.template))
    assert not SurveyResponse.objects.exists()


def test_a_campaign_job_run_twice_for_one_quarter_sends_one_set_of_invitations(users):
    from quality_metrics import tasks

    first = tasks.survey_campaign_scheduled(kind="quarterly", day="2025-04-01")
    second = tasks.survey_campaign_scheduled(kind="quarterly", day="2025-04-15")
    assert first == second
    campaign = SurveyCampaign.objects.get()
    assert (campaign.kind, campaign.period_type, str(campaign.period_start)) == (
        "quarterly",
        "quarter",
        "2025-01-01",
    )
    invited = campaign.invitations.count()
    assert invited == len([k for k in users if k not in ("admin", "staff")])
    assert campaign.invitations.values("user").distinct().count() == invited
    # a new user joining later is not swept in by a rerun: the campaign was sent
    tasks.survey_campaign_scheduled(kind="quarterly", day="2025-04-20")
    assert campaign.invitations.count() == invited


def test_satisfaction_indicator_is_the_mean_response_score(campaign, users):
    svc.campaign_send(campaign_id=campaign.pk)
    template = campaign.template
    tokens = SurveyInvitation.objects.filter(campaign=campaign).order_by("pk").values_list("token", flat=True)
    svc.response_submit(token=tokens[0], answers=_answers(template, rating=5, overall=0))  # 100
    svc.response_submit(token=tokens[1], answers=_answers(template, rating=3, overall=2))  # 50
    svc.response_submit(token=tokens[2], answers=_answers(template, rating=4, overall=1))  # 75
    period = periods.containing("quarter")
    result = measures.satisfaction(period.start_at, period.end_at)
    assert (result.numerator, result.denominator) == (225, 3)
    assert result.value == 75


def test_case_survey_when_a_formal_review_closes(write_log, users):
    model = apps.get_model("achievements", "Achievement")
    now = timezone.localtime()
    stamp = now.strftime("%Y-%m-%d %H:%M")
    write_log(
        model,
        77,
        "achievement",
        [("submit", "draft", "submitted", stamp), ("accept", "submitted", "accepted", stamp)],
        actor=users["holder"],
    )
    from quality_metrics import tasks

    assert tasks.service_cases_scan() == 1
    assert tasks.service_cases_scan() == 0
    invitation = SurveyInvitation.objects.get()
    assert (invitation.user, invitation.service_type, invitation.campaign.kind) == (
        users["holder"],
        "formal_review",
        "case",
    )


def test_reminders_once(campaign, users):
    svc.campaign_send(campaign_id=campaign.pk)
    later = timezone.now() + dt.timedelta(days=8)
    count = SurveyInvitation.objects.filter(campaign=campaign).count()
    assert svc.reminders_send(now=later) == count
    assert svc.reminders_send(now=later) == 0
