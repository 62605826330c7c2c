"""``python manage.py scorecard_templates [--json]``: every scorecard template of the evaluation engine."""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.management.base import BaseCommand

from evaluation.models import ScorecardTemplate
from evaluation.scorecards import tree_of


def _number(value: Decimal) -> int | float:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _node(criterion, children: dict) -> dict:
    return {
        "name": criterion.title,
        "max_points": _number(criterion.max_points),
        "children": [_node(c, children) for c in children.get(criterion.pk, [])],
    }


def templates_as_data() -> list[dict]:
    """``[{code, name, bonus_max, criteria: [{name, max_points, children}]}]`` for every template."""
    out = []
    for template in ScorecardTemplate.objects.prefetch_related("criteria").order_by("code"):
        roots, children = tree_of(template.criteria.all())
        out.append(
            {
                "code": template.code,
                "name": template.name,
                "bonus_max": _number(template.bonus_max),
                "criteria": [_node(r, children) for r in roots],
            }
        )
    return out


class Command(BaseCommand):
    help = "List the scorecard templates (Table A.1 qi_platform_a1, service_star_004, …) with their criteria."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true", help="Print the templates as JSON.")

    def handle(self, *args, **options) -> None:
        data = templates_as_data()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return

        def show(nodes, depth):
            for n in nodes:
                self.stdout.write(f"{'  ' * depth}- {n['name']} ({n['max_points']})")
                show(n["children"], depth + 1)

        for template in data:
            self.stdout.write(f"{template['code']}: {template['name']} (bonus ≤ {template['bonus_max']})")
            show(template["criteria"], 1)
