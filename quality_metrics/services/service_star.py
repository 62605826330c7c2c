"""Service-star innovation achievement evaluation (T/SAQ 0008—2024) on the scorecard template service_star_004.

The standard's text available to the platform stops before its scoring table (Annex A) and scoring method
(Annex B): the template follows the structure of its clause 5, and its points and grade bands are the
platform's defaults, labelled as such and editable by an administrator.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from evaluation.models import ScorecardTemplate
from evaluation.scorecards import (
    scorecard_evaluation_close,
    scorecard_evaluation_create,
    scorecard_evaluation_open,
    scorecard_template_create_from_tree,
    tree_of,
)
from platform_core.errors import ConflictError, ValidationFailed
from platform_core.workflow.engine import record_initial, transition

from ..models import ServiceStarEvaluation
from .codes import code_next

TEMPLATE_CODE = "service_star_004"


@transaction.atomic
def service_star_create(*, actor: Any, **fields: Any) -> ServiceStarEvaluation:
    star = ServiceStarEvaluation(
        code=code_next("MX"), created_by=actor if getattr(actor, "pk", None) else None, **fields
    )
    star.full_clean()
    star.save()
    record_initial(star, actor=actor)
    return star


@transaction.atomic
def service_star_start_scoring(*, star_id: int, actor: Any, members: Iterable[Any]) -> ServiceStarEvaluation:
    members = list(members)
    if not members:
        raise ValidationFailed(_("Choose at least one evaluator."), code="no_members")
    star = ServiceStarEvaluation.objects.get(pk=star_id)
    if not star.conditions_met:
        raise ValidationFailed(
            _("The subject must meet all four basic conditions (4.2–4.5) before it is evaluated."),
            code="conditions",
        )
    scorecard = scorecard_evaluation_create(
        template=ScorecardTemplate.objects.get(code=TEMPLATE_CODE),
        title=str(star),
        members=members,
        actor=actor,
        subject=star,
    )
    scorecard_evaluation_open(evaluation_id=scorecard.pk, actor=actor)

    def link(s: ServiceStarEvaluation) -> None:
        s.scorecard = scorecard

    return transition(ServiceStarEvaluation, star_id, action="start_scoring", actor=actor, apply=link)


@transaction.atomic
def service_star_close(*, star_id: int, actor: Any) -> ServiceStarEvaluation:
    star = ServiceStarEvaluation.objects.select_related("scorecard").get(pk=star_id)
    if star.scorecard is None:
        raise ConflictError(_("Scoring has not started."), code="not_scoring")
    scorecard = star.scorecard
    if scorecard.state != "closed":
        scorecard = scorecard_evaluation_close(evaluation_id=scorecard.pk, actor=actor)

    def fill(s: ServiceStarEvaluation) -> None:
        s.total = scorecard.total
        s.grade = scorecard.grade
        s.grade_label = scorecard.grade_label

    return transition(ServiceStarEvaluation, star_id, action="close", actor=actor, apply=fill)


def _tree(template: ScorecardTemplate, points: Mapping[str, Any]) -> list[dict]:
    roots, children = tree_of(template.criteria.all())

    def node(c) -> dict:
        kids = [node(k) for k in children.get(c.pk, [])]
        value = Decimal(str(points.get(c.code, c.max_points)))
        if kids:
            value = sum((Decimal(str(k["max_points"])) for k in kids), Decimal("0"))
        return {
            "code": c.code,
            "title": c.title,
            "max_points": value,
            "requirement": c.requirement,
            "scoring_rule": c.scoring_rule,
            "is_bonus": c.is_bonus,
            "children": kids,
        }

    return [node(r) for r in roots]


@transaction.atomic
def service_star_template_configure(
    *, actor: Any, points: Mapping[str, Any], bands: Iterable[tuple[Any, str, str]]
) -> ScorecardTemplate:
    """Change the default points of the leaf items and the grade bands (parents are the sums of their items)."""
    template = ScorecardTemplate.objects.get(code=TEMPLATE_CODE)
    for code, value in points.items():
        if Decimal(str(value)) < 0:
            raise ValidationFailed(
                _("Points cannot be negative (%(code)s).") % {"code": code}, code="bad_points"
            )
    return scorecard_template_create_from_tree(
        code=template.code,
        name=template.name,
        bonus_max=template.bonus_max,
        bands=list(bands),
        tree=_tree(template, points),
        description=template.description,
        aggregation=template.aggregation,
    )
