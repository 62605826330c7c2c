"""Account approval: self-registered holders and enterprises wait for staff."""

from django.utils.translation import gettext_lazy as _

from platform_core.workflow.engine import Transition, Workflow

from .models import User
from .roles import is_staff_member

A = User.Approval


def _notify(user, log):
    if log.to_state == A.APPROVED:
        yield user, _("Your account has been approved"), _("You can now log in to the platform.")
    elif log.to_state == A.REJECTED:
        yield user, _("Your registration was not approved"), log.reason


ACCOUNT_WORKFLOW = Workflow(
    name="account",
    model=User,
    states=A,
    state_field="approval_status",
    transitions=[
        Transition(
            "approve", (A.PENDING, A.REJECTED), A.APPROVED, _("Approve"), is_staff_member, style="success"
        ),
        Transition(
            "reject",
            (A.PENDING,),
            A.REJECTED,
            _("Reject"),
            is_staff_member,
            reason_required=True,
            style="danger",
        ),
    ],
    notify=_notify,
)
