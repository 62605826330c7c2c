from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role
from platform_core.navigation import NavItem

STAFF = (Role.STAFF, Role.ADMIN)
BROWSERS = (Role.ENTERPRISE, Role.INVESTOR)


def items(user) -> list[NavItem]:
    section = _("Achievement library")
    return [
        NavItem(_("Achievement library"), "library:index", "database", (), section, 5),
        NavItem(_("My favourites"), "library:favourites", "heart", BROWSERS, section, 6),
        NavItem(_("Recommended for you"), "library:recommendations", "stars", BROWSERS, section, 7),
        NavItem(_("My access requests"), "library:access_requests", "key", BROWSERS, section, 8),
        NavItem(
            _("Access requests to approve"),
            "library:access_incoming",
            "shield-check",
            (Role.HOLDER,),
            section,
            12,
        ),
        NavItem(_("Confirm library entries"), "library:updates", "arrow-repeat", (Role.HOLDER,), section, 13),
        NavItem(_("Publication"), "library:publish_queue", "megaphone", STAFF, _("Staff console"), 30),
        NavItem(_("Bulk import"), "library:import", "upload", STAFF, _("Staff console"), 31),
        NavItem(
            _("Library update management"), "library:manage", "arrow-repeat", STAFF, _("Staff console"), 32
        ),
    ]
