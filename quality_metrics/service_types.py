"""The declared table of the platform's services, read from the core's transition log.

Every service the platform renders to a user is a record with a workflow. This table says, for each, which
log rows start the service clock (the user's request), which actions are the platform's response, which
states complete the service, and who the case's user is. Timeliness (000 §7.1.2.3), the case-triggered
satisfaction surveys (7.2.1) and the audit sampling all read it, and nothing else: no app imports
quality_metrics, and quality_metrics never writes another app's records.

Rules (all counted in Chinese working days from ``TransitionLog.working_days``, which the engine stores
per step, so any span is the sum of the steps inside it):

* a *start* is a log row whose action is in ``start_actions`` (``create`` is the logged creation);
* the *response* to a start is the first later row whose action is in ``response_actions``; its response
  time is the working days from the start to it;
* a *completion* is a row entering one of ``completion_states`` from a state outside them; its
  completion time is the working days from the record's first start to it. A completion closes the case
  (and triggers the case survey).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ServiceType:
    code: str
    label: Any
    model: str  # "app_label.ModelName"
    workflow: str  # the workflow name written in TransitionLog.workflow
    start_actions: tuple[str, ...]
    response_actions: tuple[str, ...]
    completion_states: tuple[str, ...]
    # attribute of the record holding the case's user (falls back to the actor of the first start)
    recipient: str = ""
    timeliness: bool = True  # counted in the timeliness indicator
    survey_on_close: bool = True  # a closed case sends that user a satisfaction survey

    def model_class(self):
        """The source model, or None while its app has not shipped it yet."""
        try:
            return apps.get_model(self.model)
        except (LookupError, ValueError):
            return None


SERVICE_TYPES: tuple[ServiceType, ...] = (
    ServiceType(
        code="formal_review",
        label=_("Formal review"),
        model="achievements.Achievement",
        workflow="achievement",
        start_actions=("submit", "resubmit"),
        response_actions=("accept", "return_for_supplement", "refuse"),
        completion_states=("accepted", "refused"),
        recipient="holder",
    ),
    ServiceType(
        code="consultation",
        label=_("Online consultation"),
        model="content.Consultation",
        workflow="consultation",
        start_actions=("create", "follow_up", "reopen"),
        response_actions=("answer", "close"),
        completion_states=("answered", "closed"),
        recipient="asker",
    ),
    ServiceType(
        code="ip_request",
        label=_("IP service request"),
        model="ip_services.IpServiceRequest",
        workflow="ip_service_request",
        start_actions=("create", "send_back"),
        response_actions=("assign", "deliver"),
        completion_states=("delivered", "accepted"),
        recipient="requester",
    ),
    ServiceType(
        code="consulting",
        label=_("Management consulting"),
        model="incubation.ConsultingRequest",
        workflow="incubation_consulting",
        start_actions=("create", "send_back"),
        response_actions=("assign", "answer"),
        completion_states=("answered", "closed"),
        recipient="requester",
    ),
    ServiceType(
        code="complaint",
        label=_("Complaint handling"),
        model="quality_metrics.Complaint",
        workflow="complaint",
        start_actions=("create", "reopen"),
        response_actions=("acknowledge",),
        completion_states=("resolved", "closed"),
        recipient="complainant",
    ),
    ServiceType(
        code="docking",
        label=_("Technology docking"),
        model="matching.DockingProject",
        workflow="docking_project",
        start_actions=("create",),
        response_actions=("contact",),
        completion_states=("agreement_signed", "closed"),
        recipient="enterprise",
        timeliness=False,
    ),
)

BY_CODE = {s.code: s for s in SERVICE_TYPES}
BY_WORKFLOW = {s.workflow: s for s in SERVICE_TYPES}


def timeliness_types() -> list[ServiceType]:
    return [s for s in SERVICE_TYPES if s.timeliness]


def choices() -> list[tuple[str, Any]]:
    return [(s.code, s.label) for s in SERVICE_TYPES]


def get(code: str) -> ServiceType:
    return BY_CODE[code]
