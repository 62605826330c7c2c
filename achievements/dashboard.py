"""Dashboard widgets: the holder's achievements by state and what needs his action; the staff queue."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core import workdays
from platform_core.accounts.roles import has_role, is_staff_member
from platform_core.dashboard import Widget

from .models import Achievement


def widgets(request) -> list[Widget]:
    user = request.user
    found: list[Widget] = []
    if has_role(user, "holder"):
        counts = dict(
            Achievement.objects.filter(holder=user).values_list("state").annotate(n=Count("id")).order_by()
        )
        labels = dict(Achievement.State.choices)
        returned = list(
            Achievement.objects.filter(holder=user, state=Achievement.State.RETURNED)
            .only("id", "name", "updated_at")
            .order_by("updated_at")[:5]
        )
        found.append(
            Widget(
                title=_("My achievements"),
                template="achievements/widgets/holder.html",
                context={
                    "states": [
                        (code, labels[code], counts[code])
                        for code in Achievement.State.values
                        if counts.get(code)
                    ],
                    "total": sum(counts.values()),
                    "returned": returned,
                    "mine_url": reverse("achievements:mine"),
                    "create_url": reverse("achievements:create"),
                },
                order=10,
            )
        )
    if is_staff_member(user):
        waiting = Achievement.objects.filter(state__in=Achievement.REVIEW_STATES)
        agg = waiting.aggregate(n=Count("id"), oldest=Min("last_submitted_at"))
        mine = waiting.filter(assigned_to=user).count()
        oldest_days = (
            workdays.working_days_between(workdays.local_date(agg["oldest"]), timezone.localdate())
            if agg["oldest"]
            else None
        )
        found.append(
            Widget(
                title=_("Formal review"),
                template="achievements/widgets/staff.html",
                context={
                    "size": agg["n"],
                    "mine": mine,
                    "oldest_days": oldest_days,
                    "queue_url": reverse("achievements:queue"),
                },
                order=10,
            )
        )
    return found
