"""Satisfaction surveys: the campaigns (staff) and the tokenised answer page (anyone with the link)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.errors import ConflictError, DomainError
from platform_core.permissions import require_perm, staff_required

from ..forms import CampaignForm
from ..models import SurveyCampaign, SurveyQuestion, SurveyResponse
from ..selectors.surveys import campaign_results, campaigns_with_rates
from ..services import surveys as svc
from .common import paginate


@staff_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    qs = campaigns_with_rates().order_by("-created_at")
    kind = request.GET.get("kind", "")
    if kind in SurveyCampaign.Kind.values:
        qs = qs.filter(kind=kind)
    return render(
        request,
        "quality_metrics/campaign_list.html",
        {"page": paginate(request, qs), "kind": kind, "kinds": SurveyCampaign.Kind.choices},
    )


@staff_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "quality_metrics.manage_surveys")
    form = CampaignForm(request.POST or None, initial={"template": svc.default_template().pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        campaign = svc.campaign_create(
            actor=request.user,
            title=data["title"],
            template=data["template"],
            audience=data["audience"],
            valid_days=data["valid_days"],
        )
        messages.success(request, _("The ad-hoc survey has been created; send it when ready."))
        return redirect(campaign.get_absolute_url())
    return render(
        request,
        "quality_metrics/form_page.html",
        {"form": form, "title": _("New ad-hoc survey"), "back": "quality_metrics:campaign_list"},
    )


@staff_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(SurveyCampaign.objects.select_related("template"), pk=pk)
    results = campaign_results(campaign)
    responses = paginate(
        request,
        SurveyResponse.objects.filter(invitation__campaign=campaign)
        .select_related("invitation")
        .order_by("-submitted_at"),
    )
    charts = {
        "label": _("Mean score (0–100)"),
        "dimensions": results["dimensions"],
        "services": results["services"],
    }
    return render(
        request,
        "quality_metrics/campaign_detail.html",
        {"campaign": campaign, "results": results, "page": responses, "charts": charts},
    )


@staff_required
@require_POST
def campaign_send(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(SurveyCampaign, pk=pk)
    require_perm(request.user, "quality_metrics.manage_surveys", campaign)
    try:
        n = svc.campaign_send(campaign_id=campaign.pk, actor=request.user)
        messages.success(request, _("%(n)d invitations sent.") % {"n": n})
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(campaign.get_absolute_url())


@staff_required
@require_POST
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(SurveyCampaign, pk=pk)
    require_perm(request.user, "quality_metrics.manage_surveys", campaign)
    svc.campaign_close(campaign_id=campaign.pk, actor=request.user)
    messages.success(request, _("The survey is closed; its links no longer accept answers."))
    return redirect(campaign.get_absolute_url())


@staff_required
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_object_or_404(
        SurveyResponse.objects.select_related("invitation__campaign", "invitation__user"), pk=pk
    )
    answers = response.answers.select_related("question__dimension").order_by("question__order")
    return render(
        request,
        "quality_metrics/response_detail.html",
        {"response": response, "answers": answers, "complaints": response.complaints.all()},
    )


def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The tokenised survey page: no login, one response per link, an expiry."""
    invitation = svc.invitation_for_token(token)
    campaign = invitation.campaign
    questions = list(campaign.template.questions.select_related("dimension"))
    status = ""
    if invitation.responded_at is not None:
        status = "answered"
    elif invitation.is_expired:
        status = "expired"
    elif campaign.state == SurveyCampaign.State.CLOSED:
        status = "closed"
    errors: list[str] = []
    values: dict[int, str] = {}
    if request.method == "POST" and not status:
        values = {q.pk: request.POST.get(f"q{q.pk}", "").strip() for q in questions}
        try:
            with transaction.atomic():
                svc.response_submit(
                    token=token,
                    answers={k: v for k, v in values.items() if v != ""},
                    comment=request.POST.get("comment", ""),
                    wants_contact=request.POST.get("wants_contact") == "on",
                )
        except ConflictError:
            status = "answered"
        except DomainError as exc:
            errors.append(str(exc.message))
        else:
            return render(request, "quality_metrics/survey_thanks.html", {"campaign": campaign}, status=200)
    groups: list[dict] = []
    for question in questions:
        name = question.dimension.name if question.dimension else ""
        if not groups or groups[-1]["name"] != name:
            groups.append({"name": name, "questions": []})
        groups[-1]["questions"].append(
            {
                "q": question,
                "value": values.get(question.pk, ""),
                "options": list(enumerate(question.options)),
            }
        )
    return render(
        request,
        "quality_metrics/survey_answer.html",
        {
            "invitation": invitation,
            "campaign": campaign,
            "groups": groups,
            "status": status,
            "errors": errors,
            "kinds": SurveyQuestion.Kind,
        },
        status=410 if status in ("expired", "closed") else 200,
    )
