"""The expert pool (专家库): list with filters, create/edit, detail with declared relations and history."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluation.forms import ExpertFilterForm, ExpertForm, RelationForm
from evaluation.models import Expert, ExpertRelation, PanelMember
from evaluation.selectors.panels import expert_list, load_cap
from platform_core.permissions import staff_required

from .common import paginate, sort_queryset

SORTS = {
    "name": "user__display_name",
    "role": "panel_role",
    "sector": "sector",
    "load": "load",
    "org": "organization__name",
}


@staff_required
def expert_list_view(request: HttpRequest) -> HttpResponse:
    form = ExpertFilterForm(request.GET or None)
    qs = expert_list()
    if form.is_valid():
        data = form.cleaned_data
        if data.get("q"):
            q = data["q"]
            qs = qs.filter(
                Q(user__display_name__icontains=q)
                | Q(user__username__icontains=q)
                | Q(organization__name__icontains=q)
                | Q(discipline__icontains=q)
                | Q(expertise__icontains=q)
            )
        if data.get("panel_role"):
            qs = qs.filter(panel_role=data["panel_role"])
        if data.get("sector"):
            qs = qs.filter(sector=data["sector"])
    qs, sort = sort_queryset(request, qs, SORTS, "role")
    return render(
        request, "evaluation/expert_list.html", {"page": paginate(request, qs), "form": form, "sort": sort}
    )


@staff_required
def expert_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    expert = get_object_or_404(Expert, pk=pk) if pk else None
    form = ExpertForm(request.POST or None, instance=expert)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if saved.organization_id is None:
            saved.organization = saved.user.organization
        saved.full_clean()
        saved.save()
        messages.success(request, _("Saved."))
        return redirect(saved)
    return render(request, "evaluation/expert_form.html", {"form": form, "expert": expert})


@staff_required
def expert_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    expert = get_object_or_404(Expert.objects.select_related("user", "organization"), pk=pk)
    form = RelationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        relation = ExpertRelation(expert=expert, **form.cleaned_data)
        relation.full_clean()
        relation.save()
        messages.success(
            request, _("The relation has been recorded; it is checked for conflicts of interest.")
        )
        return redirect(expert)
    memberships = (
        PanelMember.objects.filter(expert=expert)
        .select_related("evaluation__achievement")
        .order_by("-assigned_at")[:50]
    )
    return render(
        request,
        "evaluation/expert_detail.html",
        {
            "expert": expert,
            "relations": expert.relations.select_related("organization"),
            "form": form,
            "memberships": memberships,
            "cap": load_cap(expert),
        },
    )


@staff_required
@require_POST
def relation_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    relation = get_object_or_404(ExpertRelation, pk=pk)
    expert = relation.expert
    relation.delete()
    return redirect(expert)
