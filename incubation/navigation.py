from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role
from platform_core.navigation import NavItem

CLIENTS = (Role.HOLDER, Role.ENTERPRISE)
STAFF = (Role.STAFF, Role.ADMIN)


def items(user) -> list[NavItem]:
    return [
        NavItem(_("Incubation services"), "incubation:home", "rocket-takeoff", CLIENTS, _("Services"), 40),
        NavItem(
            _("Incubation projects"), "incubation:project_list", "rocket-takeoff", (Role.INVESTOR,), "", 40
        ),
        NavItem(
            _("Incubation project management"),
            "incubation:project_list",
            "rocket-takeoff",
            STAFF,
            _("Staff console"),
            50,
        ),
        NavItem(
            _("Facilities and equipment"),
            "incubation:facility_list",
            "building",
            STAFF,
            _("Staff console"),
            51,
        ),
        NavItem(_("Incubation fund"), "incubation:fund", "cash-coin", STAFF, _("Staff console"), 52),
    ]
