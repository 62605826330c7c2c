"""Dashboard widgets: evaluators see their tasks; staff see the evaluations in progress."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import is_evaluator, is_staff_member
from platform_core.dashboard import Widget

from .models import Evaluation
from .selectors.panels import tasks_for_expert


def widgets(request) -> list[Widget]:
    user = request.user
    out: list[Widget] = []
    if not getattr(user, "is_authenticated", False):
        return out
    if is_evaluator(user):
        tasks = list(tasks_for_expert(user)[:8])
        out.append(
            Widget(
                title=_("My evaluation tasks"),
                template="evaluation/widgets/expert_tasks.html",
                context={"tasks": tasks},
                order=20,
            )
        )
    if is_staff_member(user):
        counts = dict(
            Evaluation.objects.filter(state__in=Evaluation.OPEN_STATES)
            .values("state")
            .annotate(n=Count("id"))
            .values_list("state", "n")
        )
        recent = list(
            Evaluation.objects.filter(state__in=Evaluation.OPEN_STATES)
            .select_related("achievement")
            .order_by("due_date", "-created_at")[:6]
        )
        labels = dict(Evaluation.State.choices)
        out.append(
            Widget(
                title=_("Evaluations in progress"),
                template="evaluation/widgets/staff_evaluations.html",
                context={
                    "counts": [(s, labels[s], counts.get(s, 0)) for s in Evaluation.OPEN_STATES],
                    "recent": recent,
                },
                order=30,
            )
        )
    return out
