"""Incubation projects: application, admission review, stages, progress reports, outcome."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import InvalidTransition, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.notifications.services import notification_send
from platform_core.workflow.engine import record_initial, transition

from ..models import Cohort, IncubationProject, Mentor, ProgressReport, ProjectMember
from .common import clean_and_save, staff_users

P = IncubationProject.State

BUSINESS_PLAN_KIND = "business_plan"
OUTCOME_EVIDENCE_KIND = "outcome_evidence"
DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "ppt", "pptx", "xls", "xlsx", "png", "jpg", "jpeg")


def _attach(*, owner: Any, uploaded_file: Any, actor: Any, kind: str, note: str = "") -> Any:
    from platform_core.attachments.services import attachment_create

    return attachment_create(
        owner=owner,
        uploaded_file=uploaded_file,
        uploaded_by=actor,
        kind=kind,
        allowed_extensions=DOCUMENT_EXTENSIONS,
        note=note,
    )


@transaction.atomic
def project_apply(
    *,
    applicant: Any,
    name: str,
    summary: str,
    team_description: str = "",
    business_model: str = "",
    achievement: Any = None,
    seeking_financing: bool = False,
    financing_need: Decimal | None = None,
    team: Iterable[dict] = (),
    business_plan: Any = None,
) -> IncubationProject:
    """A team applies to incubate an achievement; the application waits for the admission review."""
    if not applicant.has_perm("incubation.apply"):
        raise PermissionDeniedError(_("Only achievement holders and enterprises may apply for incubation."))
    if achievement is not None and not is_staff_member(applicant) and achievement.holder_id != applicant.pk:
        raise ValidationFailed(_("You can only incubate your own achievements."), code="not_your_achievement")
    project = IncubationProject(
        applicant=applicant,
        organization=getattr(applicant, "organization", None),
        name=name.strip(),
        summary=summary,
        team_description=team_description,
        business_model=business_model,
        seeking_financing=seeking_financing,
        financing_need=financing_need,
        achievement=achievement,
    )
    clean_and_save(project)
    for member in team:
        if member.get("name"):
            clean_and_save(ProjectMember(project=project, **member))
    if business_plan is not None:
        _attach(owner=project, uploaded_file=business_plan, actor=applicant, kind=BUSINESS_PLAN_KIND)
    record_initial(project, actor=applicant)
    project_id, title = project.pk, project.name

    def tell_staff() -> None:
        for member in staff_users():
            notification_send(
                recipient=member,
                title=_("New incubation application: %(name)s") % {"name": title},
                url=IncubationProject(pk=project_id).get_absolute_url(),
            )

    transaction.on_commit(tell_staff)
    return project


def _get_project(project_id: int) -> IncubationProject:
    project = IncubationProject.objects.filter(pk=project_id).first()
    if project is None:
        raise NotFoundError(_("The incubation project does not exist."))
    return project


@transaction.atomic
def project_update(*, project_id: int, actor: Any, **fields: Any) -> IncubationProject:
    """Edit the application (applicant before admission; staff any time)."""
    project = IncubationProject.objects.select_for_update().filter(pk=project_id).first()
    if project is None or not actor.has_perm("incubation.view_project", project):
        raise NotFoundError(_("The incubation project does not exist."))
    if not is_staff_member(actor):
        if project.applicant_id != actor.pk:
            raise PermissionDeniedError(_("You are not allowed to do this."))
        if project.state not in (P.SUBMITTED, *IncubationProject.ACTIVE_STATES):
            raise InvalidTransition(_("The project can no longer be edited."))
    allowed = {"name", "summary", "team_description", "business_model", "seeking_financing", "financing_need"}
    if is_staff_member(actor):
        allowed |= {"cohort"}
    for key, value in fields.items():
        if key not in allowed:
            raise ValidationFailed(_("Unknown field “%(f)s”.") % {"f": key})
        setattr(project, key, value)
    return clean_and_save(project)


@transaction.atomic
def project_attach_business_plan(*, project_id: int, actor: Any, uploaded_file: Any) -> Any:
    project = _get_project(project_id)
    if not actor.has_perm("incubation.change_project", project):
        raise NotFoundError(_("The incubation project does not exist."))
    return _attach(owner=project, uploaded_file=uploaded_file, actor=actor, kind=BUSINESS_PLAN_KIND)


ADMISSION_TEMPLATE = "incubation_admission"


def _reviewer_ok(user: Any) -> bool:
    from platform_core.accounts.roles import is_evaluator

    return bool(user.is_active and (is_staff_member(user) or is_evaluator(user)))


@transaction.atomic
def project_start_review(
    *, project_id: int, actor: Any, reviewer_ids: Iterable[int], due_date: Any = None, reason: str = ""
) -> IncubationProject:
    """Start the admission review: a scorecard evaluation (evaluation app's engine) with the chosen reviewers.

    Reviewers (staff or evaluators) each fill in the admission score sheet; staff close the review, which
    grades the panel total, and then admit or decline the project.
    """
    import evaluation.workflow  # noqa: F401 - registers the scorecard workflows
    from evaluation.models import ScorecardTemplate
    from evaluation.scorecards import scorecard_evaluation_create, scorecard_evaluation_open
    from platform_core.accounts.models import User

    if not is_staff_member(actor):
        raise PermissionDeniedError(_("You are not allowed to do this."))
    project = IncubationProject.objects.filter(pk=project_id).first()
    if project is None:
        raise NotFoundError(_("The incubation project does not exist."))
    if project.state != P.SUBMITTED:
        raise InvalidTransition(_("The admission review has already started."))
    reviewers = [u for u in User.objects.filter(pk__in=list(reviewer_ids)) if _reviewer_ok(u)]
    if not reviewers:
        raise ValidationFailed(_("Choose at least one reviewer (staff or expert)."), code="no_reviewers")
    template = ScorecardTemplate.objects.filter(code=ADMISSION_TEMPLATE).first()
    if template is None:
        raise ValidationFailed(
            _("The admission score form is missing; run the migrations."), code="no_template"
        )
    evaluation = scorecard_evaluation_create(
        template=template,
        title=_("Admission review: %(name)s") % {"name": project.name},
        members=reviewers,
        actor=actor,
        subject=project,
        due_date=due_date,
    )
    scorecard_evaluation_open(evaluation_id=evaluation.pk, actor=actor)

    def link(obj: IncubationProject) -> None:
        obj.admission_evaluation = evaluation

    return transition(
        IncubationProject, project_id, action="start_review", actor=actor, reason=reason, apply=link
    )


def project_close_review(*, project_id: int, actor: Any) -> Any:
    """Close the admission scorecard (every reviewer has submitted) and grade the panel total."""
    import evaluation.workflow  # noqa: F401 - registers the scorecard workflows
    from evaluation.scorecards import scorecard_evaluation_close

    project = IncubationProject.objects.filter(pk=project_id).first()
    if project is None or project.admission_evaluation_id is None:
        raise NotFoundError(_("The incubation project has no admission review."))
    if project.state != P.UNDER_REVIEW:
        raise InvalidTransition(_("The project is not under admission review."))
    return scorecard_evaluation_close(evaluation_id=project.admission_evaluation_id, actor=actor)


def _set_now(field: str) -> Callable[[IncubationProject], None]:
    def apply(project: IncubationProject) -> None:
        setattr(project, field, timezone.now())

    return apply


def _close(project: IncubationProject) -> None:
    project.closed_at = timezone.now()


def _exit(project: IncubationProject) -> None:
    project.closed_at = timezone.now()
    if project.outcome == IncubationProject.Outcome.ONGOING:
        project.outcome = IncubationProject.Outcome.EXITED
        project.outcome_recorded_at = project.closed_at


_PROJECT_APPLY = {"admit": _set_now("admitted_at"), "graduate": _close, "exit": _exit}


def project_transition(
    *, project_id: int, action: str, actor: Any, reason: str = "", cohort_id: int | None = None
) -> IncubationProject:
    """Move a project along its workflow; admission may place it in a cohort."""
    if action == "start_review":
        raise ValidationFailed(
            _("Start the admission review by choosing the reviewers."), code="payload_required"
        )
    apply = _PROJECT_APPLY.get(action)
    if action == "admit" and cohort_id:
        cohort = Cohort.objects.filter(pk=cohort_id).first()
        if cohort is None:
            raise ValidationFailed(_("Unknown cohort."))

        def apply(project: IncubationProject) -> None:  # noqa: F811 - admission with a cohort
            project.admitted_at = timezone.now()
            project.cohort = cohort

    return transition(IncubationProject, project_id, action=action, actor=actor, reason=reason, apply=apply)


@transaction.atomic
def project_set_mentors(*, project_id: int, actor: Any, mentor_ids: Iterable[int]) -> IncubationProject:
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only staff assign mentors."))
    project = _get_project(project_id)
    mentors = list(Mentor.objects.filter(pk__in=list(mentor_ids)))
    project.mentors.set(mentors)
    project_id_, names = project.pk, ", ".join(m.name for m in mentors)

    def tell() -> None:
        notification_send(
            recipient=project.applicant,
            title=_("Mentors assigned to “%(name)s”") % {"name": project.name},
            body=names,
            url=IncubationProject(pk=project_id_).get_absolute_url(),
        )

    transaction.on_commit(tell)
    return project


@transaction.atomic
def project_record_outcome(
    *,
    project_id: int,
    actor: Any,
    outcome: str,
    note: str = "",
    evidence: Iterable[Any] = (),
) -> IncubationProject:
    """Record the project's result (7.1.1.6) with its evidence; staff or the applicant of an admitted project."""
    project = IncubationProject.objects.select_for_update().filter(pk=project_id).first()
    if project is None or not actor.has_perm("incubation.view_project_private", project):
        raise NotFoundError(_("The incubation project does not exist."))
    if project.admitted_at is None:
        raise InvalidTransition(_("An outcome can only be recorded for an admitted project."))
    if outcome not in IncubationProject.Outcome.values:
        raise ValidationFailed(_("Unknown outcome."))
    files = list(evidence)
    if outcome in IncubationProject.SUCCESS_OUTCOMES and not (files or note.strip()):
        raise ValidationFailed(
            _("Give evidence (a note or a file) that the project entered the market or raised financing."),
            code="evidence_required",
        )
    project.outcome = outcome
    project.outcome_note = note
    project.outcome_recorded_at = timezone.now()
    clean_and_save(project, update_fields=["outcome", "outcome_note", "outcome_recorded_at", "updated_at"])
    for uploaded in files:
        _attach(owner=project, uploaded_file=uploaded, actor=actor, kind=OUTCOME_EVIDENCE_KIND)
    return project


@transaction.atomic
def progress_report_submit(*, project_id: int, actor: Any, **fields: Any) -> ProgressReport:
    project = _get_project(project_id)
    if not actor.has_perm("incubation.view_project_private", project):
        raise NotFoundError(_("The incubation project does not exist."))
    if not actor.has_perm("incubation.report_progress", project):
        raise PermissionDeniedError(_("Only the project's applicant submits progress reports."))
    if not project.is_active:
        raise InvalidTransition(_("Progress reports are submitted while the project is being incubated."))
    if ProgressReport.objects.filter(project=project, period=fields.get("period", "")).exists():
        raise ValidationFailed(_("A report for this period already exists."), code="duplicate_period")
    report = clean_and_save(ProgressReport(project=project, submitted_by=actor, **fields))
    title, url = project.name, project.get_absolute_url()

    def tell_staff() -> None:
        for member in staff_users():
            notification_send(
                recipient=member,
                title=_("Progress report from “%(name)s”") % {"name": title},
                body=report.period,
                url=url,
            )

    transaction.on_commit(tell_staff)
    return report


@transaction.atomic
def progress_report_comment(*, report_id: int, actor: Any, comment: str) -> ProgressReport:
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only staff comment on progress reports."))
    report = ProgressReport.objects.select_for_update().filter(pk=report_id).first()
    if report is None:
        raise NotFoundError(_("The progress report does not exist."))
    report.staff_comment = comment
    report.reviewed_by = actor
    report.reviewed_at = timezone.now()
    return clean_and_save(report)
