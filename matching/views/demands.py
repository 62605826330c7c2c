"""Demands: the library, my demands, posting and editing, staff review, challenge calls and applications."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from achievements.models import Achievement
from platform_core.accounts.roles import Role, has_role, is_staff_member
from platform_core.permissions import get_visible_or_404, require_perm, role_required, staff_required

from .. import selectors
from ..forms import ApplicationForm, DemandFilterForm, DemandForm, ReasonForm
from ..models import ChallengeApplication, Demand
from ..reasons import labelled, vocabulary_names
from ..services import demands as demand_services
from ..services import matching as matching_services
from .common import attempt, available_actions, back, form_errors, labelled_logs, paginate, sort_param

DEMAND_SORTS = ("title", "deadline", "published_at", "updated_at", "state")


def _load(request: HttpRequest, pk: int) -> Demand:
    qs = Demand.objects.select_related("owner", "organization", "technical_field")
    return get_visible_or_404(qs, user=request.user, perm="matching.view_demand", pk=pk)


def library(request: HttpRequest) -> HttpResponse:
    """The demand library (技术需求库): published demands this user may read, with search and filters."""
    form = DemandFilterForm(request.GET or None)
    sort, toggles = sort_param(request, DEMAND_SORTS, "-published_at")
    qs = selectors.demand_library(request.user, **form.filters()).order_by(sort, "-id")
    return render(
        request,
        "matching/demand_library.html",
        {
            "form": form,
            "page": paginate(request, qs.prefetch_related("cooperation_modes")),
            "toggles": toggles,
            "sort": sort,
        },
    )


@role_required(Role.ENTERPRISE)
def mine(request: HttpRequest) -> HttpResponse:
    sort, toggles = sort_param(request, DEMAND_SORTS, "-updated_at")
    qs = Demand.objects.filter(owner=request.user).for_list().order_by(sort, "-id")
    state = request.GET.get("state", "")
    if state in Demand.State.values:
        qs = qs.filter(state=state)
    page = paginate(request, qs)
    counts = matching_services.suggestion_counts([d.pk for d in page.object_list])
    for demand in page.object_list:
        demand.match_count = counts.get(demand.pk, 0)
    return render(
        request,
        "matching/demand_mine.html",
        {"page": page, "toggles": toggles, "sort": sort, "states": Demand.State.choices, "state": state},
    )


@role_required(Role.ENTERPRISE)
def create(request: HttpRequest) -> HttpResponse:
    form = DemandForm(request.POST or None, initial={"is_challenge": request.GET.get("challenge") == "1"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        demand = attempt(
            request,
            lambda: demand_services.demand_create(owner=request.user, **data),
            _("Demand saved as a draft. Submit it for review when it is complete."),
        )
        if demand:
            if "submit" in request.POST:
                attempt(
                    request,
                    lambda: demand_services.demand_transition(
                        demand_id=demand.pk, actor=request.user, action="submit"
                    ),
                    _("Submitted for review."),
                )
            return redirect(demand.get_absolute_url())
    return render(request, "matching/demand_form.html", {"form": form, "demand": None})


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    demand = _load(request, pk)
    require_perm(request.user, "matching.change_demand", demand)
    form = DemandForm(request.POST or None, instance=demand)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        done = attempt(
            request,
            lambda: demand_services.demand_update(demand_id=pk, actor=request.user, **data),
            _("Demand saved."),
        )
        if done:
            if "submit" in request.POST:
                attempt(
                    request,
                    lambda: demand_services.demand_transition(
                        demand_id=pk, actor=request.user, action="submit"
                    ),
                    _("Submitted for review."),
                )
            return redirect(demand.get_absolute_url())
    return render(request, "matching/demand_form.html", {"form": form, "demand": demand})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    demand = _load(request, pk)
    user = request.user
    ctx = {
        "demand": demand,
        "scenarios": list(demand.scenarios.all()),
        "modes": list(demand.cooperation_modes.all()),
        "actions": available_actions(demand, user),
        "logs": labelled_logs(demand) if user.has_perm("matching.view_demand_matches", demand) else [],
        "reason_form": ReasonForm(),
    }
    if user.has_perm("matching.view_demand_matches", demand):
        vocab = vocabulary_names()
        suggestions = list(selectors.suggestions_for_demand(demand)[:10])
        for s in suggestions:
            s.labelled = labelled(s.reasons, vocab)
            s.met = [r for r in s.labelled if r["met"]]
            s.unmet = [r for r in s.labelled if not r["met"] and r["weight"] > 0]
        ctx["suggestions"] = suggestions
        ctx["show_matches"] = True
    if demand.is_challenge:
        ctx["applications"] = list(selectors.applications_for(demand, user))
        ctx["can_apply"] = user.has_perm("matching.apply_challenge", demand)
        ctx["can_decide"] = user.has_perm("matching.view_applications", demand)
    return render(request, "matching/demand_detail.html", ctx)


@require_POST
def transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    demand = _load(request, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: demand_services.demand_transition(
                demand_id=demand.pk,
                actor=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            ),
            _("Done."),
        )
    return back(request, demand.get_absolute_url())


@require_POST
def refresh(request: HttpRequest, pk: int) -> HttpResponse:
    demand = _load(request, pk)
    require_perm(request.user, "matching.view_demand_matches", demand)
    count = matching_services.suggestions_refresh_for_demand(demand_id=demand.pk)
    messages.success(request, _("Matches recomputed: %(n)d suggestions.") % {"n": count})
    return redirect(reverse("matching:demand_detail", args=[pk]) + "#matches")


@staff_required
def review_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request, "matching/demand_queue.html", {"page": paginate(request, selectors.review_queue())}
    )


@role_required(Role.HOLDER, Role.STAFF, Role.ADMIN, Role.ENTERPRISE, Role.INVESTOR)
def challenges(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "matching/challenges.html",
        {"page": paginate(request, selectors.open_challenges(request.user))},
    )


@role_required(Role.HOLDER)
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    demand = _load(request, pk)
    if not demand.is_challenge:
        raise Http404
    achievements = list(
        Achievement.objects.filter(holder=request.user)
        .exclude(state__in=("withdrawn", "retired"))
        .only("id", "name")
    )
    form = ApplicationForm(request.POST or None, achievements=achievements)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(
            request,
            lambda: demand_services.challenge_apply(
                demand_id=demand.pk,
                actor=request.user,
                proposal=data["proposal"],
                team_summary=data["team_summary"],
                achievement_id=int(data["achievement"]) if data["achievement"] else None,
            ),
            _("Application submitted."),
        )
        if done:
            return redirect(demand.get_absolute_url())
    elif request.method == "POST":
        form_errors(request, form)
    return render(request, "matching/challenge_apply.html", {"demand": demand, "form": form})


@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = ChallengeApplication.objects.select_related("demand").filter(pk=pk).first()
    if application is None or not request.user.has_perm("matching.view_challengeapplication", application):
        raise Http404
    form = ReasonForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: demand_services.application_decide(
                application_id=pk,
                actor=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            ),
            _("Done."),
        )
    return back(request, application.demand.get_absolute_url())


def is_enterprise_like(user) -> bool:
    return has_role(user, Role.ENTERPRISE) or is_staff_member(user)
