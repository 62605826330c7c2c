from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role
from platform_core.navigation import NavItem


def items(user) -> list[NavItem]:
    return [
        NavItem(
            _("Submit an achievement"),
            "achievements:create",
            "journal-plus",
            (Role.HOLDER,),
            _("Achievements"),
            10,
        ),
        NavItem(_("My achievements"), "achievements:mine", "journals", (Role.HOLDER,), _("Achievements"), 11),
        NavItem(
            _("Formal review"),
            "achievements:queue",
            "clipboard-check",
            (Role.STAFF, Role.ADMIN),
            _("Staff console"),
            20,
        ),
    ]
