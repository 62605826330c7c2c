"""Indicator systems (tree, weights, AHP), TRL scales and Delphi rounds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluation import ahp
from evaluation.forms import DelphiRoundForm, IndicatorForm, TrlLevelFormSet, TrlScaleForm
from evaluation.models import (
    ComparisonMatrix,
    DelphiResponse,
    DelphiRound,
    Indicator,
    IndicatorSystem,
    TrlScale,
)
from evaluation.selectors.delphi import (
    own_response,
    previous_round,
    ratings_by_indicator,
    round_indicators,
    round_statistics,
)
from evaluation.selectors.indicators import (
    indicator_tree,
    indicators_with_levels,
    system_list,
    weight_problems,
)
from evaluation.services import delphi_rounds
from evaluation.services import indicators as services
from platform_core.errors import DomainError
from platform_core.permissions import staff_required
from platform_core.workflow.engine import transition, workflow_for

from .common import labelled_history, paginate


@staff_required
def system_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluation/system_list.html", {"page": paginate(request, system_list())})


@staff_required
def system_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    system = get_object_or_404(IndicatorSystem, pk=pk)
    tree = indicator_tree(system, list(indicators_with_levels(system)))
    matrices = list(
        ComparisonMatrix.objects.filter(system=system)
        .select_related("parent", "expert", "created_by")
        .order_by("-created_at")[:30]
    )
    names = {n.pk: n.indicator.name for n in tree.flat()}
    for m in matrices:
        m.item_names = [names.get(i, "?") for i in m.items]
    parents = [(None, _("Dimensions"))] + [(n.pk, n.indicator.name) for n in tree.flat() if n.children]
    return render(
        request,
        "evaluation/system_detail.html",
        {
            "system": system,
            "nodes": tree.flat(),
            "roots": tree.roots,
            "problems": weight_problems(system),
            "matrices": matrices,
            "parents": parents,
            "transitions": workflow_for(system).available(system, request.user),
            "logs": labelled_history(system),
            "rounds": system.delphi_rounds.all(),
        },
    )


@staff_required
@require_POST
def system_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    system = get_object_or_404(IndicatorSystem, pk=pk)
    try:
        transition(
            IndicatorSystem,
            system.pk,
            action=request.POST.get("action", ""),
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(system)


@staff_required
@require_POST
def system_version_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        copy = services.indicator_system_new_version(system_id=pk, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("evaluation:system_detail", pk)
    messages.success(request, _("Version %(v)d created as a draft.") % {"v": copy.version})
    return redirect(copy)


@staff_required
@require_POST
def system_weights_view(request: HttpRequest, pk: int) -> HttpResponse:
    system = get_object_or_404(IndicatorSystem, pk=pk)
    weights = {
        int(k.split("_", 1)[1]): v for k, v in request.POST.items() if k.startswith("w_") and v.strip()
    }
    try:
        services.indicator_weights_set(system_id=system.pk, actor=request.user, weights=weights)
    except (DomainError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
    else:
        messages.success(request, _("Weights saved (siblings normalised to 1)."))
    return redirect(system)


@staff_required
def indicator_edit_view(request: HttpRequest, pk: int, indicator_id: int | None = None) -> HttpResponse:
    system = get_object_or_404(IndicatorSystem, pk=pk)
    indicator = get_object_or_404(Indicator, pk=indicator_id, system=system) if indicator_id else None
    parent_id = request.GET.get("parent") or request.POST.get("parent") or None
    initial = {}
    if indicator:
        initial = {
            "name": indicator.name,
            "code": indicator.code,
            "clause": indicator.clause,
            "description": indicator.description,
            "levels": "\n".join(
                f"{lv.min_score}-{lv.max_score} {lv.label} {lv.description}" for lv in indicator.levels.all()
            ),
        }
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if indicator:
                services.indicator_update(
                    indicator_id=indicator.pk,
                    actor=request.user,
                    name=data["name"],
                    code=data["code"],
                    clause=data["clause"],
                    description=data["description"],
                )
            else:
                indicator = services.indicator_create(
                    system_id=system.pk,
                    actor=request.user,
                    parent_id=int(parent_id) if parent_id else None,
                    name=data["name"],
                    code=data["code"],
                    clause=data["clause"],
                    description=data["description"],
                )
            if data["levels"] or indicator.levels.exists():
                services.indicator_levels_set(
                    indicator_id=indicator.pk, actor=request.user, levels=data["levels"]
                )
        except DomainError as exc:
            form.add_error(None, exc.message)
        except Exception as exc:  # noqa: BLE001 - model validation (e.g. duplicate code) shown on the form
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect(system)
    return render(
        request,
        "evaluation/indicator_form.html",
        {"system": system, "indicator": indicator, "form": form, "parent_id": parent_id},
    )


@staff_required
@require_POST
def indicator_delete_view(request: HttpRequest, pk: int, indicator_id: int) -> HttpResponse:
    try:
        services.indicator_delete(indicator_id=indicator_id, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("evaluation:system_detail", pk)


@staff_required
def matrix_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter a pairwise comparison matrix (upper triangle) for the children of one node."""
    system = get_object_or_404(IndicatorSystem, pk=pk)
    parent_id = request.GET.get("parent") or request.POST.get("parent") or None
    parent_id = int(parent_id) if parent_id else None
    children = services.matrix_children(system, parent_id)
    parent = Indicator.objects.filter(pk=parent_id, system=system).first() if parent_id else None
    if parent_id and parent is None:
        raise Http404
    error = None
    values = {}
    if request.method == "POST":
        values = {k[2:]: v for k, v in request.POST.items() if k.startswith("m_")}
        try:
            matrix = services.comparison_matrix_save(
                system_id=system.pk,
                actor=request.user,
                parent_id=parent_id,
                values=values,
                note=request.POST.get("note", ""),
            )
        except DomainError as exc:
            error = exc.message
        else:
            if matrix.consistent:
                messages.success(request, _("Matrix saved: CR = %(cr).3f (consistent).") % {"cr": matrix.cr})
            else:
                messages.warning(
                    request,
                    _("Matrix saved: CR = %(cr).3f ≥ 0.10, it cannot be adopted.") % {"cr": matrix.cr},
                )
            return redirect(system)
    n = len(children)
    rows = []
    for i, a in enumerate(children):
        cells = []
        for j in range(n):
            key = f"{i},{j}"
            cells.append({"key": key, "i": i, "j": j, "value": values.get(key, "1")})
        rows.append({"indicator": a, "cells": cells})
    scale = [ahp.format_value(v) for v in sorted(ahp.SAATY_VALUES, reverse=True)]
    return render(
        request,
        "evaluation/matrix_form.html",
        {
            "system": system,
            "parent": parent,
            "children": children,
            "rows": rows,
            "error": error,
            "scale": scale,
            "parent_id": parent_id,
        },
    )


@staff_required
@require_POST
def matrix_adopt_view(request: HttpRequest, pk: int) -> HttpResponse:
    matrix = get_object_or_404(ComparisonMatrix, pk=pk)
    try:
        services.comparison_matrix_adopt(matrix_id=matrix.pk, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The AHP weights have been adopted."))
    return redirect(matrix.system)


@staff_required
@require_POST
def matrix_aggregate_view(request: HttpRequest, pk: int) -> HttpResponse:
    system = get_object_or_404(IndicatorSystem, pk=pk)
    ids = [int(i) for i in request.POST.getlist("matrix") if i.isdigit()]
    matrices = ComparisonMatrix.objects.filter(pk__in=ids, system=system)
    parent_ids = {m.parent_id for m in matrices}
    try:
        if len(parent_ids) != 1:
            from platform_core.errors import ValidationFailed

            raise ValidationFailed(_("Choose at least two matrices of the same node."))
        matrix = services.comparison_matrix_aggregate(
            system_id=system.pk, actor=request.user, matrix_ids=ids, parent_id=parent_ids.pop()
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Geometric-mean matrix created: CR = %(cr).3f.") % {"cr": matrix.cr})
    return redirect(system)


# --- TRL scales ---------------------------------------------------------------------------------


@staff_required
def trl_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "evaluation/trl_list.html", {"scales": TrlScale.objects.prefetch_related("levels")}
    )


@staff_required
def trl_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    scale = get_object_or_404(TrlScale, pk=pk)
    form = TrlScaleForm(request.POST or None, instance=scale)
    formset = TrlLevelFormSet(request.POST or None, instance=scale)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        form.save()
        formset.save()
        messages.success(request, _("Saved."))
        return redirect("evaluation:trl_list")
    return render(request, "evaluation/trl_form.html", {"scale": scale, "form": form, "formset": formset})


# --- Delphi ------------------------------------------------------------------------------------


@login_required
def delphi_list_view(request: HttpRequest) -> HttpResponse:
    if request.user.has_perm("evaluation.manage_indicator_systems"):
        rounds = DelphiRound.objects.select_related("system").order_by("-created_at")
    else:
        rounds = (
            DelphiRound.objects.filter(experts=request.user).select_related("system").order_by("-created_at")
        )
    return render(request, "evaluation/delphi_list.html", {"page": paginate(request, rounds)})


@staff_required
def delphi_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    system = get_object_or_404(IndicatorSystem, pk=pk)
    form = DelphiRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            delphi_round = delphi_rounds.delphi_round_create(
                system_id=system.pk, actor=request.user, experts=list(data.pop("experts")), **data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(delphi_round)
    return render(request, "evaluation/delphi_form.html", {"system": system, "form": form})


def _visible_round(request: HttpRequest, pk: int) -> DelphiRound:
    delphi_round = DelphiRound.objects.select_related("system").filter(pk=pk).first()
    if delphi_round is None or not request.user.has_perm("evaluation.view_delphi_round", delphi_round):
        raise Http404
    return delphi_round


@login_required
def delphi_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    delphi_round = _visible_round(request, pk)
    is_staff = request.user.has_perm("evaluation.manage_indicator_systems")
    stats = (
        delphi_round.results
        if delphi_round.state == DelphiRound.State.CLOSED and delphi_round.results
        else None
    )
    if is_staff and stats is None:
        stats = round_statistics(delphi_round)
    previous = previous_round(delphi_round)
    prev_stats = {row["id"]: row for row in (previous.results.get("indicators", []) if previous else [])}
    prev_by_code = {row["code"]: row for row in prev_stats.values()}
    response = own_response(delphi_round, request.user)
    ratings = ratings_by_indicator(response)
    indicators = [
        {"indicator": i, "rating": ratings.get(i.pk), "previous": prev_by_code.get(i.code)}
        for i in round_indicators(delphi_round)
    ]
    can_answer = (
        request.user.has_perm("evaluation.answer_delphi_round", delphi_round)
        and delphi_round.state == "open"
        and not (response and response.submitted_at)
    )
    if request.method == "POST" and can_answer:
        ratings_in = {
            i["indicator"].pk: {
                "score": request.POST.get(f"r_{i['indicator'].pk}"),
                "comment": request.POST.get(f"c_{i['indicator'].pk}", ""),
            }
            for i in indicators
            if request.POST.get(f"r_{i['indicator'].pk}")
        }
        try:
            delphi_rounds.delphi_response_save(
                round_id=delphi_round.pk,
                actor=request.user,
                ratings=ratings_in,
                familiarity=request.POST.get("familiarity", ""),
                basis={
                    k: request.POST.get(f"basis_{k}", "medium")
                    for k in ("theory", "practice", "peers", "intuition")
                },
                comment=request.POST.get("comment", ""),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you: your questionnaire has been submitted."))
            return redirect(delphi_round)
    return render(
        request,
        "evaluation/delphi_detail.html",
        {
            "round": delphi_round,
            "is_staff": is_staff,
            "stats": stats,
            "previous": previous,
            "indicators": indicators,
            "response": response,
            "can_answer": can_answer,
            "scores": range(1, delphi_round.full_score + 1),
            "familiarity": DelphiResponse.Familiarity.choices,
            "influence": DelphiResponse.Influence.choices,
            "bases": [
                ("theory", _("theoretical analysis")),
                ("practice", _("practical experience")),
                ("peers", _("knowledge of peers at home and abroad")),
                ("intuition", _("intuition")),
            ],
            "logs": labelled_history(delphi_round) if is_staff else [],
        },
    )


@staff_required
@require_POST
def delphi_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    delphi_round = get_object_or_404(DelphiRound, pk=pk)
    try:
        if action == "close":
            delphi_rounds.delphi_round_close(round_id=pk, actor=request.user)
        elif action == "next":
            nxt = delphi_rounds.delphi_round_next(round_id=pk, actor=request.user)
            return redirect(nxt)
        elif action == "adopt":
            system = delphi_rounds.delphi_round_adopt(round_id=pk, actor=request.user)
            messages.success(
                request, _("Version %(v)d created with the Delphi weights (draft).") % {"v": system.version}
            )
            return redirect(system)
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(delphi_round)
