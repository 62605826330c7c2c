"""Delphi rounds: invite experts, collect importance ratings with Ca/Cs, close with statistics, run the
next round (experts see the previous round's anonymous statistics), adopt the final round's weights as a
new indicator-system version."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import delphi
from evaluation.models import DelphiRating, DelphiResponse, DelphiRound, Indicator, IndicatorSystem
from evaluation.selectors.delphi import round_statistics
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.notifications.services import notification_send
from platform_core.workflow.engine import record_initial, transition

from .indicators import _require_staff, indicator_system_new_version, normalise_weights


@transaction.atomic
def delphi_round_create(
    *,
    system_id: int,
    actor: Any,
    experts: list[Any],
    title: str = "",
    instructions: str = "",
    full_score: int = 5,
    cv_threshold: Decimal = Decimal("0.25"),
    p_threshold: Decimal = Decimal("0.05"),
    due_date: Any = None,
) -> DelphiRound:
    _require_staff(actor)
    system = IndicatorSystem.objects.filter(pk=system_id).first()
    if system is None:
        raise NotFoundError(_("The record does not exist."))
    if not experts:
        raise ValidationFailed(_("Invite at least two experts."), code="too_few")
    previous = DelphiRound.objects.filter(system=system).aggregate(m=Max("number"))["m"] or 0
    if DelphiRound.objects.filter(system=system, state=DelphiRound.State.OPEN).exists():
        raise ConflictError(_("Close the open round first."), code="round_open")
    delphi_round = DelphiRound(
        system=system,
        number=previous + 1,
        title=title or _("Round %(n)d") % {"n": previous + 1},
        instructions=instructions,
        full_score=full_score,
        cv_threshold=cv_threshold,
        p_threshold=p_threshold,
        due_date=due_date,
        created_by=actor,
    )
    delphi_round.full_clean()
    delphi_round.save()
    delphi_round.experts.set(experts)
    record_initial(delphi_round, actor=actor)
    invited = list(experts)
    title_text = _("Delphi consultation: %(name)s, round %(n)d") % {
        "name": system.name,
        "n": delphi_round.number,
    }

    def notify() -> None:
        for user in invited:
            notification_send(
                recipient=user,
                title=title_text,
                body=_("Please rate the importance of each indicator."),
                target=delphi_round,
            )

    transaction.on_commit(notify)
    return delphi_round


@transaction.atomic
def delphi_response_save(
    *,
    round_id: int,
    actor: Any,
    ratings: Mapping[Any, Mapping[str, Any]],
    familiarity: str,
    basis: Mapping[str, str],
    comment: str = "",
    submit: bool = True,
) -> DelphiResponse:
    delphi_round = DelphiRound.objects.select_for_update().filter(pk=round_id).first()
    if delphi_round is None:
        raise NotFoundError(_("The record does not exist."))
    if not delphi_round.experts.filter(pk=actor.pk).exists():
        raise PermissionDeniedError(_("You are not invited to this round."))
    if delphi_round.state != DelphiRound.State.OPEN:
        raise ConflictError(_("The round is closed."), code="closed")
    try:
        cs = delphi.familiarity_coefficient(familiarity)
        ca = delphi.judgement_coefficient(basis)
    except delphi.DelphiError as exc:
        raise ValidationFailed(str(exc), code="bad_authority")
    response, _created = DelphiResponse.objects.get_or_create(round=delphi_round, expert=actor)
    if response.submitted_at is not None:
        raise ConflictError(_("You have already submitted this round."), code="already_submitted")
    indicators = {i.pk: i for i in Indicator.objects.filter(system=delphi_round.system)}
    for key, item in ratings.items():
        try:
            indicator = indicators[int(key)]
            score = int(item.get("score"))
        except (KeyError, TypeError, ValueError):
            raise ValidationFailed(
                _("Each rating needs a known indicator and a whole-number score."), code="bad_rating"
            )
        if not 1 <= score <= delphi_round.full_score:
            raise ValidationFailed(
                _("Scores run from 1 to %(max)d.") % {"max": delphi_round.full_score}, code="out_of_bounds"
            )
        DelphiRating.objects.update_or_create(
            response=response,
            indicator=indicator,
            defaults={"score": score, "comment": str(item.get("comment") or "")[:500]},
        )
    response.familiarity = familiarity
    for key in ("theory", "practice", "peers", "intuition"):
        if key in basis:
            setattr(response, f"basis_{key}", basis[key])
    response.ca, response.cs, response.comment = ca, cs, comment
    if submit:
        rated = set(response.ratings.values_list("indicator_id", flat=True))
        missing = [i.name for i in indicators.values() if i.pk not in rated]
        if missing:
            raise ValidationFailed(
                _("Rate every indicator. Missing: %(items)s") % {"items": "、".join(missing[:5])},
                code="incomplete",
            )
        response.submitted_at = timezone.now()
    response.full_clean()
    response.save()
    return response


@transaction.atomic
def delphi_round_close(*, round_id: int, actor: Any) -> DelphiRound:
    delphi_round = DelphiRound.objects.filter(pk=round_id).first()
    if delphi_round is None:
        raise NotFoundError(_("The record does not exist."))
    stats = round_statistics(delphi_round)

    def fill(obj: DelphiRound) -> None:
        obj.results = stats
        obj.consensus = stats["consensus"]
        obj.closed_at = timezone.now()

    return transition(DelphiRound, round_id, action="close", actor=actor, apply=fill)


@transaction.atomic
def delphi_round_next(*, round_id: int, actor: Any, due_date: Any = None) -> DelphiRound:
    """Start the next round with the same experts; they see this round's anonymous statistics."""
    previous = DelphiRound.objects.filter(pk=round_id).first()
    if previous is None:
        raise NotFoundError(_("The record does not exist."))
    if previous.state != DelphiRound.State.CLOSED:
        raise ConflictError(_("Close the round first."), code="round_open")
    return delphi_round_create(
        system_id=previous.system_id,
        actor=actor,
        experts=list(previous.experts.all()),
        instructions=previous.instructions,
        full_score=previous.full_score,
        cv_threshold=previous.cv_threshold,
        p_threshold=previous.p_threshold,
        due_date=due_date,
    )


@transaction.atomic
def delphi_round_adopt(*, round_id: int, actor: Any) -> IndicatorSystem:
    """A new draft version of the system with weights from the round's mean importance (siblings
    normalised to 1). Staff put it into use after review."""
    _require_staff(actor)
    delphi_round = DelphiRound.objects.select_for_update().filter(pk=round_id).first()
    if delphi_round is None:
        raise NotFoundError(_("The record does not exist."))
    if delphi_round.state != DelphiRound.State.CLOSED:
        raise ConflictError(_("Close the round first."), code="round_open")
    if delphi_round.adopted_system_id:
        raise ConflictError(_("This round has already been adopted."), code="already_adopted")
    means = {row["code"]: row["mean"] for row in delphi_round.results.get("indicators", [])}
    if not means or any(v <= 0 for v in means.values()):
        raise ValidationFailed(_("The round has no ratings to adopt."), code="no_ratings")
    system = indicator_system_new_version(
        system_id=delphi_round.system_id, actor=actor, weight_method=IndicatorSystem.WeightMethod.DELPHI
    )
    groups: dict[int | None, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(system=system).order_by("order", "id"):
        groups.setdefault(indicator.parent_id, []).append(indicator)
    for items in groups.values():
        for indicator, weight in zip(items, normalise_weights([means[i.code] for i in items]), strict=True):
            Indicator.objects.filter(pk=indicator.pk).update(weight=weight)
    delphi_round.adopted_system = system
    delphi_round.save(update_fields=["adopted_system", "updated_at"])
    return system
