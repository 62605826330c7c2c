"""The evaluator's side: my tasks, the declaration, the materials, the score sheet with autosave."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluation.forms import DeclarationForm
from evaluation.models import Evaluation, PanelMember, ScoreSheet, SwotEntry
from evaluation.selectors.indicators import indicator_tree, indicators_with_levels
from evaluation.selectors.panels import tasks_for_expert
from evaluation.services import evaluations as services
from evaluation.services.reports import score_sheet_pdf_request
from evaluation.services.scoring import score_sheet_reopen, score_sheet_save, score_sheet_submit, sheet_state
from platform_core.attachments.selectors import attachments_for
from platform_core.errors import DomainError

from .common import client_ip, error_json, json_body


@login_required
def my_tasks_view(request: HttpRequest) -> HttpResponse:
    tasks = list(tasks_for_expert(request.user))
    done = (
        PanelMember.objects.filter(
            expert__user=request.user, evaluation__state__in=Evaluation.FINISHED_STATES
        )
        .exclude(state=PanelMember.State.RECUSED)
        .select_related("evaluation__achievement", "sheet")
        .order_by("-evaluation__closed_at")[:20]
    )
    return render(request, "evaluation/my_tasks.html", {"tasks": tasks, "done": done})


def _own_member(request: HttpRequest, pk: int) -> PanelMember:
    member = (
        PanelMember.objects.select_related("evaluation__achievement", "expert__user", "expert__organization")
        .filter(pk=pk)
        .first()
    )
    if member is None or member.expert.user_id != request.user.pk:
        raise Http404
    return member


@login_required
def declaration_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = _own_member(request, pk)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.declaration_sign(
                member_id=member.pk,
                actor=request.user,
                full_name=form.cleaned_data["full_name"],
                agreed=form.cleaned_data["agreed"],
                ip_address=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Declaration signed. The materials are now available."))
            return redirect("evaluation:materials", member.evaluation_id)
    return render(
        request,
        "evaluation/declaration.html",
        {
            "member": member,
            "evaluation": member.evaluation,
            "form": form,
            "statement": services.DECLARATION_TEXT,
            "declaration": getattr(member, "declaration", None)
            if member.state == PanelMember.State.ACTIVE
            else None,
        },
    )


@login_required
def materials_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The achievement's materials for the panel: 404 for outsiders, 403 until the declaration is signed."""
    evaluation = (
        Evaluation.objects.select_related(
            "achievement__holder",
            "achievement__organization",
            "achievement__achievement_type",
            "achievement__technical_field",
        )
        .filter(pk=pk)
        .first()
    )
    if evaluation is None or not request.user.has_perm("evaluation.view_evaluation", evaluation):
        raise Http404
    if not request.user.has_perm("evaluation.view_materials", evaluation):
        raise PermissionDenied(_("Sign the conflict-of-interest declaration first."))
    achievement = evaluation.achievement
    member = (
        evaluation.panel_members.filter(expert__user=request.user)
        .exclude(state="recused")
        .select_related("sheet")
        .first()
    )
    return render(
        request,
        "evaluation/materials.html",
        {
            "evaluation": evaluation,
            "achievement": achievement,
            "materials": attachments_for(achievement),
            "supplements": attachments_for(evaluation),
            "team": achievement.team_members.all(),
            "parameters": achievement.technical_parameters.all(),
            "member": member,
        },
    )


def _visible_sheet(request: HttpRequest, pk: int) -> ScoreSheet:
    sheet = (
        ScoreSheet.objects.select_related(
            "panel_member__evaluation__achievement",
            "panel_member__evaluation__indicator_system",
            "panel_member__evaluation__trl_scale",
            "panel_member__expert__user",
        )
        .filter(pk=pk)
        .first()
    )
    if sheet is None:
        raise Http404
    evaluation = sheet.panel_member.evaluation
    if not request.user.has_perm("evaluation.view_sheet", sheet):
        if request.user.has_perm("evaluation.view_evaluation", evaluation):
            raise PermissionDenied(_("Other experts' sheets are visible once your own sheet is submitted."))
        raise Http404
    return sheet


def _leaves_with_paths(top, path=None):
    """The leaves under ``top`` with the names of the intermediate nodes (sub-indicator paths)."""
    path = path or []
    out = []
    for child in top.children:
        if child.is_leaf:
            out.append((child, path))
        else:
            out.extend(_leaves_with_paths(child, [*path, child.indicator.name]))
    return out or ([(top, path)] if top.is_leaf else [])


@login_required
def sheet_view(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _visible_sheet(request, pk)
    member = sheet.panel_member
    evaluation = member.evaluation
    own = member.expert.user_id == request.user.pk
    editable = (
        own
        and sheet.state == ScoreSheet.State.DRAFT
        and evaluation.state == Evaluation.State.SCORING
        and member.state == PanelMember.State.ACTIVE
    )
    tree = indicator_tree(
        evaluation.indicator_system, list(indicators_with_levels(evaluation.indicator_system))
    )
    scores = {s.indicator_id: s for s in sheet.scores.all()}
    dimensions = [
        {
            "node": dim,
            "leaves": [
                {"node": node, "path": path, "score": scores.get(node.pk)}
                for node, path in _leaves_with_paths(dim)
            ],
        }
        for dim in tree.roots
    ]
    swot = {q: [] for q in SwotEntry.Quadrant.values}
    for entry in sheet.swot_entries.all():
        swot[entry.quadrant].append(entry.text)
    others = []
    if own and sheet.state == ScoreSheet.State.SUBMITTED:
        others = [
            s
            for s in ScoreSheet.objects.filter(panel_member__evaluation=evaluation)
            .exclude(pk=sheet.pk)
            .select_related("panel_member__expert__user")
            if request.user.has_perm("evaluation.view_sheet", s)
        ]
    return render(
        request,
        "evaluation/sheet.html",
        {
            "sheet": sheet,
            "member": member,
            "evaluation": evaluation,
            "achievement": evaluation.achievement,
            "dimensions": dimensions,
            "swot": [(q, label, "\n".join(swot[q])) for q, label in SwotEntry.Quadrant.choices],
            "trl_levels": list(evaluation.trl_scale.levels.all()),
            "editable": editable,
            "own": own,
            "score_max": evaluation.indicator_system.score_max,
            "state": sheet_state(sheet),
            "others": others,
            "can_reopen": request.user.has_perm("evaluation.manage_evaluation", evaluation)
            and sheet.state == ScoreSheet.State.SUBMITTED
            and evaluation.state == Evaluation.State.SCORING,
        },
    )


@require_POST
def sheet_save_view(request: HttpRequest, pk: int) -> JsonResponse:
    """The autosave endpoint (fetch from evaluation/static/evaluation/scoresheet.js): 200 with the new
    version, 409 with the current values when the sheet changed elsewhere, 400 on bad input."""
    if not request.user.is_authenticated:
        return JsonResponse({"code": "not_authenticated", "detail": _("Log in first.")}, status=401)
    try:
        sheet = _visible_sheet(request, pk)
        payload = json_body(request)
        kwargs = {
            "sheet_id": sheet.pk,
            "actor": request.user,
            "version": payload.get("version"),
            "scores": payload.get("scores") or {},
        }
        for key in ("swot", "trl_evidence", "overall_comment"):
            if key in payload:
                kwargs[key] = payload[key]
        for key in ("trl_level", "recommend"):
            if key in payload:
                kwargs[key] = payload[key]
        if not isinstance(kwargs["scores"], dict):
            from platform_core.errors import ValidationFailed

            raise ValidationFailed(_("Each score must be an object."), code="bad_score")
        saved = score_sheet_save(**kwargs)
    except DomainError as exc:
        return error_json(exc)
    except (Http404, PermissionDenied) as exc:
        status = 404 if isinstance(exc, Http404) else 403
        return JsonResponse(
            {"code": "forbidden" if status == 403 else "not_found", "detail": str(exc)}, status=status
        )
    return JsonResponse(
        {
            "version": saved.version,
            "weighted_total": str(saved.weighted_total) if saved.weighted_total is not None else None,
            "saved_at": saved.updated_at.isoformat(),
        }
    )


@login_required
@require_POST
def sheet_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _visible_sheet(request, pk)
    try:
        score_sheet_submit(sheet_id=sheet.pk, actor=request.user, version=request.POST.get("version") or None)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your score sheet has been submitted and locked."))
    return redirect("evaluation:sheet", sheet.pk)


@login_required
@require_POST
def sheet_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _visible_sheet(request, pk)
    try:
        score_sheet_reopen(sheet_id=sheet.pk, actor=request.user, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The sheet has been returned to the expert."))
    return redirect("evaluation:sheet", sheet.pk)


@login_required
@require_POST
def sheet_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _visible_sheet(request, pk)
    try:
        report = score_sheet_pdf_request(sheet_id=sheet.pk, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("evaluation:sheet", sheet.pk)
    return redirect(report)
