from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role
from platform_core.navigation import NavItem


def items(user) -> list[NavItem]:
    return [
        NavItem(
            _("Archive management"),
            "archive:list",
            "archive",
            (Role.STAFF, Role.ADMIN),
            _("Staff console"),
            95,
        )
    ]
