"""Smart matching pages: my matches (enterprise / holder), matches of one achievement, suggestion
actions, the inquiry from a library page, and the staff weights page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from achievements.models import Achievement
from platform_core.accounts.roles import Role, has_role, is_staff_member
from platform_core.permissions import get_visible_or_404, role_required, staff_required

from .. import selectors
from ..forms import InquiryForm, WeightsForm
from ..models import Demand, MatchingWeights, MatchSuggestion
from ..reasons import labelled, vocabulary_names
from ..services import docking as docking_services
from ..services import matching as matching_services
from .common import attempt, back, form_errors


def _decorate(suggestions, vocab):
    for s in suggestions:
        s.labelled = labelled(s.reasons, vocab)
        s.met = [r for r in s.labelled if r["met"]]
        s.unmet = [r for r in s.labelled if not r["met"] and r["weight"] > 0]
    return suggestions


@role_required(Role.ENTERPRISE, Role.HOLDER)
def overview(request: HttpRequest) -> HttpResponse:
    """智能匹配: for an enterprise, the best matches of each of its demands; for a holder, the demands
    matched to his achievements."""
    vocab = vocabulary_names()
    ctx: dict = {}
    if has_role(request.user, Role.ENTERPRISE):
        demands = list(
            Demand.objects.filter(owner=request.user)
            .exclude(state=Demand.State.CLOSED)
            .select_related("technical_field")
            .order_by("-updated_at")[:20]
        )
        rows = (
            MatchSuggestion.objects.filter(demand__in=demands)
            .exclude(status=MatchSuggestion.Status.DISMISSED)
            .select_related("achievement", "achievement__organization")
            .order_by("demand_id", "-score")
        )
        by_demand: dict[int, list] = {}
        for s in rows:
            bucket = by_demand.setdefault(s.demand_id, [])
            if len(bucket) < 3:
                bucket.append(s)
        for demand in demands:
            demand.top = _decorate(by_demand.get(demand.pk, []), vocab)
        ctx["demands"] = demands
        ctx["show_demands"] = True
    if has_role(request.user, Role.HOLDER):
        ctx["show_holder"] = True
        ctx["holder_suggestions"] = _decorate(
            list(selectors.suggestions_for_holder(request.user)[:30]), vocab
        )
        ctx["my_achievements"] = list(
            Achievement.objects.filter(holder=request.user, state__in=Achievement.PUBLIC_STATES).only(
                "id", "name", "state"
            )
        )
    return render(request, "matching/overview.html", ctx)


def achievement_matches(request: HttpRequest, pk: int) -> HttpResponse:
    """Demands and enterprises ranked for one achievement (its holder and staff)."""
    achievement = get_visible_or_404(
        Achievement.objects.select_related("technical_field", "organization", "holder"),
        user=request.user,
        perm="achievements.view_achievement",
        pk=pk,
    )
    if not (is_staff_member(request.user) or achievement.holder_id == request.user.pk):
        raise Http404
    vocab = vocabulary_names()
    ranked = matching_services.demands_for_achievement(achievement=achievement, user=request.user, limit=10)
    rows = []
    for demand, match in ranked:
        reasons = labelled([r.as_dict() for r in match.reasons], vocab)
        rows.append(
            {
                "demand": demand,
                "score": match.score,
                "met": [r for r in reasons if r["met"]],
                "unmet": [r for r in reasons if not r["met"] and r["weight"] > 0],
            }
        )
    enterprises = matching_services.enterprises_for_achievement(
        ranked_demands=ranked, achievement=achievement
    )
    return render(
        request,
        "matching/achievement_matches.html",
        {"achievement": achievement, "rows": rows, "enterprises": enterprises},
    )


def _suggestion(request: HttpRequest, pk: int) -> MatchSuggestion:
    suggestion = MatchSuggestion.objects.select_related("demand").filter(pk=pk).first()
    if suggestion is None or not request.user.has_perm("matching.view_demand_matches", suggestion.demand):
        raise Http404
    return suggestion


@require_POST
def suggestion_status(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion(request, pk)
    status = request.POST.get("status", "")
    attempt(
        request,
        lambda: matching_services.suggestion_set_status(suggestion_id=pk, actor=request.user, status=status),
        _("Suggestion dismissed: it will not be suggested again.") if status == "dismissed" else _("Saved."),
    )
    return back(request, suggestion.demand.get_absolute_url() + "#matches")


@require_POST
def suggestion_inquire(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion(request, pk)
    project = attempt(
        request,
        lambda: docking_services.project_from_suggestion(
            suggestion_id=pk, actor=request.user, message=request.POST.get("message", "")
        ),
        _("Docking project opened; the platform's service specialist will contact both sides."),
    )
    if project and project is not True:
        return redirect(project.get_absolute_url())
    return back(request, suggestion.demand.get_absolute_url() + "#matches")


def inquiry_create(request: HttpRequest, achievement_id: int) -> HttpResponse:
    """POST target of the “inquire” button on an achievement's library page (GET shows the form)."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    achievement = get_visible_or_404(
        Achievement.objects.select_related("organization", "technical_field"),
        user=request.user,
        perm="achievements.view_achievement",
        pk=achievement_id,
    )
    demands = list(
        Demand.objects.filter(owner=request.user).exclude(state=Demand.State.CLOSED).only("id", "title")
    )
    form = InquiryForm(request.POST or None, demands=demands)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            project = attempt(
                request,
                lambda: docking_services.inquiry_create(
                    achievement_id=achievement.pk,
                    actor=request.user,
                    message=data["message"],
                    demand_id=int(data["demand"]) if data.get("demand") else None,
                ),
                _("Inquiry sent; the platform's service specialist will contact both sides."),
            )
            if project and project is not True:
                return redirect(project.get_absolute_url())
        else:
            form_errors(request, form)
    can = request.user.has_perm("matching.inquire")
    return render(
        request, "matching/inquiry_form.html", {"achievement": achievement, "form": form, "can_inquire": can}
    )


@staff_required
def weights(request: HttpRequest) -> HttpResponse:
    current = MatchingWeights.load()
    form = WeightsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.fields}
        done = attempt(
            request,
            lambda: matching_services.weights_update(actor=request.user, **data),
            _("Weights saved; every suggestion is being recomputed."),
        )
        if done:
            return redirect("matching:weights")
    elif request.method == "POST":
        messages.error(request, _("Please correct the errors below."))
    criteria = [form[c] for c in MatchingWeights.CRITERIA]
    total = sum(getattr(current, c) for c in MatchingWeights.CRITERIA) or 1
    shares = [
        (form[c].label, round(100.0 * getattr(current, c) / total, 1)) for c in MatchingWeights.CRITERIA
    ]
    return render(
        request,
        "matching/weights.html",
        {"form": form, "criteria": criteria, "shares": shares, "weights": current},
    )
