"""The admission review score form (入孵评审评分表).

A structured points form of four criteria (100 points). The evaluation app's generic scorecard engine
(``evaluation/scorecards.py``) did not exist when this was written, so the incubation app keeps its own
small form with the same shape (criteria with maximum points, validated scores, a total).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from platform_core.errors import ValidationFailed


@dataclass(frozen=True)
class Criterion:
    code: str
    label: Any
    max_points: int
    guidance: Any = ""


@dataclass(frozen=True)
class ScoreForm:
    code: str
    criteria: tuple[Criterion, ...]

    @property
    def max_total(self) -> int:
        return sum(c.max_points for c in self.criteria)

    def score(self, raw: dict[str, Any]) -> tuple[dict[str, str], Decimal]:
        """Validate one reviewer's scores; returns ({code: points}, total). Every criterion is required."""
        clean: dict[str, str] = {}
        total = Decimal(0)
        problems = []
        for criterion in self.criteria:
            value = raw.get(criterion.code)
            try:
                points = Decimal(str(value))
            except (InvalidOperation, TypeError, ValueError):
                problems.append(_("%(c)s: enter a score.") % {"c": criterion.label})
                continue
            if not (0 <= points <= criterion.max_points):
                problems.append(
                    _("%(c)s: the score must be between 0 and %(max)s.")
                    % {"c": criterion.label, "max": criterion.max_points}
                )
                continue
            clean[criterion.code] = str(points)
            total += points
        if problems:
            raise ValidationFailed("；".join(problems), code="invalid_scores")
        return clean, total


ADMISSION_FORM = ScoreForm(
    code="incubation_admission",
    criteria=(
        Criterion(
            "innovation",
            gettext_lazy("Technical innovation and maturity"),
            30,
            gettext_lazy("Originality, breakthrough, technology readiness."),
        ),
        Criterion(
            "market",
            gettext_lazy("Market prospects"),
            25,
            gettext_lazy("Market size, clinical need, commercialisation potential."),
        ),
        Criterion(
            "team",
            gettext_lazy("Team capability"),
            25,
            gettext_lazy("Composition, foundation, division of work."),
        ),
        Criterion(
            "plan",
            gettext_lazy("Feasibility of the business plan"),
            20,
            gettext_lazy("Goals, business model, financing plan."),
        ),
    ),
)


def admission_form() -> ScoreForm:
    return ADMISSION_FORM
