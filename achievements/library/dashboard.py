from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from achievements.models import Achievement
from platform_core.accounts.roles import Role, has_role, is_staff_member
from platform_core.dashboard import Stat, Widget

from .models import AccessRequest, EntryFreshness, RefreshProposal


def widgets(request) -> list[Widget]:
    user = request.user
    found: list[Widget] = []
    if is_staff_member(user):
        stats = [
            Stat(
                _("Ready to publish"),
                Achievement.objects.filter(state=Achievement.State.EVALUATION_PASSED).count(),
                reverse("library:publish_queue"),
            ),
            Stat(
                _("Updates to review"),
                RefreshProposal.objects.filter(state=RefreshProposal.State.SUBMITTED).count(),
                reverse("library:manage"),
            ),
            Stat(
                _("Stale entries"),
                EntryFreshness.objects.filter(state=EntryFreshness.State.STALE).count(),
                reverse("library:manage") + "?state=stale",
            ),
        ]
        found.append(
            Widget(
                _("Achievement library"), "library/widgets/stats.html", {"stats": stats}, order=30, width=6
            )
        )
    if has_role(user, Role.HOLDER):
        stats = [
            Stat(
                _("Access requests to decide"),
                AccessRequest.objects.filter(
                    achievement__holder=user, state=AccessRequest.State.REQUESTED
                ).count(),
                reverse("library:access_incoming") + "?state=requested",
            ),
            Stat(
                _("Entries to confirm"),
                EntryFreshness.objects.filter(
                    achievement__holder=user, state__in=[EntryFreshness.State.DUE, EntryFreshness.State.STALE]
                ).count(),
                reverse("library:updates"),
            ),
        ]
        found.append(
            Widget(_("My library entries"), "library/widgets/stats.html", {"stats": stats}, order=30, width=6)
        )
    if has_role(user, Role.ENTERPRISE, Role.INVESTOR):
        from .selectors.recommend import recommendations

        found.append(
            Widget(
                _("Recommended for you"),
                "library/widgets/recommendations.html",
                {"items": recommendations(user, limit=5)},
                order=20,
                width=6,
            )
        )
    return found
