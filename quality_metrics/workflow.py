"""The state machines of service quality (changed only through platform_core.workflow.engine)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role, is_admin, is_staff_member
from platform_core.workflow.engine import Transition, Workflow

from .models import Complaint, ConformityAudit, ImprovementAction, PlatformEvaluation, ServiceStarEvaluation
from .permissions import is_action_owner, is_auditor, is_complainant

C = Complaint.State
A = ImprovementAction.State
U = ConformityAudit.State
P = PlatformEvaluation.State
S = ServiceStarEvaluation.State


def _staff_users():
    return (
        get_user_model().objects.filter(groups__name__in=[Role.STAFF, Role.ADMIN], is_active=True).distinct()
    )


def _notify_complaint(complaint: Complaint, log):
    title = _("Complaint %(code)s: %(state)s") % {
        "code": complaint.code,
        "state": complaint.get_state_display(),
    }
    if log.action in ("acknowledge", "resolve", "close", "investigate") and complaint.complainant_id:
        yield complaint.complainant, title, log.reason
    if log.action in ("confirm", "reopen"):
        recipients = [complaint.handler] if complaint.handler_id else list(_staff_users())
        for user in recipients:
            yield user, title, log.reason


def _complaint_resolution(complaint: Complaint):
    if not complaint.investigation.strip():
        return _("Record the investigation findings before resolving the complaint.")
    return None


COMPLAINT_WORKFLOW = Workflow(
    name="complaint",
    model=Complaint,
    states=C,
    transitions=[
        Transition("acknowledge", (C.SUBMITTED,), C.ACKNOWLEDGED, _("Acknowledge"), is_staff_member),
        Transition(
            "investigate",
            (C.ACKNOWLEDGED, C.REOPENED),
            C.INVESTIGATING,
            _("Start investigation"),
            is_staff_member,
        ),
        Transition(
            "resolve",
            (C.INVESTIGATING,),
            C.RESOLVED,
            _("Resolve"),
            is_staff_member,
            reason_required=True,
            condition=_complaint_resolution,
            style="success",
        ),
        Transition(
            "confirm", (C.RESOLVED,), C.CLOSED, _("Confirm the resolution"), is_complainant, style="success"
        ),
        Transition(
            "reopen",
            (C.RESOLVED,),
            C.REOPENED,
            _("Not resolved: reopen"),
            is_complainant,
            reason_required=True,
            style="outline-danger",
        ),
        Transition(
            "close",
            (C.RESOLVED,),
            C.CLOSED,
            _("Close without confirmation"),
            is_staff_member,
            reason_required=True,
            style="outline-secondary",
        ),
    ],
    notify=_notify_complaint,
)


def _notify_action(action: ImprovementAction, log):
    title = _("Improvement action %(code)s: %(state)s") % {
        "code": action.code,
        "state": action.get_state_display(),
    }
    if log.action in ("send_back", "cancel") and action.owner_id:
        yield action.owner, title, log.reason
    if log.action == "complete":
        for user in _staff_users():
            if user.pk != action.owner_id:
                yield user, title, log.reason


ACTION_WORKFLOW = Workflow(
    name="improvement_action",
    model=ImprovementAction,
    states=A,
    transitions=[
        Transition("start", (A.OPEN,), A.IN_PROGRESS, _("Start"), is_action_owner | is_staff_member),
        Transition(
            "complete",
            (A.IN_PROGRESS,),
            A.DONE,
            _("Report done"),
            is_action_owner | is_staff_member,
            reason_required=True,
            style="success",
        ),
        Transition("verify", (A.DONE,), A.VERIFIED, _("Verify"), is_staff_member, style="success"),
        Transition(
            "send_back",
            (A.DONE,),
            A.IN_PROGRESS,
            _("Not effective: send back"),
            is_staff_member,
            reason_required=True,
            style="outline-danger",
        ),
        Transition(
            "cancel",
            (A.OPEN, A.IN_PROGRESS),
            A.CANCELLED,
            _("Cancel"),
            is_admin,
            reason_required=True,
            style="outline-secondary",
        ),
    ],
    notify=_notify_action,
)


def _audit_complete(audit: ConformityAudit):
    if not audit.items.exists():
        return _("Sample at least one service record before completing the audit.")
    if audit.items.filter(conforming__isnull=True).exists():
        return _("Check every sampled record before completing the audit.")
    return None


AUDIT_WORKFLOW = Workflow(
    name="conformity_audit",
    model=ConformityAudit,
    states=U,
    transitions=[
        Transition("start", (U.PLANNED,), U.IN_PROGRESS, _("Start the audit"), is_auditor | is_staff_member),
        Transition(
            "complete",
            (U.IN_PROGRESS,),
            U.COMPLETED,
            _("Complete the audit"),
            is_auditor | is_staff_member,
            condition=_audit_complete,
            style="success",
        ),
        Transition(
            "reopen",
            (U.COMPLETED,),
            U.IN_PROGRESS,
            _("Reopen"),
            is_staff_member,
            reason_required=True,
            style="outline-secondary",
        ),
    ],
)


def _panel_problem(evaluation: PlatformEvaluation):
    from .services.platform_evaluation import panel_problems

    problems = panel_problems(evaluation)
    return "；".join(str(p) for p in problems) if problems else None


def _report_ready(evaluation: PlatformEvaluation):
    if not evaluation.overall_situation.strip() or not evaluation.problems.strip():
        return _("Write the overall situation and the problems found before issuing the report.")
    if not evaluation.suggestions.exists():
        return _("Record at least one improvement suggestion before issuing the report.")
    return None


PLATFORM_EVALUATION_WORKFLOW = Workflow(
    name="platform_evaluation",
    model=PlatformEvaluation,
    states=P,
    transitions=[
        Transition(
            "start_scoring",
            (P.PREPARING,),
            P.SCORING,
            _("Confirm the panel and start scoring"),
            is_staff_member,
            condition=_panel_problem,
        ),
        Transition("finish_scoring", (P.SCORING,), P.SCORED, _("Close the scoring"), is_staff_member),
        Transition(
            "issue_report",
            (P.SCORED,),
            P.REPORTED,
            _("Issue the report"),
            is_staff_member,
            condition=_report_ready,
            style="success",
        ),
    ],
)


def _star_ready(star: ServiceStarEvaluation):
    if not star.conditions_met:
        return _("The subject must meet all four basic conditions (4.2–4.5) before it is evaluated.")
    return None


SERVICE_STAR_WORKFLOW = Workflow(
    name="service_star",
    model=ServiceStarEvaluation,
    states=S,
    transitions=[
        Transition(
            "start_scoring",
            (S.PREPARING,),
            S.SCORING,
            _("Start scoring"),
            is_staff_member,
            condition=_star_ready,
        ),
        Transition("close", (S.SCORING,), S.CLOSED, _("Close the scoring"), is_staff_member, style="success"),
    ],
)
