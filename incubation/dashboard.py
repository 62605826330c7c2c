from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import is_staff_member
from platform_core.dashboard import Stat, Widget

from . import selectors


def widgets(request) -> list[Widget]:
    user = request.user
    if not is_staff_member(user):
        return []
    counts = selectors.staff_queue_counts()
    return [
        Widget(
            _("Incubation: waiting for staff"),
            "accounts/widgets/stats.html",
            {
                "stats": [
                    Stat(
                        _("Bookings to approve"),
                        counts["bookings"],
                        reverse("incubation:booking_list") + "?state=pending",
                    ),
                    Stat(
                        _("Incubation applications to review"),
                        counts["applications"],
                        reverse("incubation:project_list") + "?state=submitted",
                    ),
                    Stat(_("Fund applications open"), counts["fund"], reverse("incubation:fund")),
                    Stat(
                        _("Consulting requests open"),
                        counts["consulting"],
                        reverse("incubation:consulting_list"),
                    ),
                ]
            },
            order=50,
            width=4,
        )
    ]
