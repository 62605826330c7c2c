"""The state machines of the IP services app (changed only through platform_core.workflow.engine)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import is_staff_member
from platform_core.workflow.engine import Transition, Workflow

from .models import Dispute, InfringementAlert, IpServiceRequest
from .permissions import is_requester, is_specialist

R = IpServiceRequest.State
A = InfringementAlert.State
D = Dispute.State


def _has_report(request: IpServiceRequest):
    from platform_core.attachments.selectors import attachments_for

    if not attachments_for(request, kind=IpServiceRequest.REPORT_KIND).exists():
        return _("Attach the report before delivering.")
    return None


def _notify_request(request: IpServiceRequest, log):
    title = request.title
    if log.to_state == R.ASSIGNED and request.assignee_id:
        yield request.assignee, _("IP service request assigned to you: %(t)s") % {"t": title}, log.reason
    if log.to_state == R.IN_PROGRESS and log.action == "send_back" and request.assignee_id:
        yield request.assignee, _("IP service report sent back: %(t)s") % {"t": title}, log.reason
    if log.to_state == R.ACCEPTED and request.assignee_id:
        yield request.assignee, _("IP service report accepted: %(t)s") % {"t": title}, ""
    if log.actor_id != request.requester_id:
        yield (
            request.requester,
            _("Your IP service request “%(t)s”: %(state)s")
            % {"t": title, "state": request.get_state_display()},
            log.reason,
        )


REQUEST_WORKFLOW = Workflow(
    name="ip_service_request",
    model=IpServiceRequest,
    states=R,
    transitions=[
        Transition("assign", (R.INTAKE, R.ASSIGNED), R.ASSIGNED, _("Assign a specialist"), is_staff_member),
        Transition("start", (R.ASSIGNED,), R.IN_PROGRESS, _("Start work"), is_staff_member | is_specialist),
        Transition(
            "deliver",
            (R.IN_PROGRESS,),
            R.DELIVERED,
            _("Deliver the report"),
            is_staff_member | is_specialist,
            condition=_has_report,
            style="success",
        ),
        Transition(
            "accept", (R.DELIVERED,), R.ACCEPTED, _("Accept the delivery"), is_requester, style="success"
        ),
        Transition(
            "send_back",
            (R.DELIVERED,),
            R.IN_PROGRESS,
            _("Send back for rework"),
            is_requester,
            reason_required=True,
            style="outline-danger",
        ),
        Transition(
            "cancel",
            (R.INTAKE, R.ASSIGNED),
            R.CANCELLED,
            _("Cancel the request"),
            is_staff_member | is_requester,
            style="outline-secondary",
        ),
    ],
    notify=_notify_request,
)


def _notify_alert(alert: InfringementAlert, log):
    if log.to_state in (A.CONFIRMED, A.ACTIONED, A.DISMISSED):
        yield (
            alert.owner,
            _("Infringement alert “%(t)s”: %(state)s")
            % {"t": alert.title, "state": alert.get_state_display()},
            log.reason or alert.action_note,
        )


ALERT_WORKFLOW = Workflow(
    name="ip_infringement_alert",
    model=InfringementAlert,
    states=A,
    transitions=[
        Transition("assess", (A.NEW,), A.INVESTIGATING, _("Start assessment"), is_staff_member),
        Transition(
            "confirm",
            (A.NEW, A.INVESTIGATING),
            A.CONFIRMED,
            _("Confirm suspected infringement"),
            is_staff_member,
            style="warning",
        ),
        Transition(
            "dismiss",
            (A.NEW, A.INVESTIGATING),
            A.DISMISSED,
            _("Dismiss"),
            is_staff_member,
            reason_required=True,
            style="outline-secondary",
        ),
        Transition("take_action", (A.CONFIRMED,), A.ACTIONED, _("Record the action taken"), is_staff_member),
        Transition("close", (A.ACTIONED,), A.CLOSED, _("Close"), is_staff_member, style="success"),
    ],
    notify=_notify_alert,
)


def _notify_dispute(dispute: Dispute, log):
    yield (
        dispute.owner,
        _("IP dispute “%(t)s”: %(state)s") % {"t": dispute.title, "state": dispute.get_state_display()},
        log.reason,
    )


DISPUTE_WORKFLOW = Workflow(
    name="ip_dispute",
    model=Dispute,
    states=D,
    transitions=[
        Transition("start", (D.OPEN,), D.IN_PROGRESS, _("Start handling"), is_staff_member),
        Transition("close", (D.OPEN, D.IN_PROGRESS), D.CLOSED, _("Close with an outcome"), is_staff_member),
        Transition(
            "reopen",
            (D.CLOSED,),
            D.IN_PROGRESS,
            _("Reopen"),
            is_staff_member,
            reason_required=True,
            style="outline-danger",
        ),
    ],
    notify=_notify_dispute,
)

# Actions that need more than a reason: their services (forms and endpoints) take the details.
PAYLOAD_ACTIONS = {
    "ip_service_request": {"assign", "deliver"},
    "ip_infringement_alert": {"take_action"},
    "ip_dispute": {"close"},
}
