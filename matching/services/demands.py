"""Demands and challenge calls: writes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from achievements.models import Achievement
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import record_initial, transition

from ..documents import demand_search_tokens, demand_terms
from ..engine import query_weights
from ..models import ChallengeApplication, Demand
from .common import full_clean, locked, set_fields

DEMAND_FIELDS = (
    "title", "technical_field", "technical_field_id", "min_maturity", "min_trl", "budget_min", "budget_max", "region",
    "deadline", "description", "tags", "confidentiality", "is_challenge", "reward",
)  # fmt: skip


def _refresh_later(demand_id: int) -> None:
    from ..tasks import suggestions_refresh_demand

    transaction.on_commit(lambda: suggestions_refresh_demand.delay(demand_id=demand_id))


def _index_text(demand: Demand) -> None:
    demand.search_tokens = demand_search_tokens(demand)
    demand.query_terms = query_weights(demand_terms(demand))


def _set_vocab(demand: Demand, scenarios: Iterable | None, cooperation_modes: Iterable | None) -> None:
    if scenarios is not None:
        demand.scenarios.set(list(scenarios))
    if cooperation_modes is not None:
        demand.cooperation_modes.set(list(cooperation_modes))


@transaction.atomic
def demand_create(
    *,
    owner: Any,
    title: str,
    description: str,
    scenarios: Iterable | None = None,
    cooperation_modes: Iterable | None = None,
    **fields: Any,
) -> Demand:
    """An enterprise drafts a demand (or a challenge call); matches are computed after commit."""
    if not owner.has_perm("matching.add_demand"):
        raise PermissionDeniedError(_("Only enterprises post technology demands."))
    demand = Demand(
        owner=owner, organization=getattr(owner, "organization", None), title=title, description=description
    )
    set_fields(demand, fields, DEMAND_FIELDS)
    _index_text(demand)
    full_clean(demand)
    demand.save()
    _set_vocab(demand, scenarios, cooperation_modes)
    record_initial(demand, actor=owner)
    _refresh_later(demand.pk)
    return demand


@transaction.atomic
def demand_update(
    *,
    demand_id: int,
    actor: Any,
    scenarios: Iterable | None = None,
    cooperation_modes: Iterable | None = None,
    **fields: Any,
) -> Demand:
    demand = locked(Demand, demand_id, _("Demand not found."))
    if not actor.has_perm("matching.view_demand", demand):
        raise NotFoundError(_("Demand not found."))
    if not actor.has_perm("matching.change_demand", demand):
        if demand.owner_id == actor.pk:
            raise ConflictError(_("Only a draft or a returned demand can be edited."), code="not_editable")
        raise PermissionDeniedError(_("Only the enterprise that posted the demand may edit it."))
    set_fields(demand, fields, DEMAND_FIELDS)
    _index_text(demand)
    full_clean(demand)
    demand.save()
    _set_vocab(demand, scenarios, cooperation_modes)
    _refresh_later(demand.pk)
    return demand


def demand_transition(*, demand_id: int, actor: Any, action: str, reason: str = "") -> Demand:
    """Submit, publish, return, close or withdraw a demand (the workflow checks who may)."""

    def apply(obj: Demand) -> None:
        if action == "publish" and obj.published_at is None:
            obj.published_at = timezone.now()

    with transaction.atomic():
        demand = transition(Demand, demand_id, action=action, actor=actor, reason=reason, apply=apply)
        _refresh_later(demand.pk)
    return demand


# --------------------------------------------------------------------------- challenge calls
@transaction.atomic
def challenge_apply(
    *, demand_id: int, actor: Any, proposal: str, achievement_id: int | None = None, team_summary: str = ""
) -> ChallengeApplication:
    """A holder applies to an open challenge call with one of his achievements."""
    demand = locked(Demand, demand_id, _("Demand not found."))
    if not actor.has_perm("matching.view_demand", demand):
        raise NotFoundError(_("Demand not found."))
    if not demand.is_challenge:
        raise ValidationFailed(_("This demand is not a challenge call."), code="not_challenge")
    if not actor.has_perm("matching.apply_challenge", demand):
        if not demand.is_open_for_applications:
            raise ConflictError(_("Applications to this challenge call are closed."), code="closed")
        raise PermissionDeniedError(_("Only achievement holders apply to challenge calls."))
    achievement = None
    if achievement_id is not None:
        achievement = Achievement.objects.filter(pk=achievement_id, holder_id=actor.pk).first()
        if achievement is None:
            raise ValidationFailed(_("Choose one of your own achievements."), code="bad_achievement")
    if (
        ChallengeApplication.objects.filter(demand=demand, applicant=actor)
        .exclude(state="withdrawn")
        .exists()
    ):
        raise ConflictError(_("You have already applied to this challenge call."), code="duplicate")
    application = ChallengeApplication(
        demand=demand, applicant=actor, achievement=achievement, proposal=proposal, team_summary=team_summary
    )
    full_clean(application)
    application.save()
    record_initial(application, actor=actor)
    from platform_core.notifications.services import notification_send

    owner = demand.owner
    transaction.on_commit(
        lambda: notification_send(
            recipient=owner,
            title=_("New application to your challenge call “%(t)s”") % {"t": demand.title},
            body=proposal[:200],
            target=demand,
        )
    )
    return application


@transaction.atomic
def application_decide(
    *, application_id: int, actor: Any, action: str, reason: str = ""
) -> ChallengeApplication:
    """Accept (opens a docking project when an achievement is named), reject or withdraw an application."""
    application = ChallengeApplication.objects.select_related("demand").filter(pk=application_id).first()
    if application is None or not actor.has_perm("matching.view_challengeapplication", application):
        raise NotFoundError(_("Application not found."))

    def apply(obj: ChallengeApplication) -> None:
        if action in ("accept", "reject"):
            obj.decided_at = timezone.now()

    application = transition(
        ChallengeApplication, application.pk, action=action, actor=actor, reason=reason, apply=apply
    )
    if action == "accept" and application.achievement_id:
        from .docking import project_open

        demand = application.demand
        project_open(
            achievement_id=application.achievement_id,
            enterprise=demand.owner,
            actor=actor,
            source="challenge",
            demand_id=demand.pk,
            application_id=application.pk,
            message=application.proposal,
        )
    return application
