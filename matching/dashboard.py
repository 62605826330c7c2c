"""Dashboard widgets of the matching app: per role, what is waiting and where to go next."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role, has_role, is_staff_member
from platform_core.dashboard import Stat, Widget

from . import selectors
from .models import Demand, DockingProject, FeedbackRequest, MatchSuggestion


def widgets(request) -> list[Widget]:
    user = request.user
    found: list[Widget] = []
    if is_staff_member(user):
        c = selectors.staff_counts()
        success = selectors.docking_success()
        found.append(
            Widget(
                title=_("Technology docking"),
                template="matching/widgets/stats.html",
                context={
                    "stats": [
                        Stat(
                            _("Demands awaiting review"),
                            c["demands_waiting"],
                            reverse("matching:demand_queue"),
                        ),
                        Stat(
                            _("New inquiries"),
                            c["inquiries_new"],
                            reverse("matching:project_list") + "?state=inquiry",
                        ),
                        Stat(
                            _("Open docking projects"), c["projects_open"], reverse("matching:project_list")
                        ),
                        Stat(
                            _("Agreements in review"),
                            c["agreements_in_review"],
                            reverse("matching:agreement_list") + "?state=in_review",
                        ),
                        Stat(
                            _("Signed, not registered"),
                            c["unregistered"],
                            reverse("matching:agreement_list") + "?unregistered=1",
                        ),
                        Stat(
                            _("Overdue milestones"),
                            c["overdue_milestones"],
                            reverse("matching:implementation_list"),
                        ),
                    ],
                    "success": success,
                },
                order=30,
            )
        )
    if has_role(user, Role.ENTERPRISE):
        demands = Demand.objects.filter(owner=user)
        found.append(
            Widget(
                title=_("My technology demands"),
                template="matching/widgets/stats.html",
                context={
                    "stats": [
                        Stat(
                            _("Published demands"),
                            demands.filter(state=Demand.State.PUBLISHED).count(),
                            reverse("matching:demand_mine") + "?state=published",
                        ),
                        Stat(
                            _("New matches"),
                            MatchSuggestion.objects.filter(demand__owner=user, status="new").count(),
                            reverse("matching:overview"),
                        ),
                        Stat(
                            _("Open docking projects"),
                            DockingProject.objects.filter(
                                enterprise=user, state__in=DockingProject.OPEN_STATES
                            ).count(),
                            reverse("matching:project_list"),
                        ),
                        Stat(
                            _("Feedback requested"),
                            FeedbackRequest.objects.filter(recipient=user, answered_at__isnull=True).count(),
                            reverse("matching:implementation_list"),
                        ),
                    ],
                    "action_url": reverse("matching:demand_create"),
                    "action_label": _("Post a demand"),
                },
                order=30,
            )
        )
    if has_role(user, Role.HOLDER):
        found.append(
            Widget(
                title=_("Technology docking"),
                template="matching/widgets/stats.html",
                context={
                    "stats": [
                        Stat(
                            _("Open docking projects"),
                            DockingProject.objects.filter(
                                achievement__holder=user, state__in=DockingProject.OPEN_STATES
                            ).count(),
                            reverse("matching:project_list"),
                        ),
                        Stat(
                            _("Matched demands"),
                            selectors.suggestions_for_holder(user).count(),
                            reverse("matching:overview"),
                        ),
                        Stat(
                            _("Open challenge calls"),
                            selectors.open_challenges(user).count(),
                            reverse("matching:challenges"),
                        ),
                        Stat(
                            _("Feedback requested"),
                            FeedbackRequest.objects.filter(recipient=user, answered_at__isnull=True).count(),
                            reverse("matching:implementation_list"),
                        ),
                    ],
                },
                order=30,
            )
        )
    if has_role(user, Role.INVESTOR):
        found.append(
            Widget(
                title=_("Technology demands"),
                template="matching/widgets/stats.html",
                context={
                    "stats": [
                        Stat(
                            _("Published demands"),
                            selectors.demand_library(user).count(),
                            reverse("matching:demand_library"),
                        )
                    ],
                },
                order=30,
            )
        )
    return found
