"""Indicator trees and their weights."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from evaluation.models import Indicator, IndicatorLevel, IndicatorSystem

WEIGHT_TOLERANCE = Decimal("0.0001")


@dataclass
class Node:
    indicator: Indicator
    children: list[Node] = field(default_factory=list)
    global_weight: Decimal = Decimal("0")

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def pk(self) -> int:
        return self.indicator.pk


@dataclass
class Tree:
    system: IndicatorSystem
    roots: list[Node]
    by_id: dict[int, Node]

    @property
    def leaves(self) -> list[Node]:
        out: list[Node] = []

        def walk(nodes: list[Node]) -> None:
            for n in nodes:
                if n.is_leaf:
                    out.append(n)
                else:
                    walk(n.children)

        walk(self.roots)
        return out

    def dimension_of(self, node: Node) -> Node:
        current = node
        while current.indicator.parent_id is not None:
            current = self.by_id[current.indicator.parent_id]
        return current

    def flat(self) -> list[Node]:
        out: list[Node] = []

        def walk(nodes: list[Node]) -> None:
            for n in nodes:
                out.append(n)
                walk(n.children)

        walk(self.roots)
        return out


def indicators_with_levels(system: IndicatorSystem) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(system=system)
        .prefetch_related(Prefetch("levels", queryset=IndicatorLevel.objects.order_by("-max_score")))
        .order_by("level", "order", "id")
    )


def indicator_tree(system: IndicatorSystem, indicators: list[Indicator] | None = None) -> Tree:
    """The system's tree with global weights (product of local weights along the path). Two queries."""
    items = list(indicators if indicators is not None else indicators_with_levels(system))
    by_id = {i.pk: Node(i) for i in items}
    roots: list[Node] = []
    for node in sorted(by_id.values(), key=lambda n: (n.indicator.order, n.indicator.pk)):
        parent_id = node.indicator.parent_id
        if parent_id is None:
            roots.append(node)
        elif parent_id in by_id:
            by_id[parent_id].children.append(node)

    def weigh(nodes: list[Node], factor: Decimal) -> None:
        for n in nodes:
            n.global_weight = factor * n.indicator.weight
            weigh(n.children, n.global_weight)

    weigh(roots, Decimal("1"))
    return Tree(system=system, roots=roots, by_id=by_id)


def weight_problems(system: IndicatorSystem) -> list[str]:
    """Why the system cannot be put into use: sibling weights not summing to 1, no leaves, missing levels."""
    from django.utils.translation import gettext as _

    tree = indicator_tree(system)
    problems: list[str] = []
    if not tree.roots:
        return [str(_("The system has no indicators."))]

    def check(nodes: list[Node], parent_name: str) -> None:
        total = sum((n.indicator.weight for n in nodes), Decimal("0"))
        if abs(total - 1) > WEIGHT_TOLERANCE:
            problems.append(
                _("The weights under “%(parent)s” add up to %(total)s instead of 1.")
                % {"parent": parent_name, "total": f"{total:.4f}"}
            )
        for n in nodes:
            if n.children:
                check(n.children, n.indicator.name)

    check(tree.roots, str(_("Dimensions")))
    return problems


def default_system() -> IndicatorSystem | None:
    return (
        IndicatorSystem.objects.filter(state=IndicatorSystem.State.ACTIVE, is_default=True)
        .order_by("-version")
        .first()
        or IndicatorSystem.objects.filter(state=IndicatorSystem.State.ACTIVE).order_by("-version").first()
    )


def system_list() -> QuerySet[IndicatorSystem]:
    from django.db.models import Count

    return IndicatorSystem.objects.annotate(indicator_count=Count("indicators")).order_by("code", "-version")
