"""Coaching sessions, courses with enrolment and attendance, management consulting (5.4.2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.accounts.models import User
from platform_core.accounts.roles import is_staff_member
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.notifications.services import notification_send
from platform_core.workflow.engine import record_initial, transition

from ..models import CoachingSession, ConsultingRequest, Course, Enrolment, IncubationProject, Mentor
from .common import clean_and_save, staff_users

C = ConsultingRequest.State


@transaction.atomic
def coaching_session_schedule(
    *,
    project_id: int,
    mentor_id: int,
    actor: Any,
    topic: str,
    scheduled_at: dt.datetime,
    duration_minutes: int = 60,
    location: str = "",
) -> CoachingSession:
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only staff arrange coaching sessions."))
    project = IncubationProject.objects.filter(pk=project_id).first()
    mentor = Mentor.objects.filter(pk=mentor_id).first()
    if project is None or mentor is None:
        raise NotFoundError(_("The project or the mentor does not exist."))
    session = clean_and_save(
        CoachingSession(
            project=project,
            mentor=mentor,
            topic=topic,
            scheduled_at=scheduled_at,
            duration_minutes=duration_minutes,
            location=location,
            created_by=actor,
        )
    )
    when = timezone.localtime(scheduled_at).strftime("%Y-%m-%d %H:%M")
    transaction.on_commit(
        lambda: notification_send(
            recipient=project.applicant,
            title=_("Coaching session: %(topic)s with %(mentor)s")
            % {"topic": session.get_topic_display(), "mentor": mentor.name},
            body=f"{when} {location}",
            url=project.get_absolute_url(),
        )
    )
    return session


@transaction.atomic
def coaching_session_record(*, session_id: int, actor: Any, summary: str) -> CoachingSession:
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only staff record coaching sessions."))
    session = CoachingSession.objects.select_for_update().filter(pk=session_id).first()
    if session is None:
        raise NotFoundError(_("The coaching session does not exist."))
    session.summary = summary
    session.held = True
    return clean_and_save(session)


@transaction.atomic
def course_enrol(*, course_id: int, actor: Any, project_id: int | None = None) -> Enrolment:
    course = Course.objects.select_for_update().filter(pk=course_id, is_published=True).first()
    if course is None:
        raise NotFoundError(_("The course does not exist."))
    if course.starts_at <= timezone.now():
        raise ValidationFailed(_("Enrolment closes when the course starts."), code="started")
    if course.enrolments.count() >= course.capacity:
        raise ConflictError(_("The course is full."), code="full")
    project = None
    if project_id:
        project = IncubationProject.objects.filter(pk=project_id, applicant=actor).first()
        if project is None:
            raise NotFoundError(_("The incubation project does not exist."))
    try:
        with transaction.atomic():
            return clean_and_save(Enrolment(course=course, user=actor, project=project))
    except (IntegrityError, ValidationFailed) as exc:
        if Enrolment.objects.filter(course=course, user=actor).exists():
            raise ConflictError(_("You are already enrolled in this course."), code="duplicate") from exc
        raise


@transaction.atomic
def course_cancel_enrolment(*, course_id: int, actor: Any) -> None:
    deleted, _rows = Enrolment.objects.filter(
        course_id=course_id, user=actor, course__starts_at__gt=timezone.now()
    ).delete()
    if not deleted:
        raise NotFoundError(_("No enrolment to cancel."))


@transaction.atomic
def course_mark_attendance(*, course_id: int, actor: Any, attended_user_ids: list[int]) -> int:
    """Record who attended (staff); returns the number marked present."""
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only staff record attendance."))
    course = Course.objects.filter(pk=course_id).first()
    if course is None:
        raise NotFoundError(_("The course does not exist."))
    now = timezone.now()
    present = set(attended_user_ids)
    count = 0
    for enrolment in course.enrolments.select_for_update():
        enrolment.attended = enrolment.user_id in present
        enrolment.attendance_marked_at = now
        enrolment.save(update_fields=["attended", "attendance_marked_at"])
        count += enrolment.attended
    return count


@transaction.atomic
def consulting_request_submit(
    *, actor: Any, topic: str, subject: str, description: str, project_id: int | None = None
) -> ConsultingRequest:
    if not actor.has_perm("incubation.apply") and not is_staff_member(actor):
        raise PermissionDeniedError(_("You are not allowed to request consulting."))
    project = None
    if project_id:
        project = IncubationProject.objects.filter(pk=project_id).first()
        if project is None or not actor.has_perm("incubation.view_project_private", project):
            raise NotFoundError(_("The incubation project does not exist."))
    request = clean_and_save(
        ConsultingRequest(
            requester=actor, project=project, topic=topic, subject=subject, description=description
        )
    )
    record_initial(request, actor=actor)
    request_id = request.pk

    def tell_staff() -> None:
        for member in staff_users():
            notification_send(
                recipient=member,
                title=_("New consulting request: %(s)s") % {"s": subject},
                url=ConsultingRequest(pk=request_id).get_absolute_url(),
            )

    transaction.on_commit(tell_staff)
    return request


def consulting_request_assign(
    *, request_id: int, actor: Any, assignee_id: int, reason: str = ""
) -> ConsultingRequest:
    assignee = User.objects.filter(pk=assignee_id, is_active=True).first()
    if assignee is None or not is_staff_member(assignee):
        raise ValidationFailed(_("Choose a service specialist."), code="bad_assignee")

    def apply(obj: ConsultingRequest) -> None:
        obj.assignee = assignee

    return transition(ConsultingRequest, request_id, action="assign", actor=actor, reason=reason, apply=apply)


def consulting_request_answer(*, request_id: int, actor: Any, response: str) -> ConsultingRequest:
    if not response.strip():
        raise ValidationFailed(_("Write the advice given."), code="response_required")

    def apply(obj: ConsultingRequest) -> None:
        obj.response = response
        obj.answered_at = timezone.now()

    return transition(ConsultingRequest, request_id, action="answer", actor=actor, apply=apply)


def consulting_request_transition(
    *, request_id: int, action: str, actor: Any, reason: str = ""
) -> ConsultingRequest:
    if action in ("assign", "answer"):
        raise ValidationFailed(
            _("“%(action)s” needs more details; use its own form or endpoint.") % {"action": action},
            code="payload_required",
        )
    return transition(ConsultingRequest, request_id, action=action, actor=actor, reason=reason)
