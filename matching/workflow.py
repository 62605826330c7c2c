"""State machines of the matching app: demands, challenge applications, docking projects, agreements,
implementation projects and matchmaking events. Only ``platform_core.workflow.engine.transition`` moves them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from platform_core.accounts.roles import Role, is_staff_member
from platform_core.workflow.engine import Transition, Workflow

from .models import (
    Agreement,
    ChallengeApplication,
    Demand,
    DockingProject,
    ImplementationProject,
    MatchmakingEvent,
)
from .permissions import is_applicant, is_call_owner, is_demand_owner, is_project_enterprise

D = Demand.State
A = ChallengeApplication.State
P = DockingProject.State
G = Agreement.State
I = ImplementationProject.State  # noqa: E741
E = MatchmakingEvent.State


def _staff():
    return list(get_user_model().objects.filter(groups__name=Role.STAFF, is_active=True).distinct())


# --------------------------------------------------------------------------- demands
def _demand_complete(demand: Demand):
    missing = []
    if not demand.description.strip():
        missing.append(str(_("description")))
    if demand.technical_field_id is None:
        missing.append(str(_("technical field")))
    if demand.is_challenge and not demand.deadline:
        missing.append(str(_("deadline")))
    if missing:
        return _("The demand is incomplete: %(items)s") % {"items": "、".join(missing)}
    return None


def _demand_notify(demand: Demand, log):
    if log.action == "submit":
        for user in _staff():
            yield user, _("New demand to review: %(t)s") % {"t": demand.title}, demand.description[:200]
        return
    messages = {
        "publish": _("Your demand “%(t)s” has been published"),
        "return_for_revision": _("Your demand “%(t)s” was returned for revision"),
    }
    if log.action in messages:
        yield demand.owner, messages[log.action] % {"t": demand.title}, log.reason


DEMAND_WORKFLOW = Workflow(
    name="demand",
    model=Demand,
    states=D,
    transitions=[
        Transition("submit", (D.DRAFT, D.RETURNED), D.SUBMITTED, _("Submit for review"), is_demand_owner,
                   condition=_demand_complete, style="success"),
        Transition("publish", (D.SUBMITTED,), D.PUBLISHED, _("Publish"), is_staff_member, style="success"),
        Transition("return_for_revision", (D.SUBMITTED,), D.RETURNED, _("Return for revision"), is_staff_member,
                   reason_required=True, style="warning"),
        Transition("close", (D.PUBLISHED,), D.CLOSED, _("Close"), is_staff_member | is_demand_owner,
                   reason_required=True, style="dark"),
        Transition("withdraw", (D.DRAFT, D.SUBMITTED, D.RETURNED), D.CLOSED, _("Withdraw"), is_demand_owner,
                   style="secondary"),
    ],
    notify=_demand_notify,
)  # fmt: skip


# --------------------------------------------------------------------------- challenge applications
def _application_notify(application: ChallengeApplication, log):
    title = application.demand.title
    if log.action in ("accept", "reject"):
        message = (
            _("Your application to “%(t)s” was accepted")
            if log.action == "accept"
            else _("Your application to “%(t)s” was not accepted")
        )
        yield application.applicant, message % {"t": title}, log.reason


APPLICATION_WORKFLOW = Workflow(
    name="challenge_application",
    model=ChallengeApplication,
    states=A,
    transitions=[
        Transition("accept", (A.SUBMITTED,), A.ACCEPTED, pgettext_lazy("matching", "Accept"), is_staff_member | is_call_owner, style="success"),
        Transition("reject", (A.SUBMITTED,), A.REJECTED, _("Reject"), is_staff_member | is_call_owner,
                   reason_required=True, style="danger"),
        Transition("withdraw", (A.SUBMITTED,), A.WITHDRAWN, _("Withdraw"), is_applicant, style="secondary"),
    ],
    notify=_application_notify,
)  # fmt: skip


# --------------------------------------------------------------------------- docking projects
def _project_parties(project: DockingProject):
    yield project.enterprise
    yield project.achievement.holder


def _project_notify(project: DockingProject, log):
    if log.action == "create":
        return
    to_label = P(log.to_state).label
    title = _("Docking project “%(t)s”: %(s)s") % {"t": project.title, "s": to_label}
    for user in _project_parties(project):
        yield user, title, log.reason
    if project.assigned_to_id and log.actor_id != project.assigned_to_id:
        yield project.assigned_to, title, log.reason


def _has_signed_agreement(project: DockingProject):
    if not project.agreements.filter(state=G.SIGNED).exists():
        return _("Sign the agreement first: the project moves on when its agreement is signed.")
    return None


DOCKING_WORKFLOW = Workflow(
    name="docking_project",
    model=DockingProject,
    states=P,
    transitions=[
        Transition("contact", (P.INQUIRY,), P.CONTACTED, _("Contacted both sides"), is_staff_member),
        Transition("start_negotiation", (P.CONTACTED,), P.NEGOTIATING, _("Start negotiation"), is_staff_member),
        Transition("record_intent", (P.NEGOTIATING,), P.INTENT, _("Cooperation intent reached"), is_staff_member,
                   style="success"),
        Transition("sign_agreement", (P.NEGOTIATING, P.INTENT), P.AGREEMENT_SIGNED, _("Agreement signed"),
                   is_staff_member, condition=_has_signed_agreement, style="success"),
        Transition("close", DockingProject.OPEN_STATES, P.CLOSED, _("Close without agreement"),
                   is_staff_member | is_project_enterprise, reason_required=True, style="dark"),
    ],
    notify=_project_notify,
)  # fmt: skip


# --------------------------------------------------------------------------- agreements
def _no_open_risks(agreement: Agreement):
    open_flags = agreement.risk_flags.filter(status="open").count()
    if open_flags:
        return _("%(n)d risk point(s) are still open: fix them or accept them with a reason.") % {
            "n": open_flags
        }
    if not agreement.reviewed_at:
        return _("Run the review checklist first.")
    return None


def _ready_to_sign(agreement: Agreement):
    from platform_core.attachments.selectors import attachments_for

    missing = []
    if not attachments_for(agreement, kind="signed_copy").exists():
        missing.append(str(_("the signed copy")))
    if not agreement.signed_on:
        missing.append(str(_("the signing date")))
    if agreement.value is None and agreement.contract_type != "equity":
        missing.append(str(_("the contract value")))
    if missing:
        return _("Record %(items)s before signing.") % {"items": "、".join(missing)}
    return None


def _agreement_notify(agreement: Agreement, log):
    if log.action in ("approve", "sign", "return_for_revision"):
        title = _("Agreement “%(t)s”: %(s)s") % {"t": agreement.title, "s": G(log.to_state).label}
        yield from ((u, title, log.reason) for u in _project_parties(agreement.project))


AGREEMENT_WORKFLOW = Workflow(
    name="agreement",
    model=Agreement,
    states=G,
    transitions=[
        Transition("submit_review", (G.DRAFT,), G.IN_REVIEW, _("Submit for review"), is_staff_member),
        Transition("return_for_revision", (G.IN_REVIEW, G.APPROVED), G.DRAFT, _("Return for revision"),
                   is_staff_member, reason_required=True, style="warning"),
        Transition("approve", (G.IN_REVIEW,), G.APPROVED, _("Sign off the review"), is_staff_member,
                   condition=_no_open_risks, style="success"),
        Transition("sign", (G.APPROVED,), G.SIGNED, _("Record signing"), is_staff_member, condition=_ready_to_sign,
                   style="success"),
        Transition("cancel", (G.DRAFT, G.IN_REVIEW, G.APPROVED), G.CANCELLED, _("Cancel"), is_staff_member,
                   reason_required=True, style="danger"),
    ],
    notify=_agreement_notify,
)  # fmt: skip


# --------------------------------------------------------------------------- implementation
def _outcome_recorded(implementation: ImplementationProject):
    from platform_core.attachments.selectors import attachments_for

    if not implementation.outcome_kind or not implementation.outcome_description.strip():
        return _("Record the outcome (product launched, process applied or revenue) first.")
    if not attachments_for(implementation, kind="evidence").exists():
        return _("Upload the evidence of the outcome first.")
    return None


def _implementation_notify(implementation: ImplementationProject, log):
    if log.action in ("convert", "terminate"):
        title = _("Implementation “%(t)s”: %(s)s") % {"t": implementation.title, "s": I(log.to_state).label}
        yield from ((u, title, log.reason) for u in _project_parties(implementation.project))


IMPLEMENTATION_WORKFLOW = Workflow(
    name="implementation",
    model=ImplementationProject,
    states=I,
    transitions=[
        Transition("convert", (I.IN_PROGRESS,), I.CONVERTED, _("Converted"), is_staff_member,
                   condition=_outcome_recorded, style="success"),
        Transition("terminate", (I.IN_PROGRESS,), I.TERMINATED, _("Terminate"), is_staff_member,
                   reason_required=True, style="danger"),
    ],
    notify=_implementation_notify,
)  # fmt: skip


# --------------------------------------------------------------------------- events
EVENT_WORKFLOW = Workflow(
    name="matchmaking_event",
    model=MatchmakingEvent,
    states=E,
    transitions=[
        Transition("open_registration", (E.DRAFT,), E.OPEN, _("Open registration"), is_staff_member, style="success"),
        Transition("start", (E.OPEN,), E.ONGOING, _("Start the event"), is_staff_member),
        Transition("finish", (E.OPEN, E.ONGOING), E.FINISHED, _("Finish"), is_staff_member),
        Transition("cancel", (E.DRAFT, E.OPEN), E.CANCELLED, _("Cancel"), is_staff_member, reason_required=True,
                   style="danger"),
    ],
)  # fmt: skip

# Moves that need a service (side effects beyond the state): the API routes them there.
DOCKING_SERVICE_ACTIONS = ("contact", "sign_agreement")
AGREEMENT_SERVICE_ACTIONS = ("approve", "sign", "submit_review")
IMPLEMENTATION_SERVICE_ACTIONS = ("convert",)
APPLICATION_SERVICE_ACTIONS = ("accept",)
