"""Incubation projects: application, admission review, stages, mentors, reports, outcome."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.accounts.roles import is_investor, is_staff_member
from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, require_perm, staff_required

from .. import selectors, services
from ..forms import (
    CoachingForm,
    CommentForm,
    FinancingEventForm,
    MentorsForm,
    OutcomeForm,
    ProgressReportForm,
    ProjectForm,
    StartReviewForm,
    TransitionForm,
)
from ..models import Cohort, IncubationProject, ProgressReport
from .common import actions_for, history_rows, page_of, run, sorted_by

P = IncubationProject.State
SORTS = {
    "name": "name",
    "state": "state",
    "created": "created_at",
    "admitted": "admitted_at",
    "need": "financing_need",
}


@login_required
def hub(request: HttpRequest) -> HttpResponse:
    """孵化服务: what the platform offers and the user's own projects."""
    projects = list(selectors.projects_visible_to(request.user).filter(applicant=request.user)[:10])
    return render(
        request,
        "incubation/hub.html",
        {"projects": projects, "can_apply": request.user.has_perm("incubation.apply")},
    )


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    qs = selectors.projects_visible_to(user)
    investor_view = is_investor(user) and not is_staff_member(user)
    state = request.GET.get("state", "")
    if state in P.values:
        qs = qs.filter(state=state)
    outcome = request.GET.get("outcome", "")
    if outcome in IncubationProject.Outcome.values:
        qs = qs.filter(outcome=outcome)
    cohort = request.GET.get("cohort", "")
    if cohort.isdigit():
        qs = qs.filter(cohort_id=int(cohort))
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(summary__icontains=q) | Q(organization__name__icontains=q))
    qs, sort = sorted_by(request, qs, SORTS, "-created")
    return render(
        request,
        "incubation/project_list.html",
        {
            "page": page_of(request, qs),
            "states": P.choices,
            "outcomes": IncubationProject.Outcome.choices,
            "cohorts": Cohort.objects.all() if is_staff_member(user) else [],
            "state": state,
            "outcome": outcome,
            "cohort": cohort,
            "q": q,
            "sort": sort,
            "investor_view": investor_view,
            "can_apply": user.has_perm("incubation.apply"),
        },
    )


@login_required
def project_apply(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "incubation.apply")
    form = ProjectForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.project_apply(
                applicant=request.user,
                name=data["name"],
                summary=data["summary"],
                team_description=data["team_description"],
                business_model=data["business_model"],
                achievement=data["achievement"],
                seeking_financing=data["seeking_financing"],
                financing_need=data["financing_need"],
                team=form.team_members(),
                business_plan=data.get("business_plan"),
            )
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(
                request, _("Your application has been submitted. Staff will start the admission review.")
            )
            return redirect(project)
    return render(request, "incubation/project_form.html", {"form": form})


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_visible_or_404(
        IncubationProject.objects.all(), user=request.user, perm="incubation.view_project", pk=pk
    )
    require_perm(request.user, "incubation.change_project", project)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {
            k: form.cleaned_data[k]
            for k in (
                "name",
                "summary",
                "team_description",
                "business_model",
                "seeking_financing",
                "financing_need",
            )
        }
        try:
            services.project_update(project_id=project.pk, actor=request.user, **fields)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Saved."))
            return redirect(project)
    return render(request, "incubation/project_form.html", {"form": form, "project": project})


def _review_context(project: IncubationProject, user) -> dict:
    evaluation = project.admission_evaluation
    if evaluation is None:
        return {}
    sheets = list(evaluation.sheets.select_related("member").order_by("pk"))
    mine = next((s for s in sheets if s.member_id == user.pk), None)
    submitted = [s for s in sheets if s.state == "submitted"]
    return {
        "evaluation": evaluation,
        "sheets": sheets,
        "my_sheet": mine,
        "all_submitted": bool(sheets) and len(submitted) == len(sheets),
    }


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    qs = IncubationProject.objects.select_related(
        "applicant", "organization", "cohort", "achievement", "admission_evaluation"
    )
    project = qs.filter(pk=pk).first()
    if project is None or not user.has_perm("incubation.view_project", project):
        raise Http404
    private = user.has_perm("incubation.view_project_private", project)
    staff = is_staff_member(user)
    context = {
        "project": project,
        "private": private,
        "staff": staff,
        "team": project.team_members.all(),
        "mentors": project.mentors.all(),
        "financing_events": project.financing_events.select_related("contact"),
        "totals": selectors.project_totals(project),
        "stages": [(s, IncubationProject.State(s).label) for s in IncubationProject.STAGES[:4]],
        **_review_context(project, user),
    }
    if user.has_perm("incubation.view_documents", project):
        from platform_core.attachments.selectors import attachments_for

        context["documents"] = attachments_for(project)
    if private:
        context.update(
            {
                "actions": actions_for(project, user, exclude={"start_review"}),
                "logs": history_rows(project),
                "reports": project.progress_reports.select_related("submitted_by", "reviewed_by"),
                "sessions": project.coaching_sessions.select_related("mentor"),
                "fund_applications": project.fund_applications.select_related("programme"),
                "bookings": project.bookings.select_related("facility").order_by("-starts_at")[:10],
                "cohorts": Cohort.objects.all(),
                "can_report": user.has_perm("incubation.report_progress", project) and project.is_active,
                "outcome_form": OutcomeForm(
                    initial={"outcome": project.outcome, "note": project.outcome_note}
                ),
                "financing_form": FinancingEventForm(),
            }
        )
    if staff:
        context.update(
            {
                "start_review_form": StartReviewForm(),
                "mentors_form": MentorsForm(initial={"mentors": list(project.mentors.all())}),
                "coaching_form": CoachingForm(),
                "comment_form": CommentForm(),
            }
        )
    return render(request, "incubation/project_detail.html", context)


def _private_project(request: HttpRequest, pk: int) -> IncubationProject:
    return get_visible_or_404(
        IncubationProject.objects.all(), user=request.user, perm="incubation.view_project_private", pk=pk
    )


@login_required
@require_POST
def project_transition(request: HttpRequest, pk: int) -> HttpResponse:
    project = _private_project(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Invalid request."))
        return redirect(project)
    data = form.cleaned_data
    return run(
        request,
        lambda: services.project_transition(
            project_id=project.pk,
            action=data["action"],
            actor=request.user,
            reason=data["reason"],
            cohort_id=data.get("cohort"),
        ),
        _("Done."),
        project.get_absolute_url(),
    )


@staff_required
@require_POST
def project_start_review(request: HttpRequest, pk: int) -> HttpResponse:
    project = _private_project(request, pk)
    form = StartReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose at least one reviewer (staff or expert)."))
        return redirect(project)
    return run(
        request,
        lambda: services.project_start_review(
            project_id=project.pk,
            actor=request.user,
            reviewer_ids=[u.pk for u in form.cleaned_data["reviewers"]],
            due_date=form.cleaned_data["due_date"],
        ),
        _("The admission review has started; the reviewers have been notified."),
        project.get_absolute_url(),
    )


@staff_required
@require_POST
def project_close_review(request: HttpRequest, pk: int) -> HttpResponse:
    project = _private_project(request, pk)
    return run(
        request,
        lambda: services.project_close_review(project_id=project.pk, actor=request.user),
        _("The admission review is closed and graded."),
        project.get_absolute_url(),
    )


@login_required
def project_review_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer fills in the admission score form (the evaluation app's scorecard engine)."""
    from evaluation.scorecards import leaves_of, scorecard_sheet_save, scorecard_sheet_submit

    project = IncubationProject.objects.select_related("admission_evaluation__template").filter(pk=pk).first()
    if project is None or project.admission_evaluation_id is None:
        raise Http404
    sheet = project.admission_evaluation.sheets.filter(member=request.user).first()
    if sheet is None:
        raise Http404
    criteria = leaves_of(project.admission_evaluation.template.criteria.all())
    errors: list[str] = []
    if request.method == "POST":
        scores = {
            c.pk: {
                "points": request.POST.get(f"points_{c.pk}", "").strip() or None,
                "comment": request.POST.get(f"comment_{c.pk}", ""),
            }
            for c in criteria
        }
        try:
            sheet = scorecard_sheet_save(
                sheet_id=sheet.pk,
                actor=request.user,
                version=int(request.POST.get("version") or 0),
                scores=scores,
                comment=request.POST.get("comment", ""),
            )
            if "submit" in request.POST:
                scorecard_sheet_submit(sheet_id=sheet.pk, actor=request.user)
                messages.success(request, _("Your score sheet has been submitted."))
                return redirect(project)
            messages.success(request, _("Saved."))
            return redirect("incubation:project_review_sheet", pk=project.pk)
        except DomainError as exc:
            errors.append(str(exc.message))
            sheet.refresh_from_db()
    existing = {s.criterion_id: s for s in sheet.scores.all()}
    rows = [(c, existing.get(c.pk)) for c in criteria]
    return render(
        request,
        "incubation/review_sheet.html",
        {
            "project": project,
            "sheet": sheet,
            "rows": rows,
            "errors": errors,
            "locked": sheet.state != "draft",
        },
    )


@staff_required
@require_POST
def project_mentors(request: HttpRequest, pk: int) -> HttpResponse:
    project = _private_project(request, pk)
    form = MentorsForm(request.POST)
    if not form.is_valid():
        return redirect(project)
    return run(
        request,
        lambda: services.project_set_mentors(
            project_id=project.pk, actor=request.user, mentor_ids=[m.pk for m in form.cleaned_data["mentors"]]
        ),
        _("Mentors saved."),
        project.get_absolute_url(),
    )


@login_required
@require_POST
def project_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    project = _private_project(request, pk)
    form = OutcomeForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the outcome."))
        return redirect(project)
    data = form.cleaned_data
    files = [data["evidence"]] if data.get("evidence") else []
    return run(
        request,
        lambda: services.project_record_outcome(
            project_id=project.pk,
            actor=request.user,
            outcome=data["outcome"],
            note=data["note"],
            evidence=files,
        ),
        _("The outcome has been recorded."),
        project.get_absolute_url() + "#outcome",
    )


@login_required
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = _private_project(request, pk)
    require_perm(request.user, "incubation.report_progress", project)
    form = ProgressReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_report_submit(project_id=project.pk, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Progress report submitted."))
            return redirect(project.get_absolute_url() + "#reports")
    return render(request, "incubation/report_form.html", {"form": form, "project": project})


@staff_required
@require_POST
def report_comment(request: HttpRequest, pk: int) -> HttpResponse:
    report = ProgressReport.objects.select_related("project").filter(pk=pk).first()
    if report is None:
        raise Http404
    form = CommentForm(request.POST)
    back = report.project.get_absolute_url() + "#reports"
    if not form.is_valid():
        return redirect(back)
    return run(
        request,
        lambda: services.progress_report_comment(
            report_id=report.pk, actor=request.user, comment=form.cleaned_data["comment"]
        ),
        _("Comment saved."),
        back,
    )


@login_required
@require_POST
def financing_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = _private_project(request, pk)
    form = FinancingEventForm(request.POST)
    back = project.get_absolute_url() + "#funding"
    if not form.is_valid():
        messages.error(request, _("Check the financing event: %(e)s") % {"e": form.errors.as_text()})
        return redirect(back)
    data = form.cleaned_data
    contact = data.pop("contact")
    return run(
        request,
        lambda: services.financing_event_record(
            project_id=project.pk, actor=request.user, contact_id=contact.pk if contact else None, **data
        ),
        _("Financing event recorded."),
        back,
    )


@staff_required
@require_POST
def coaching_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = _private_project(request, pk)
    form = CoachingForm(request.POST)
    back = project.get_absolute_url() + "#coaching"
    if not form.is_valid():
        messages.error(request, _("Check the coaching session: %(e)s") % {"e": form.errors.as_text()})
        return redirect(back)
    data = form.cleaned_data
    return run(
        request,
        lambda: services.coaching_session_schedule(
            project_id=project.pk,
            mentor_id=data["mentor"].pk,
            actor=request.user,
            topic=data["topic"],
            scheduled_at=data["scheduled_at"],
            duration_minutes=data["duration_minutes"],
            location=data["location"],
        ),
        _("Coaching session arranged; the team has been notified."),
        back,
    )


@staff_required
@require_POST
def coaching_record(request: HttpRequest, pk: int) -> HttpResponse:
    from ..models import CoachingSession

    session = CoachingSession.objects.select_related("project").filter(pk=pk).first()
    if session is None:
        raise Http404
    back = session.project.get_absolute_url() + "#coaching"
    return run(
        request,
        lambda: services.coaching_session_record(
            session_id=session.pk, actor=request.user, summary=request.POST.get("summary", "")
        ),
        _("Coaching session recorded."),
        back,
    )
