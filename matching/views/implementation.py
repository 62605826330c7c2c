"""Implementation projects: list and the project page (milestone timeline, issues and coordination,
stage assessments, follow-ups, feedback, outcome, conversion)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.attachments.selectors import attachments_for
from platform_core.permissions import get_visible_or_404

from .. import selectors
from ..forms import (
    ActionForm,
    AssessmentForm,
    FeedbackAnswerForm,
    FeedbackRequestForm,
    FollowUpForm,
    IssueForm,
    MilestoneForm,
    OutcomeForm,
    ReasonForm,
)
from ..models import FeedbackRequest, ImplementationIssue, ImplementationProject, Milestone
from ..services import implementation as services
from .common import attempt, available_actions, form_errors, labelled_logs, paginate, sort_param

SORTS = ("title", "state", "started_on", "updated_at")


def _load(request: HttpRequest, pk: int) -> ImplementationProject:
    qs = ImplementationProject.objects.select_related(
        "agreement",
        "project",
        "project__enterprise",
        "project__enterprise_org",
        "achievement",
        "achievement__holder",
        "manager",
    )
    return get_visible_or_404(qs, user=request.user, perm="matching.view_implementationproject", pk=pk)


def implementation_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    sort, toggles = sort_param(request, SORTS, "-updated_at")
    qs = (
        selectors.visible_implementations(request.user)
        .select_related("achievement", "project__enterprise_org", "manager", "agreement")
        .order_by(sort, "-id")
    )
    state = request.GET.get("state", "")
    if state in ImplementationProject.State.values:
        qs = qs.filter(state=state)
    return render(
        request,
        "matching/implementation_list.html",
        {
            "page": paginate(request, qs),
            "toggles": toggles,
            "sort": sort,
            "states": ImplementationProject.State.choices,
            "state": state,
        },
    )


def implementation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _load(request, pk)
    user = request.user
    manage = user.has_perm("matching.manage_implementationproject", project)
    milestones = list(project.milestones.all())
    issues = list(project.issues.prefetch_related("actions", "actions__taken_by").select_related("raised_by"))
    parties = [project.project.enterprise, project.achievement.holder]
    ctx = {
        "impl": project,
        "manage": manage,
        "can_raise": user.has_perm("matching.raise_issue", project),
        "open": project.state == ImplementationProject.State.IN_PROGRESS,
        "milestones": milestones,
        "timeline": selectors.milestone_timeline(milestones),
        "issues": issues,
        "assessments": list(project.assessments.select_related("assessed_by")),
        "followups": list(project.followups.select_related("recorded_by")),
        "feedback": list(project.feedback_requests.select_related("recipient")),
        "evidence": list(attachments_for(project, kind="evidence")),
        "actions": available_actions(project, user),
        "logs": labelled_logs(project),
        "milestone_form": MilestoneForm(),
        "issue_form": IssueForm(),
        "action_form": ActionForm(),
        "assessment_form": AssessmentForm(),
        "followup_form": FollowUpForm(),
        "feedback_form": FeedbackRequestForm(parties=parties),
        "answer_form": FeedbackAnswerForm(),
        "outcome_form": OutcomeForm(instance=project),
        "reason_form": ReasonForm(),
    }
    return render(request, "matching/implementation_detail.html", ctx)


def _post(request, pk, form_class, call, message, anchor):
    project = _load(request, pk)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        attempt(request, lambda: call(project, form.cleaned_data), message)
    else:
        form_errors(request, form)
    return redirect(project.get_absolute_url() + anchor)


@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request, pk, MilestoneForm,
        lambda p, d: services.milestone_save(implementation_id=p.pk, actor=request.user, **d),
        _("Milestone saved."), "#milestones",
    )  # fmt: skip


@require_POST
def milestone_update(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = Milestone.objects.filter(pk=pk).first()
    if milestone is None:
        raise Http404
    return _post(
        request, milestone.project_id, MilestoneForm,
        lambda p, d: services.milestone_save(implementation_id=p.pk, actor=request.user, milestone_id=pk, **d),
        _("Milestone saved."), "#milestones",
    )  # fmt: skip


@require_POST
def issue_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request, pk, IssueForm,
        lambda p, d: services.issue_add(implementation_id=p.pk, actor=request.user, **d),
        _("Issue recorded."), "#issues",
    )  # fmt: skip


@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    issue = ImplementationIssue.objects.filter(pk=pk).first()
    if issue is None:
        raise Http404
    return _post(
        request, issue.project_id, ActionForm,
        lambda p, d: services.coordination_add(issue_id=pk, actor=request.user, **d),
        _("Coordination action recorded."), "#issues",
    )  # fmt: skip


@require_POST
def assessment_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request, pk, AssessmentForm,
        lambda p, d: services.assessment_add(implementation_id=p.pk, actor=request.user, **d),
        _("Stage assessment recorded."), "#assessments",
    )  # fmt: skip


@require_POST
def followup_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request, pk, FollowUpForm,
        lambda p, d: services.followup_add(implementation_id=p.pk, actor=request.user, **d),
        _("Follow-up recorded."), "#followups",
    )  # fmt: skip


@require_POST
def feedback_request(request: HttpRequest, pk: int) -> HttpResponse:
    project = _load(request, pk)
    parties = [project.project.enterprise, project.achievement.holder]
    form = FeedbackRequestForm(request.POST, parties=parties)
    if form.is_valid():
        recipient = next(u for u in parties if str(u.pk) == form.cleaned_data["recipient"])
        attempt(
            request,
            lambda: services.feedback_request(
                implementation_id=pk,
                actor=request.user,
                recipient=recipient,
                due_on=form.cleaned_data["due_on"],
            ),
            _("Feedback requested."),
        )
    else:
        form_errors(request, form)
    return redirect(project.get_absolute_url() + "#feedback")


@require_POST
@login_required
def feedback_answer(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = FeedbackRequest.objects.filter(pk=pk, recipient=request.user).first()
    if feedback is None:
        raise Http404
    return _post(
        request, feedback.project_id, FeedbackAnswerForm,
        lambda p, d: services.feedback_answer(request_id=pk, actor=request.user, **d),
        _("Thank you for your feedback."), "#feedback",
    )  # fmt: skip


@require_POST
def outcome_save(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request, pk, OutcomeForm,
        lambda p, d: services.outcome_record(implementation_id=p.pk, actor=request.user, **d),
        _("Outcome recorded."), "#outcome",
    )  # fmt: skip


@require_POST
def implementation_transition(request: HttpRequest, pk: int) -> HttpResponse:
    project = _load(request, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.implementation_transition(
                implementation_id=pk,
                actor=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            ),
            _("Done."),
        )
    return redirect(project.get_absolute_url())
