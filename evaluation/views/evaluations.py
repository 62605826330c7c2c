"""Staff console of evaluations: list, create, detail with panel and audit, moves, results, conclusion."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from achievements.models import Achievement
from evaluation.forms import AuditForm, ConclusionForm, EvaluationForm
from evaluation.models import Evaluation, MaterialAudit, PanelMember, PanelRole
from evaluation.selectors.aggregation import evaluation_results, swot_grid
from evaluation.selectors.indicators import default_system
from evaluation.selectors.panels import (
    candidates,
    evaluation_clock,
    evaluation_list,
    panel_problems,
    trl_scale_for,
)
from evaluation.services import evaluations as services
from evaluation.services.reports import evaluation_report_request
from platform_core.attachments.selectors import attachments_for
from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, require_perm, staff_required
from platform_core.reports.charts import radar_chart
from platform_core.workflow.engine import workflow_for

from .common import labelled_history, paginate, sort_queryset

AUDIT_ACTIONS = {"start_scoring", "request_supplement", "mark_not_evaluated"}
SORTS = {
    "created": "created_at",
    "due": "due_date",
    "state": "state",
    "name": "achievement__name",
    "score": "panel_score",
}


@staff_required
def evaluation_list_view(request: HttpRequest) -> HttpResponse:
    qs = evaluation_list()
    state = request.GET.get("state", "")
    if state in Evaluation.State.values:
        qs = qs.filter(state=state)
    elif state == "open":
        qs = qs.filter(state__in=Evaluation.OPEN_STATES)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(achievement__name__icontains=q)
    qs, sort = sort_queryset(request, qs, SORTS, "-created")
    accepted = (
        Achievement.objects.filter(state=Achievement.State.ACCEPTED)
        .exclude(evaluations__state__in=Evaluation.OPEN_STATES)
        .only("id", "name")[:50]
    )
    return render(
        request,
        "evaluation/evaluation_list.html",
        {
            "page": paginate(request, qs),
            "state": state,
            "q": q,
            "sort": sort,
            "states": Evaluation.State.choices,
            "waiting": accepted,
        },
    )


@staff_required
def evaluation_create_view(request: HttpRequest) -> HttpResponse:
    achievement = get_object_or_404(
        Achievement, pk=request.GET.get("achievement") or request.POST.get("achievement")
    )
    initial = {
        "indicator_system": default_system(),
        "trl_scale": trl_scale_for(achievement),
        "leader": request.user,
        "work_group": [request.user],
        "aggregation": "mean",
        "mode": Evaluation.Mode.CORRESPONDENCE,
        "min_per_role": 1,
        "hide_others_until_submitted": True,
    }
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation = services.evaluation_create(
                achievement=achievement,
                actor=request.user,
                indicator_system=data["indicator_system"],
                trl_scale=data["trl_scale"],
                mode=data["mode"],
                due_date=data["due_date"],
                leader=data["leader"],
                work_group=list(data["work_group"]) or [data["leader"]],
                aggregation=data["aggregation"],
                hide_others_until_submitted=data["hide_others_until_submitted"],
                min_per_role=data["min_per_role"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The evaluation project has been created. Form the panel next."))
            return redirect(evaluation)
    return render(request, "evaluation/evaluation_form.html", {"form": form, "achievement": achievement})


def _detail_context(request: HttpRequest, evaluation: Evaluation) -> dict:
    members = list(
        evaluation.panel_members.select_related(
            "expert__user", "expert__organization", "declaration", "sheet", "replaces__expert__user"
        ).order_by("state", "-is_chair", "panel_role", "id")
    )
    is_staff = request.user.has_perm("evaluation.manage_evaluation", evaluation)
    context = {
        "evaluation": evaluation,
        "achievement": evaluation.achievement,
        "members": members,
        "problems": panel_problems(evaluation) if evaluation.is_open else [],
        "sectors": sorted(
            {m.expert.get_sector_display() for m in members if m.state != PanelMember.State.RECUSED}
        ),
        "logs": labelled_history(evaluation),
        "audits": evaluation.audits.select_related("auditor"),
        "supplements": attachments_for(evaluation),
        "is_staff": is_staff,
        "transitions": [
            t
            for t in (workflow_for(evaluation).available(evaluation, request.user) if is_staff else [])
            # while auditing, the audit form takes these moves (it records the audit too)
            if not (evaluation.state == Evaluation.State.AUDITING and t.action in AUDIT_ACTIONS)
        ],
        "audit_form": AuditForm(),
        "clock": evaluation_clock(evaluation),
        "me": next(
            (m for m in members if m.expert.user_id == request.user.pk and m.state != "recused"), None
        ),
    }
    if is_staff and evaluation.state in (
        Evaluation.State.DRAFT,
        Evaluation.State.AUDITING,
        Evaluation.State.SUPPLEMENT,
        Evaluation.State.SCORING,
    ):
        context["candidates"] = [
            (role, label, candidates(evaluation, role)) for role, label in PanelRole.choices
        ]
    return context


def _visible(request: HttpRequest, pk: int) -> Evaluation:
    qs = Evaluation.objects.select_related(
        "achievement__holder",
        "achievement__organization",
        "indicator_system",
        "trl_scale",
        "leader",
        "report",
    )
    return get_visible_or_404(qs, user=request.user, perm="evaluation.view_evaluation", pk=pk)


def evaluation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    holder_of = Evaluation.objects.filter(pk=pk, achievement__holder=request.user).exists()
    if holder_of and not request.user.has_perm("evaluation.view_evaluation", Evaluation.objects.get(pk=pk)):
        # the holder follows his evaluation on the supplement page (reasons, uploads, the result)
        return redirect("evaluation:supplement", pk)
    evaluation = _visible(request, pk)
    return render(request, "evaluation/evaluation_detail.html", _detail_context(request, evaluation))


@staff_required
@require_POST
def evaluation_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _visible(request, pk)
    action = request.POST.get("action", "")
    try:
        services.evaluation_transition(
            evaluation_id=evaluation.pk,
            action=action,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done."))
    return redirect(evaluation)


@staff_required
@require_POST
def evaluation_audit_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _visible(request, pk)
    form = AuditForm(request.POST)
    if form.is_valid():
        try:
            services.material_audit_record(
                evaluation_id=evaluation.pk,
                actor=request.user,
                result=form.cleaned_data["result"],
                reasons=form.cleaned_data["reasons"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, dict(MaterialAudit.Result.choices)[form.cleaned_data["result"]])
    else:
        messages.error(request, _("Choose the audit result."))
    return redirect(evaluation)


@staff_required
@require_POST
def panel_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _visible(request, pk)
    try:
        member = services.panel_member_assign(
            evaluation_id=evaluation.pk,
            expert_id=int(request.POST.get("expert", "0") or 0),
            actor=request.user,
            is_chair=bool(request.POST.get("is_chair")),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(expert)s has been invited.") % {"expert": member.expert})
    return redirect(evaluation)


@staff_required
@require_POST
def panel_auto_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _visible(request, pk)
    try:
        added = services.panel_auto_assign(evaluation_id=evaluation.pk, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if added:
            messages.success(
                request, _("Invited: %(names)s") % {"names": "、".join(str(m.expert) for m in added)}
            )
        else:
            messages.warning(
                request, _("No suitable expert was found (conflicts, load limit or none available).")
            )
    return redirect(evaluation)


def member_recuse_view(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST" or not request.user.is_authenticated:
        raise Http404
    member = get_object_or_404(PanelMember.objects.select_related("evaluation", "expert"), pk=pk)
    if not request.user.has_perm("evaluation.view_evaluation", member.evaluation):
        raise Http404
    replacement = request.POST.get("replacement")
    try:
        if replacement:
            services.panel_member_replace(
                member_id=member.pk,
                expert_id=int(replacement),
                actor=request.user,
                reason=request.POST.get("reason", ""),
            )
        else:
            services.panel_member_recuse(
                member_id=member.pk, actor=request.user, reason=request.POST.get("reason", "")
            )
    except (DomainError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
    else:
        messages.success(request, _("The recusal has been recorded."))
    if member.expert.user_id == request.user.pk:
        return redirect("evaluation:my_tasks")
    return redirect(member.evaluation)


def results_context(evaluation: Evaluation) -> dict:
    results = (
        evaluation.results
        if evaluation.state not in (Evaluation.State.SCORING,) and evaluation.results
        else evaluation_results(evaluation)
    )
    dimensions = results["dimensions"]
    radar = radar_chart(
        [d["name"] for d in dimensions],
        [("专家组", [d["score"] or 0 for d in dimensions])]
        + [
            (e["expert"], [e["dimensions"].get(d["code"]) or 0 for d in dimensions])
            for e in results["experts"]
        ],
        max_value=100,
        size=300,
    )
    from evaluation.models import SwotEntry
    from evaluation.templatetags.evaluation_tags import tally

    consolidated = swot_grid(evaluation, consolidated=True)
    has_consolidated = any(consolidated.values())
    grid = consolidated if has_consolidated else swot_grid(evaluation, consolidated=False)
    swot_rows = [(code, label, tally(grid.get(code, []))) for code, label in SwotEntry.Quadrant.choices]
    return {"results": results, "radar": radar, "swot_rows": swot_rows, "has_consolidated": has_consolidated}


@staff_required
def evaluation_results_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _visible(request, pk)
    context = {"evaluation": evaluation, "achievement": evaluation.achievement, **results_context(evaluation)}
    return render(request, "evaluation/evaluation_results.html", context)


@staff_required
def evaluation_conclusion_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _visible(request, pk)
    form = ConclusionForm(request.POST or None, instance=evaluation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        attendees = list(data.pop("meeting_attendees") or [])
        swot = form.swot()
        for key in list(data):
            if key.startswith("swot_"):
                data.pop(key)
        try:
            services.evaluation_conclusion_save(
                evaluation_id=evaluation.pk, actor=request.user, attendees=attendees, **data
            )
            services.swot_consolidated_save(evaluation_id=evaluation.pk, actor=request.user, entries=swot)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The conclusion has been saved."))
            return redirect(evaluation)
    expert_swot = swot_grid(evaluation, consolidated=False)
    return render(
        request,
        "evaluation/evaluation_conclusion.html",
        {
            "form": form,
            "evaluation": evaluation,
            "achievement": evaluation.achievement,
            "expert_swot": expert_swot,
            "results": evaluation.results or None,
        },
    )


@staff_required
@require_POST
def evaluation_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _visible(request, pk)
    try:
        report = evaluation_report_request(evaluation_id=evaluation.pk, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(evaluation)
    return redirect(report)


def supplement_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The holder's page while supplementary materials are requested: reasons, upload, report done."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    evaluation = Evaluation.objects.select_related("achievement").filter(pk=pk).first()
    if evaluation is None or not (
        evaluation.achievement.holder_id == request.user.pk
        or request.user.has_perm("evaluation.manage_evaluation", evaluation)
    ):
        raise Http404
    if request.method == "POST":
        require_perm(request.user, "evaluation.supplement_materials", evaluation)
        try:
            services.supplement_submit(
                evaluation_id=evaluation.pk, actor=request.user, note=request.POST.get("note", "")
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Thank you. The work group has been told that the materials are complete.")
            )
            return redirect(evaluation.achievement)
    audit = evaluation.audits.filter(result=MaterialAudit.Result.INCOMPLETE).first()
    return render(
        request,
        "evaluation/supplement.html",
        {
            "evaluation": evaluation,
            "achievement": evaluation.achievement,
            "audit": audit,
            "files": attachments_for(evaluation),
            "can_submit": request.user.has_perm("evaluation.supplement_materials", evaluation),
        },
    )
