from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import is_enterprise, is_holder, is_staff_member
from platform_core.dashboard import Stat, Widget

from . import selectors
from .models import IpServiceRequest


def widgets(request) -> list[Widget]:
    user = request.user
    if is_staff_member(user):
        counts = selectors.staff_queue_counts()
        return [
            Widget(
                _("IP services: waiting for staff"),
                "accounts/widgets/stats.html",
                {
                    "stats": [
                        Stat(
                            _("New IP service requests to assign"),
                            counts["intake"],
                            reverse("ip_services:request_list") + "?state=intake",
                        ),
                        Stat(
                            _("IP service requests open"),
                            counts["open"],
                            reverse("ip_services:request_list") + "?state=open",
                        ),
                        Stat(
                            _("New infringement alerts"),
                            counts["alerts"],
                            reverse("ip_services:alert_list") + "?state=new",
                        ),
                        Stat(
                            _("Disputes being handled"),
                            counts["disputes"],
                            reverse("ip_services:dispute_list"),
                        ),
                    ]
                },
                order=51,
                width=4,
            )
        ]
    if not (is_holder(user) or is_enterprise(user)):
        return []
    deadlines = list(selectors.upcoming_deadlines(user, days=90, limit=5))
    open_requests = list(
        selectors.requests_visible_to(user)
        .exclude(state__in=[IpServiceRequest.State.ACCEPTED, IpServiceRequest.State.CANCELLED])
        .order_by("-created_at")[:5]
    )
    clocks = selectors.request_clocks(open_requests)
    for item in open_requests:
        item.clock = clocks.get(item.pk)
    return [
        Widget(
            _("Upcoming IP deadlines"),
            "ip_services/widgets/deadlines.html",
            {"deadlines": deadlines},
            order=41,
            width=6,
        ),
        Widget(
            _("My IP service requests"),
            "ip_services/widgets/requests.html",
            {"requests": open_requests},
            order=42,
            width=6,
        ),
    ]
