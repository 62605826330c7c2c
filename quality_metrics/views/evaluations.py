"""Platform evaluation (平台评价, 003), service-star evaluation (004) and the periodic quality reports."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluation.models import ScorecardTemplate
from platform_core.errors import DomainError, ValidationFailed
from platform_core.permissions import get_visible_or_404, require_perm, role_required, staff_required
from platform_core.workflow.engine import workflow_for

from .. import periods
from ..forms import (
    ConclusionsForm,
    IssueReportForm,
    PanelMemberForm,
    PlatformEvaluationForm,
    ServiceStarForm,
    StarMembersForm,
    SuggestionForm,
    TriggerForm,
)
from ..models import EvaluationTrigger, PanelMember, PlatformEvaluation, QualityReport, ServiceStarEvaluation
from ..services import platform_evaluation as svc
from ..services import service_star as star_svc
from .actions import _logs
from .common import paginate


@staff_required
def evaluation_list(request: HttpRequest) -> HttpResponse:
    qs = PlatformEvaluation.objects.select_related("trigger").order_by("-year", "-created_at")
    triggers = EvaluationTrigger.objects.select_related("recorded_by").order_by("-occurred_on")[:20]
    return render(
        request,
        "quality_metrics/evaluation_list.html",
        {
            "page": paginate(request, qs),
            "triggers": triggers,
            "started": set(
                PlatformEvaluation.objects.exclude(trigger=None).values_list("trigger_id", flat=True)
            ),
            "trigger_form": TriggerForm(),
        },
    )


@staff_required
def evaluation_new(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "quality_metrics.manage_platform_evaluation")
    form = PlatformEvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        evaluation = svc.platform_evaluation_create(actor=request.user, **form.cleaned_data)
        return redirect(evaluation.get_absolute_url())
    return render(
        request,
        "quality_metrics/form_page.html",
        {"form": form, "title": _("New platform evaluation"), "back": "quality_metrics:evaluation_list"},
    )


@staff_required
@require_POST
def trigger_new(request: HttpRequest) -> HttpResponse:
    form = TriggerForm(request.POST)
    if form.is_valid():
        svc.trigger_record(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The event has been recorded. Start a re-evaluation from it when ready."))
    else:
        messages.error(request, _("Please correct the event's fields."))
    return redirect("quality_metrics:evaluation_list")


@staff_required
@require_POST
def trigger_start(request: HttpRequest, pk: int) -> HttpResponse:
    trigger = get_object_or_404(EvaluationTrigger, pk=pk)
    try:
        evaluation = svc.evaluation_from_trigger(trigger_id=trigger.pk, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("quality_metrics:evaluation_list")
    return redirect(evaluation.get_absolute_url())


def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    evaluation = get_visible_or_404(
        PlatformEvaluation.objects.select_related("scorecard", "report", "trigger"),
        user=request.user,
        perm="quality_metrics.view_platform_evaluation",
        pk=pk,
    )
    manage = request.user.has_perm("quality_metrics.manage_platform_evaluation", evaluation)
    panel = list(evaluation.panel.select_related("user"))
    sheets = {}
    if evaluation.scorecard_id:
        sheets = {s.member_id: s for s in evaluation.scorecard.sheets.all()}
    for member in panel:
        member.sheet = sheets.get(member.user_id)
    return render(
        request,
        "quality_metrics/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "panel": panel,
            "problems": svc.panel_problems(evaluation) if evaluation.state == "preparing" else [],
            "manage": manage,
            "transitions": workflow_for(evaluation).available(evaluation, request.user) if manage else [],
            "member_form": PanelMemberForm(),
            "conclusions_form": ConclusionsForm(
                initial={"overall_situation": evaluation.overall_situation, "problems": evaluation.problems}
            ),
            "suggestion_form": SuggestionForm(),
            "issue_form": IssueReportForm(),
            "suggestions": evaluation.suggestions.select_related("action"),
            "my_sheet": sheets.get(request.user.pk),
            "logs": _logs(evaluation),
        },
    )


def _managed(request: HttpRequest, pk: int) -> PlatformEvaluation:
    evaluation = get_visible_or_404(
        PlatformEvaluation.objects.all(),
        user=request.user,
        perm="quality_metrics.view_platform_evaluation",
        pk=pk,
    )
    require_perm(request.user, "quality_metrics.manage_platform_evaluation", evaluation)
    return evaluation


@require_POST
def evaluation_panel_add(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _managed(request, pk)
    form = PanelMemberForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        user = data.pop("user")
        try:
            svc.panel_member_add(evaluation_id=evaluation.pk, actor=request.user, user=user, **data)
            messages.success(request, _("%(name)s joined the panel.") % {"name": user})
        except DomainError as exc:
            messages.error(request, str(exc.message))
    else:
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(evaluation.get_absolute_url())


@require_POST
def evaluation_panel_remove(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    evaluation = _managed(request, pk)
    member = get_object_or_404(PanelMember, pk=member_id, evaluation=evaluation)
    try:
        svc.panel_member_remove(member_id=member.pk, actor=request.user)
        messages.success(request, _("%(name)s left the panel.") % {"name": member.user})
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(evaluation.get_absolute_url())


@require_POST
def evaluation_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    evaluation = _managed(request, pk)
    try:
        if action == "start_scoring":
            svc.evaluation_start_scoring(evaluation_id=evaluation.pk, actor=request.user)
        elif action == "finish_scoring":
            svc.evaluation_finish_scoring(evaluation_id=evaluation.pk, actor=request.user)
        elif action == "issue_report":
            form = IssueReportForm(request.POST)
            owner = form.cleaned_data["owner"] if form.is_valid() else None
            svc.evaluation_issue_report(evaluation_id=evaluation.pk, actor=request.user, owner=owner)
        elif action == "conclusions":
            form = ConclusionsForm(request.POST)
            if not form.is_valid():
                raise ValidationFailed(_("Write the overall situation and the problems found."))
            svc.evaluation_write_conclusions(
                evaluation_id=evaluation.pk, actor=request.user, **form.cleaned_data
            )
        elif action == "suggestion":
            form = SuggestionForm(request.POST)
            if not form.is_valid():
                raise ValidationFailed(_("Write the suggestion and its deadline."))
            svc.suggestion_add(evaluation_id=evaluation.pk, actor=request.user, **form.cleaned_data)
        elif action == "archive":
            svc.evaluation_render_and_archive(evaluation_id=evaluation.pk, actor=request.user)
        else:
            raise Http404
        messages.success(request, _("Done."))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(evaluation.get_absolute_url())


# --- service star ------------------------------------------------------------------------------------


@staff_required
def star_list(request: HttpRequest) -> HttpResponse:
    template = ScorecardTemplate.objects.filter(code=star_svc.TEMPLATE_CODE).first()
    return render(
        request,
        "quality_metrics/star_list.html",
        {
            "page": paginate(request, ServiceStarEvaluation.objects.order_by("-created_at")),
            "template": template,
        },
    )


@staff_required
def star_new(request: HttpRequest) -> HttpResponse:
    form = ServiceStarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        star = star_svc.service_star_create(actor=request.user, **form.cleaned_data)
        return redirect(star.get_absolute_url())
    return render(
        request,
        "quality_metrics/form_page.html",
        {"form": form, "title": _("New service-star evaluation"), "back": "quality_metrics:star_list"},
    )


@staff_required
def star_detail(request: HttpRequest, pk: int) -> HttpResponse:
    star = get_object_or_404(ServiceStarEvaluation.objects.select_related("scorecard"), pk=pk)
    sheets = list(star.scorecard.sheets.select_related("member")) if star.scorecard_id else []
    return render(
        request,
        "quality_metrics/star_detail.html",
        {"star": star, "sheets": sheets, "members_form": StarMembersForm(), "logs": _logs(star)},
    )


@staff_required
@require_POST
def star_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    star = get_object_or_404(ServiceStarEvaluation, pk=pk)
    try:
        if action == "start_scoring":
            form = StarMembersForm(request.POST)
            if not form.is_valid():
                raise ValidationFailed(_("Choose at least one evaluator."))
            star_svc.service_star_start_scoring(
                star_id=star.pk, actor=request.user, members=form.cleaned_data["members"]
            )
        elif action == "close":
            star_svc.service_star_close(star_id=star.pk, actor=request.user)
        else:
            raise Http404
        messages.success(request, _("Done."))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(star.get_absolute_url())


@role_required("admin")
def star_template(request: HttpRequest) -> HttpResponse:
    """An administrator changes the default points and grade bands of service_star_004."""
    template = get_object_or_404(ScorecardTemplate, code=star_svc.TEMPLATE_CODE)
    criteria = list(template.criteria.order_by("order"))
    parents = {c.parent_id for c in criteria if c.parent_id}
    leaves = [c for c in criteria if c.pk not in parents]
    bands = list(template.grade_bands)
    if request.method == "POST":
        try:
            points = {c.code: Decimal(request.POST.get(f"points-{c.code}", c.max_points)) for c in leaves}
            new_bands = [
                (
                    Decimal(request.POST.get(f"band-min-{i}", b["min"])),
                    b["code"],
                    request.POST.get(f"band-label-{i}", b["label"]).strip() or b["label"],
                )
                for i, b in enumerate(bands)
            ]
        except InvalidOperation:
            messages.error(request, _("Points must be numbers."))
        else:
            try:
                star_svc.service_star_template_configure(actor=request.user, points=points, bands=new_bands)
                messages.success(request, _("The service-star template has been updated."))
                return redirect("quality_metrics:star_template")
            except DomainError as exc:
                messages.error(request, str(exc.message))
    return render(
        request,
        "quality_metrics/star_template.html",
        {"template": template, "criteria": criteria, "leaves": {c.pk for c in leaves}, "bands": bands},
    )


# --- periodic quality reports (PDF) ----------------------------------------------------------------------


@staff_required
def quality_reports(request: HttpRequest) -> HttpResponse:
    from platform_core.reports.selectors import reports_for

    if request.method == "POST":
        try:
            period = periods.parse(request.POST.get("period", ""))
        except ValueError:
            messages.error(request, _("Choose a period."))
            return redirect("quality_metrics:quality_reports")
        from platform_core.reports.services import report_request

        subject, _created = QualityReport.objects.get_or_create(
            period_type=period.type, period_start=period.start
        )
        report = report_request(
            subject=subject,
            kind="quality_report",
            title=_("Service quality report · %(period)s") % {"period": period.label},
            template_name="reports/quality_metrics/quarterly.html",
            context_builder="quality_metrics.reports.quarterly_report_context",
            requested_by=request.user,
        )
        return redirect("reports:detail", report.pk)
    quarters = list(reversed(periods.last_n("quarter", 8)))
    subjects = list(QualityReport.objects.order_by("-period_start")[:20])
    for subject in subjects:
        subject.reports = list(reports_for(subject))
    return render(
        request, "quality_metrics/quality_reports.html", {"quarters": quarters, "subjects": subjects}
    )
