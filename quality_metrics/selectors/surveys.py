"""Survey results: response rates, means by dimension and by service type, answer distributions."""

from __future__ import annotations

from django.db.models import Avg, Count, Q

from ..models import SurveyAnswer, SurveyCampaign, SurveyInvitation, SurveyQuestion, SurveyResponse
from ..service_types import BY_CODE


def campaigns_with_rates():
    return SurveyCampaign.objects.select_related("template").annotate(
        invited=Count("invitations", distinct=True),
        answered=Count("invitations", filter=Q(invitations__responded_at__isnull=False), distinct=True),
        mean=Avg("invitations__response__score"),
    )


def campaign_results(campaign: SurveyCampaign) -> dict:
    invitations = SurveyInvitation.objects.filter(campaign=campaign)
    counts = invitations.aggregate(
        invited=Count("id"),
        answered=Count("id", filter=Q(responded_at__isnull=False)),
        reminded=Count("id", filter=Q(reminded_at__isnull=False)),
    )
    responses = SurveyResponse.objects.filter(invitation__campaign=campaign)
    overall = responses.aggregate(mean=Avg("score"))["mean"]
    answers = SurveyAnswer.objects.filter(response__invitation__campaign=campaign)
    dimensions = [
        {
            "name": r["question__dimension__name"] or "—",
            "mean": round(r["mean"], 1) if r["mean"] is not None else None,
            "n": r["n"],
        }
        for r in answers.exclude(normalised=None)
        .values("question__dimension__name", "question__dimension__order")
        .annotate(mean=Avg("normalised"), n=Count("response", distinct=True))
        .order_by("question__dimension__order")
    ]
    services = [
        {
            "code": r["service_type"],
            "label": str(BY_CODE[r["service_type"]].label) if r["service_type"] in BY_CODE else "—",
            "mean": round(r["mean"], 1) if r["mean"] is not None else None,
            "n": r["n"],
        }
        for r in responses.exclude(score=None)
        .values("service_type")
        .annotate(mean=Avg("score"), n=Count("id"))
        .order_by("service_type")
    ]
    questions = []
    for question in campaign.template.questions.select_related("dimension"):
        rows = answers.filter(question=question)
        if question.kind == SurveyQuestion.Kind.RATING:
            dist = dict(rows.values_list("rating").annotate(n=Count("id")).order_by())
            questions.append(
                {
                    "question": question,
                    "mean": rows.aggregate(m=Avg("normalised"))["m"],
                    "distribution": [(v, dist.get(v, 0)) for v in question.scale()],
                }
            )
        elif question.kind == SurveyQuestion.Kind.CHOICE:
            dist = dict(rows.values_list("choice").annotate(n=Count("id")).order_by())
            questions.append(
                {
                    "question": question,
                    "mean": rows.aggregate(m=Avg("normalised"))["m"],
                    "distribution": [(o["label"], dist.get(i, 0)) for i, o in enumerate(question.options)],
                }
            )
    rate = counts["answered"] * 100 / counts["invited"] if counts["invited"] else None
    return {
        **counts,
        "rate": rate,
        "mean": overall,
        "dimensions": dimensions,
        "services": services,
        "questions": questions,
    }
