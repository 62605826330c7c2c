"""The state machines of the incubation app (changed only through platform_core.workflow.engine)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import is_staff_member
from platform_core.workflow.engine import Transition, Workflow

from .models import Booking, ConsultingRequest, FundApplication, IncubationProject
from .permissions import (
    booking_needs_no_approval,
    is_applicant,
    is_booker,
    is_consultant,
    is_consulting_requester,
    is_fund_applicant,
)

P = IncubationProject.State
B = Booking.State
F = FundApplication.State
C = ConsultingRequest.State


def _review_closed(project: IncubationProject):
    evaluation = project.admission_evaluation
    if evaluation is None or evaluation.state != "closed":
        return _("Close the admission review (every reviewer has submitted) before admitting.")
    return None


def _notify_project(project: IncubationProject, log):
    state = project.get_state_display()
    yield (
        project.applicant,
        _("Incubation project “%(name)s”: %(state)s") % {"name": project.name, "state": state},
        log.reason,
    )


PROJECT_WORKFLOW = Workflow(
    name="incubation_project",
    model=IncubationProject,
    states=P,
    transitions=[
        Transition(
            "start_review", (P.SUBMITTED,), P.UNDER_REVIEW, _("Start admission review"), is_staff_member
        ),
        Transition(
            "admit",
            (P.UNDER_REVIEW,),
            P.PRE_INCUBATION,
            _("Admit"),
            is_staff_member,
            condition=_review_closed,
            style="success",
        ),
        Transition(
            "reject",
            (P.UNDER_REVIEW,),
            P.REJECTED,
            _("Do not admit"),
            is_staff_member,
            reason_required=True,
            style="danger",
        ),
        Transition(
            "withdraw",
            (P.SUBMITTED, P.UNDER_REVIEW),
            P.WITHDRAWN,
            _("Withdraw the application"),
            is_applicant,
            style="outline-secondary",
        ),
        Transition(
            "start_incubation", (P.PRE_INCUBATION,), P.INCUBATION, _("Move to incubation"), is_staff_member
        ),
        Transition("accelerate", (P.INCUBATION,), P.ACCELERATION, _("Move to acceleration"), is_staff_member),
        Transition(
            "graduate",
            (P.INCUBATION, P.ACCELERATION),
            P.GRADUATED,
            _("Graduate"),
            is_staff_member,
            style="success",
        ),
        Transition(
            "exit",
            (P.PRE_INCUBATION, P.INCUBATION, P.ACCELERATION),
            P.EXITED,
            _("Exit incubation"),
            is_staff_member,
            reason_required=True,
            style="danger",
        ),
    ],
    notify=_notify_project,
)


def _notify_booking(booking: Booking, log):
    if log.actor_id != booking.booked_by_id:
        yield (
            booking.booked_by,
            _("Booking #%(id)s of %(facility)s: %(state)s")
            % {"id": booking.pk, "facility": booking.facility.name, "state": booking.get_state_display()},
            log.reason,
        )


def _not_over(booking: Booking):
    if booking.ends_at <= timezone.now():
        return _("This booking has already ended.")
    return None


BOOKING_WORKFLOW = Workflow(
    name="incubation_booking",
    model=Booking,
    states=B,
    transitions=[
        Transition(
            "approve",
            (B.PENDING,),
            B.APPROVED,
            _("Approve"),
            is_staff_member | (is_booker & booking_needs_no_approval),
            style="success",
        ),
        Transition(
            "reject",
            (B.PENDING,),
            B.REJECTED,
            _("Reject"),
            is_staff_member,
            reason_required=True,
            style="danger",
        ),
        Transition(
            "cancel",
            (B.PENDING, B.APPROVED),
            B.CANCELLED,
            _("Cancel the booking"),
            is_staff_member | is_booker,
            condition=_not_over,
            style="outline-danger",
        ),
    ],
    notify=_notify_booking,
)


def _fully_disbursed(application: FundApplication):
    total = sum((d.amount for d in application.disbursements.all()), start=0)
    if application.amount_awarded is None or total < application.amount_awarded:
        return _("The award has not been fully disbursed yet.")
    return None


def _notify_fund(application: FundApplication, log):
    yield (
        application.applicant,
        _("Fund application for “%(project)s”: %(state)s")
        % {"project": application.project.name, "state": application.get_state_display()},
        log.reason,
    )


FUND_WORKFLOW = Workflow(
    name="incubation_fund_application",
    model=FundApplication,
    states=F,
    transitions=[
        Transition("start_review", (F.SUBMITTED,), F.UNDER_REVIEW, _("Start review"), is_staff_member),
        Transition(
            "approve", (F.UNDER_REVIEW,), F.APPROVED, _("Approve the award"), is_staff_member, style="success"
        ),
        Transition(
            "reject",
            (F.UNDER_REVIEW,),
            F.REJECTED,
            _("Do not award"),
            is_staff_member,
            reason_required=True,
            style="danger",
        ),
        Transition(
            "withdraw",
            (F.SUBMITTED, F.UNDER_REVIEW),
            F.WITHDRAWN,
            _("Withdraw"),
            is_fund_applicant,
            style="outline-secondary",
        ),
        Transition(
            "complete",
            (F.APPROVED,),
            F.COMPLETED,
            _("Mark fully disbursed"),
            is_staff_member,
            condition=_fully_disbursed,
        ),
    ],
    notify=_notify_fund,
)


def _notify_consulting(request: ConsultingRequest, log):
    if log.to_state in (C.ASSIGNED,) and request.assignee_id:
        yield request.assignee, _("Consulting request assigned to you: %(s)s") % {"s": request.subject}, ""
    if log.actor_id != request.requester_id:
        yield (
            request.requester,
            _("Consulting request “%(s)s”: %(state)s")
            % {"s": request.subject, "state": request.get_state_display()},
            log.reason,
        )
    elif log.to_state == C.IN_PROGRESS and request.assignee_id:
        yield request.assignee, _("Consulting request sent back: %(s)s") % {"s": request.subject}, log.reason


CONSULTING_WORKFLOW = Workflow(
    name="incubation_consulting",
    model=ConsultingRequest,
    states=C,
    transitions=[
        Transition(
            "assign", (C.SUBMITTED, C.ASSIGNED), C.ASSIGNED, _("Assign a consultant"), is_staff_member
        ),
        Transition("start", (C.ASSIGNED,), C.IN_PROGRESS, _("Start work"), is_staff_member | is_consultant),
        Transition(
            "answer",
            (C.IN_PROGRESS,),
            C.ANSWERED,
            _("Give advice"),
            is_staff_member | is_consultant,
            style="success",
        ),
        Transition(
            "accept", (C.ANSWERED,), C.CLOSED, _("Accept and close"), is_consulting_requester, style="success"
        ),
        Transition(
            "send_back",
            (C.ANSWERED,),
            C.IN_PROGRESS,
            _("Send back"),
            is_consulting_requester,
            reason_required=True,
            style="outline-danger",
        ),
        Transition(
            "cancel",
            (C.SUBMITTED, C.ASSIGNED),
            C.CANCELLED,
            _("Cancel"),
            is_staff_member | is_consulting_requester,
            style="outline-secondary",
        ),
    ],
    notify=_notify_consulting,
)

# Actions that need more than a reason: the services (and their forms/endpoints) take them.
PAYLOAD_ACTIONS = {
    "incubation_project": {"start_review"},
    "incubation_fund_application": {"approve"},
    "incubation_consulting": {"assign", "answer"},
}
