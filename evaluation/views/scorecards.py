"""HTML of the generic points scorecard engine: evaluations, the score-sheet screen, autosave, submit."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from evaluation import scorecards as engine
from evaluation.models import ScorecardEvaluation, ScorecardSheet, ScorecardTemplate
from platform_core.errors import DomainError
from platform_core.permissions import staff_required
from platform_core.workflow.engine import transition, workflow_for

from .common import error_json, json_body, labelled_history, paginate


class ScorecardEvaluationForm(forms.Form):
    template = forms.ModelChoiceField(
        label=gettext_lazy("scorecard template"), queryset=ScorecardTemplate.objects.filter(is_active=True)
    )
    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    members = forms.ModelMultipleChoiceField(
        label=gettext_lazy("member"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
    )
    due_date = forms.DateField(
        label=gettext_lazy("due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.widget.attrs.setdefault(
                "class",
                "form-select"
                if isinstance(f.widget, forms.Select | forms.SelectMultiple)
                else "form-control",
            )
        self.fields["members"].widget.attrs["size"] = 6


@login_required
def scorecard_list_view(request: HttpRequest) -> HttpResponse:
    qs = ScorecardEvaluation.objects.select_related("template").order_by("-created_at")
    if not request.user.has_perm("evaluation.manage_scorecards"):
        qs = qs.filter(sheets__member=request.user).distinct()
    return render(
        request,
        "evaluation/scorecard_list.html",
        {
            "page": paginate(request, qs),
            "templates": ScorecardTemplate.objects.filter(is_active=True),
            "is_staff": request.user.has_perm("evaluation.manage_scorecards"),
        },
    )


@staff_required
def scorecard_create_view(request: HttpRequest) -> HttpResponse:
    form = ScorecardEvaluationForm(request.POST or None, initial={"template": request.GET.get("template")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        evaluation = engine.scorecard_evaluation_create(
            template=data["template"],
            title=data["title"],
            members=list(data["members"]),
            actor=request.user,
            due_date=data["due_date"],
        )
        return redirect(evaluation)
    return render(request, "evaluation/scorecard_form.html", {"form": form})


def _visible_card(request: HttpRequest, pk: int) -> ScorecardEvaluation:
    evaluation = (
        ScorecardEvaluation.objects.select_related("template")
        .prefetch_related("sheets")
        .filter(pk=pk)
        .first()
    )
    if evaluation is None or not request.user.has_perm("evaluation.view_scorecard_evaluation", evaluation):
        raise Http404
    return evaluation


@login_required
def scorecard_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _visible_card(request, pk)
    sheets = list(evaluation.sheets.select_related("member").order_by("id"))
    is_staff = request.user.has_perm("evaluation.manage_scorecards")
    result = engine.scorecard_result(evaluation) if is_staff else None
    roots, children = engine.tree_of(evaluation.template.criteria.all())
    rows = []

    def walk(nodes, depth):
        for node in nodes:
            rows.append(
                {
                    "c": node,
                    "depth": depth,
                    "mean": result["criterion_means"].get(node.pk) if result else None,
                }
            )
            walk(children.get(node.pk, []), depth + 1)

    walk(roots, 0)
    return render(
        request,
        "evaluation/scorecard_detail.html",
        {
            "evaluation": evaluation,
            "sheets": sheets,
            "is_staff": is_staff,
            "result": result,
            "rows": rows,
            "own": next((s for s in sheets if s.member_id == request.user.pk), None),
            "transitions": workflow_for(evaluation).available(evaluation, request.user),
            "logs": labelled_history(evaluation),
        },
    )


@staff_required
@require_POST
def scorecard_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _visible_card(request, pk)
    action = request.POST.get("action", "")
    try:
        if action == "close":
            engine.scorecard_evaluation_close(evaluation_id=evaluation.pk, actor=request.user)
        else:
            transition(
                ScorecardEvaluation,
                evaluation.pk,
                action=action,
                actor=request.user,
                reason=request.POST.get("reason", ""),
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(evaluation)


def _visible_card_sheet(request: HttpRequest, pk: int) -> ScorecardSheet:
    sheet = ScorecardSheet.objects.select_related("evaluation__template", "member").filter(pk=pk).first()
    if sheet is None:
        raise Http404
    if not request.user.has_perm("evaluation.view_scorecard_sheet", sheet):
        if request.user.has_perm("evaluation.view_scorecard_evaluation", sheet.evaluation):
            raise PermissionDenied(_("Other members' sheets are visible once your own sheet is submitted."))
        raise Http404
    return sheet


def _criteria_leaves(top, children, path=None):
    path = path or []
    kids = children.get(top.pk, [])
    if not kids:
        return [(top, path)]
    out = []
    for kid in kids:
        out.extend(_criteria_leaves(kid, children, path if not children.get(kid.pk) else [*path, kid.title]))
    return out


@login_required
def scorecard_sheet_view(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _visible_card_sheet(request, pk)
    evaluation = sheet.evaluation
    template = evaluation.template
    roots, children = engine.tree_of(template.criteria.all())
    scores = {s.criterion_id: s for s in sheet.scores.all()}
    sections = [
        {
            "root": root,
            "items": [
                {"c": c, "path": path, "score": scores.get(c.pk)}
                for c, path in _criteria_leaves(root, children)
            ],
        }
        for root in roots
    ]
    own = sheet.member_id == request.user.pk
    editable = (
        own
        and sheet.state == ScorecardSheet.State.DRAFT
        and evaluation.state == ScorecardEvaluation.State.SCORING
    )
    return render(
        request,
        "evaluation/scorecard_sheet.html",
        {
            "sheet": sheet,
            "evaluation": evaluation,
            "template": template,
            "sections": sections,
            "editable": editable,
            "own": own,
            "state": engine.sheet_state(sheet),
        },
    )


@require_POST
def scorecard_sheet_save_view(request: HttpRequest, pk: int) -> JsonResponse:
    if not request.user.is_authenticated:
        return JsonResponse({"code": "not_authenticated", "detail": _("Log in first.")}, status=401)
    try:
        sheet = _visible_card_sheet(request, pk)
        payload = json_body(request)
        scores = payload.get("scores") or {}
        if not isinstance(scores, dict):
            from platform_core.errors import ValidationFailed

            raise ValidationFailed(_("Each score must be an object."), code="bad_score")
        saved = engine.scorecard_sheet_save(
            sheet_id=sheet.pk,
            actor=request.user,
            version=payload.get("version") or 0,
            scores={k: v for k, v in scores.items() if isinstance(v, dict)},
            comment=payload.get("overall_comment"),
        )
    except DomainError as exc:
        return error_json(exc)
    except (Http404, PermissionDenied) as exc:
        status = 404 if isinstance(exc, Http404) else 403
        return JsonResponse(
            {"code": "not_found" if status == 404 else "forbidden", "detail": str(exc)}, status=status
        )
    return JsonResponse(
        {
            "version": saved.version,
            "weighted_total": str(saved.total) if saved.total is not None else None,
            "saved_at": saved.updated_at.isoformat(),
        }
    )


@login_required
@require_POST
def scorecard_sheet_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _visible_card_sheet(request, pk)
    try:
        engine.scorecard_sheet_submit(sheet_id=sheet.pk, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your score sheet has been submitted and locked."))
    return redirect("evaluation:scorecard_sheet", sheet.pk)
