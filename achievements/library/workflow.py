"""State machines of the library: access requests, update cycles and refresh proposals."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role, is_staff_member
from platform_core.workflow.engine import Transition, Workflow

from .models import AccessRequest, EntryFreshness, RefreshProposal
from .permissions import is_achievement_holder, is_requester, is_system

A = AccessRequest.State
F = EntryFreshness.State
R = RefreshProposal.State


def _access_notify(request: AccessRequest, log):
    name = request.achievement.name
    if log.action == "request":
        yield (
            request.achievement.holder,
            _("Access request for “%(name)s”") % {"name": name},
            _("%(who)s asks for the confidential details: %(message)s")
            % {"who": request.requester, "message": request.message},
        )
        return
    messages = {
        "grant": _("Your access request for “%(name)s” was granted"),
        "deny": _("Your access request for “%(name)s” was denied"),
        "revoke": _("Your access to “%(name)s” was revoked"),
    }
    if log.action in messages:
        yield request.requester, messages[log.action] % {"name": name}, log.reason or request.response or ""


ACCESS_WORKFLOW = Workflow(
    name="library_access",
    model=AccessRequest,
    states=A,
    transitions=[
        Transition(
            "grant",
            (A.REQUESTED,),
            A.GRANTED,
            _("Grant"),
            is_achievement_holder | is_staff_member,
            style="success",
        ),
        Transition(
            "deny",
            (A.REQUESTED,),
            A.DENIED,
            _("Deny"),
            is_achievement_holder | is_staff_member,
            reason_required=True,
            style="danger",
        ),
        Transition(
            "revoke",
            (A.GRANTED,),
            A.REVOKED,
            _("Revoke"),
            is_achievement_holder | is_staff_member,
            reason_required=True,
            style="warning",
        ),
        Transition("withdraw", (A.REQUESTED,), A.WITHDRAWN, _("Withdraw"), is_requester, style="secondary"),
    ],
    notify=_access_notify,
)


def _staff():
    User = get_user_model()
    return list(User.objects.filter(groups__name=Role.STAFF, is_active=True).distinct())


def _fresh_notify(entry: EntryFreshness, log):
    achievement = entry.achievement
    name = achievement.name
    if log.action == "ask":
        yield (
            achievement.holder,
            _("Please confirm “%(name)s” is up to date") % {"name": name},
            _("Confirm the library entry or send updated content; unconfirmed entries are marked stale."),
        )
    elif log.action == "mark_stale":
        yield (
            achievement.holder,
            _("“%(name)s” is marked as awaiting update") % {"name": name},
            _("Confirm or update it soon, otherwise it will be retired from the library."),
        )
        for user in _staff():
            yield user, _("Library entry stale: %(name)s") % {"name": name}, log.reason


staff_or_system = is_staff_member | is_system

FRESHNESS_WORKFLOW = Workflow(
    name="library_freshness",
    model=EntryFreshness,
    states=F,
    transitions=[
        Transition("ask", (F.CURRENT,), F.DUE, _("Ask the holder to confirm"), staff_or_system),
        Transition("mark_stale", (F.DUE,), F.STALE, _("Mark stale"), staff_or_system, style="warning"),
        Transition(
            "retire",
            (F.STALE, F.DUE, F.CURRENT),
            F.RETIRED,
            _("Retire"),
            staff_or_system,
            reason_required=True,
            style="dark",
        ),
        Transition(
            "confirm",
            (F.CURRENT, F.DUE, F.STALE),
            F.CURRENT,
            _("Confirm up to date"),
            is_achievement_holder | is_staff_member,
            style="success",
        ),
        Transition("reinstate", (F.RETIRED,), F.CURRENT, _("Reinstate"), is_staff_member),
    ],
    notify=_fresh_notify,
)


def _refresh_notify(proposal: RefreshProposal, log):
    name = proposal.achievement.name
    if log.action == "approve":
        yield proposal.proposed_by, _("Your update of “%(name)s” is live") % {"name": name}, log.reason
    elif log.action == "reject":
        yield (
            proposal.proposed_by,
            _("Your update of “%(name)s” was not accepted") % {"name": name},
            log.reason,
        )


REFRESH_WORKFLOW = Workflow(
    name="library_refresh",
    model=RefreshProposal,
    states=R,
    transitions=[
        Transition(
            "approve", (R.SUBMITTED,), R.APPROVED, _("Approve and publish"), is_staff_member, style="success"
        ),
        Transition(
            "reject",
            (R.SUBMITTED,),
            R.REJECTED,
            _("Reject"),
            is_staff_member,
            reason_required=True,
            style="danger",
        ),
    ],
    notify=_refresh_notify,
)
