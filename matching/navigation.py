from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role
from platform_core.navigation import NavItem

STAFF = (Role.STAFF, Role.ADMIN)


def items(user) -> list[NavItem]:
    docking = _("Technology docking")
    return [
        # enterprises
        NavItem(
            _("Technology demands"), "matching:demand_mine", "lightbulb", (Role.ENTERPRISE,), docking, 30
        ),
        NavItem(_("Post a demand"), "matching:demand_create", "plus-square", (Role.ENTERPRISE,), docking, 31),
        NavItem(
            _("Smart matching"), "matching:overview", "stars", (Role.ENTERPRISE, Role.HOLDER), docking, 32
        ),
        NavItem(
            _("My docking projects"),
            "matching:project_list",
            "arrow-left-right",
            (Role.ENTERPRISE,),
            docking,
            33,
        ),
        # holders
        NavItem(
            _("Docking projects"), "matching:project_list", "arrow-left-right", (Role.HOLDER,), docking, 34
        ),
        NavItem(
            _("Challenge calls"), "matching:challenges", "flag", (Role.HOLDER, Role.ENTERPRISE), docking, 35
        ),
        # everybody who works with demands
        NavItem(
            _("Demand library"),
            "matching:demand_library",
            "collection",
            (Role.HOLDER, Role.INVESTOR, Role.ENTERPRISE),
            docking,
            36,
        ),
        NavItem(
            _("Matchmaking events"),
            "matching:event_list",
            "people",
            (Role.HOLDER, Role.ENTERPRISE, Role.INVESTOR),
            docking,
            37,
        ),
        NavItem(
            _("Agreements"),
            "matching:agreement_list",
            "file-earmark-text",
            (Role.HOLDER, Role.ENTERPRISE),
            docking,
            38,
        ),
        NavItem(
            _("Implementation"),
            "matching:implementation_list",
            "kanban",
            (Role.HOLDER, Role.ENTERPRISE),
            docking,
            39,
        ),
        # staff
        NavItem(
            _("Demand review"), "matching:demand_queue", "clipboard-check", STAFF, _("Staff console"), 40
        ),
        NavItem(
            _("Docking project management"),
            "matching:project_list",
            "arrow-left-right",
            STAFF,
            _("Staff console"),
            41,
        ),
        NavItem(_("Matchmaking events"), "matching:event_list", "people", STAFF, _("Staff console"), 42),
        NavItem(
            _("Agreements"), "matching:agreement_list", "file-earmark-text", STAFF, _("Staff console"), 43
        ),
        NavItem(_("Implementation"), "matching:implementation_list", "kanban", STAFF, _("Staff console"), 44),
        NavItem(_("Matching weights"), "matching:weights", "sliders", STAFF, _("Staff console"), 45),
    ]
