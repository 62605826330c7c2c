"""Implementation projects: milestones, issues and coordination, stage assessments, follow-ups, feedback,
the outcome and conversion (the achievement follows)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from achievements.models import Achievement
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import transition

from ..models import (
    CoordinationAction,
    FeedbackRequest,
    FollowUp,
    ImplementationIssue,
    ImplementationProject,
    Milestone,
    StageAssessment,
)
from .common import full_clean, set_fields

MILESTONE_FIELDS = (
    "title",
    "deliverable",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "status",
    "payment_share",
    "order",
)


def _implementation(
    implementation_id: int,
    actor: Any,
    perm: str = "matching.manage_implementationproject",
    *,
    open_only: bool = True,
) -> ImplementationProject:
    project = (
        ImplementationProject.objects.select_related("project", "project__achievement")
        .filter(pk=implementation_id)
        .first()
    )
    if project is None or not actor.has_perm("matching.view_implementationproject", project):
        raise NotFoundError(_("Implementation project not found."))
    if not actor.has_perm(perm, project):
        raise PermissionDeniedError(_("You are not allowed to do this."))
    if open_only and project.state != ImplementationProject.State.IN_PROGRESS:
        raise ConflictError(_("The implementation project has ended."), code="ended")
    return project


@transaction.atomic
def milestone_save(
    *, implementation_id: int, actor: Any, milestone_id: int | None = None, **fields: Any
) -> Milestone:
    """Add a milestone or update one (planned and actual dates, status)."""
    project = _implementation(implementation_id, actor)
    if milestone_id is None:
        milestone = Milestone(project=project)
    else:
        milestone = Milestone.objects.select_for_update().filter(pk=milestone_id, project=project).first()
        if milestone is None:
            raise NotFoundError(_("Milestone not found."))
    set_fields(milestone, fields, MILESTONE_FIELDS)
    if milestone.actual_end and milestone.status in (Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS):
        milestone.status = Milestone.Status.DONE
    if milestone.status == Milestone.Status.DONE and not milestone.actual_end:
        raise ValidationFailed(
            _("Enter the actual end date of a completed milestone."), code="actual_end_required"
        )
    if milestone.actual_end and milestone.actual_end > timezone.localdate():
        raise ValidationFailed(_("The actual end cannot be in the future."), code="future_date")
    full_clean(milestone)
    milestone.save()
    return milestone


@transaction.atomic
def issue_add(*, implementation_id: int, actor: Any, title: str, **fields: Any) -> ImplementationIssue:
    project = _implementation(implementation_id, actor, "matching.raise_issue")
    issue = ImplementationIssue(project=project, title=title, raised_by=actor)
    set_fields(issue, fields, ("description", "severity", "raised_on"))
    full_clean(issue)
    issue.save()
    return issue


@transaction.atomic
def coordination_add(
    *, issue_id: int, actor: Any, description: str, resolve: bool = False
) -> CoordinationAction:
    issue = ImplementationIssue.objects.select_for_update().filter(pk=issue_id).first()
    if issue is None:
        raise NotFoundError(_("Issue not found."))
    _implementation(issue.project_id, actor)
    if issue.status == ImplementationIssue.Status.RESOLVED:
        raise ConflictError(_("This issue is already resolved."), code="resolved")
    action = CoordinationAction(issue=issue, description=description, taken_by=actor)
    full_clean(action)
    action.save()
    if resolve:
        issue.status, issue.resolved_on = ImplementationIssue.Status.RESOLVED, timezone.localdate()
        issue.save(update_fields=["status", "resolved_on", "updated_at"])
    return action


@transaction.atomic
def assessment_add(
    *, implementation_id: int, actor: Any, period: str, findings: str, **fields: Any
) -> StageAssessment:
    project = _implementation(implementation_id, actor)
    assessment = StageAssessment(project=project, period=period, findings=findings, assessed_by=actor)
    set_fields(assessment, fields, ("assessed_on", "rating", "progress_percent", "adjustments"))
    full_clean(assessment)
    assessment.save()
    return assessment


@transaction.atomic
def followup_add(*, implementation_id: int, actor: Any, summary: str, **fields: Any) -> FollowUp:
    project = _implementation(implementation_id, actor, open_only=False)
    followup = FollowUp(project=project, summary=summary, recorded_by=actor)
    set_fields(followup, fields, ("visited_on", "mode", "participants", "problems", "next_visit_on"))
    full_clean(followup)
    followup.save()
    return followup


@transaction.atomic
def feedback_request(
    *,
    implementation_id: int,
    actor: Any,
    recipient: Any,
    due_on=None,
    question: str = "",
    survey_url: str = "",
) -> FeedbackRequest:
    """Ask a party for implementation feedback (6.5.2); the party is notified."""
    from platform_core.notifications.services import notification_send

    project = _implementation(implementation_id, actor, open_only=False)
    parties = {project.project.enterprise_id, project.achievement.holder_id}
    if recipient.pk not in parties:
        raise ValidationFailed(_("Ask one of the two parties of the project."), code="bad_recipient")
    request = FeedbackRequest(
        project=project, recipient=recipient, requested_by=actor, due_on=due_on, survey_url=survey_url
    )
    if question:
        request.question = question
    full_clean(request)
    request.save()
    transaction.on_commit(
        lambda: notification_send(
            recipient=recipient,
            title=_("Feedback requested: %(t)s") % {"t": project.title},
            body=request.question,
            target=project,
        )
    )
    return request


@transaction.atomic
def feedback_answer(*, request_id: int, actor: Any, rating: int, comments: str = "") -> FeedbackRequest:
    request = FeedbackRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None or request.recipient_id != actor.pk:
        raise NotFoundError(_("Feedback request not found."))
    if request.answered_at:
        raise ConflictError(_("You already answered this request."), code="answered")
    request.rating, request.comments, request.answered_at = rating, comments, timezone.now()
    full_clean(request)
    request.save()
    return request


@transaction.atomic
def outcome_record(
    *,
    implementation_id: int,
    actor: Any,
    outcome_kind: str,
    outcome_description: str,
    revenue=None,
    evidence: Any = None,
) -> ImplementationProject:
    """Record the outcome (product launched, process applied, revenue) with its evidence."""
    from platform_core.attachments.services import attachment_create

    project = _implementation(implementation_id, actor)
    project.outcome_kind, project.outcome_description, project.revenue = (
        outcome_kind,
        outcome_description,
        revenue,
    )
    if outcome_kind == ImplementationProject.OutcomeKind.REVENUE and not revenue:
        raise ValidationFailed(_("Enter the revenue generated."), code="revenue_required")
    full_clean(project)
    project.save()
    if evidence is not None:
        attachment_create(owner=project, uploaded_file=evidence, uploaded_by=actor, kind="evidence")
    return project


def implementation_transition(
    *, implementation_id: int, actor: Any, action: str, reason: str = ""
) -> ImplementationProject:
    """Convert (the achievement becomes 'converted') or terminate."""
    with transaction.atomic():
        project = _implementation(implementation_id, actor)

        def apply(obj: ImplementationProject) -> None:
            today = timezone.localdate()
            obj.ended_on = today
            if action == "convert":
                obj.converted_on = today

        project = transition(
            ImplementationProject, project.pk, action=action, actor=actor, reason=reason, apply=apply
        )
        if action == "convert":
            state = (
                Achievement.objects.filter(pk=project.achievement_id).values_list("state", flat=True).first()
            )
            if state == Achievement.State.AGREEMENT_SIGNED:
                transition(
                    Achievement,
                    project.achievement_id,
                    action="convert",
                    actor=actor,
                    reason=project.outcome_description[:500],
                )
    return project
