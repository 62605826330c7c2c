from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import is_staff_member
from platform_core.dashboard import Widget

from . import selectors
from .models import Consultation


def widgets(request) -> list[Widget]:
    user = request.user
    if not user.is_authenticated:
        return []
    if is_staff_member(user):
        return [
            Widget(
                _("Consultations waiting for an answer"),
                "content/widget_staff.html",
                selectors.consultation_waiting_summary(),
                order=30,
            )
        ]
    mine = list(
        Consultation.objects.filter(asker=user)
        .exclude(state=Consultation.State.CLOSED)
        .select_related("assignee")
        .order_by("-created_at", "-id")[:5]
    )
    clock = selectors.WaitingClock()
    for c in mine:
        c.waiting_days = clock.days_since(c.waiting_since) if c.is_waiting else None
    return [Widget(_("My open consultations"), "content/widget_user.html", {"items": mine}, order=60)]
