from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role
from platform_core.navigation import NavItem


def items(user) -> list[NavItem]:
    # shown once /audit/ is wired in platform_core/urls.py (an unresolvable URL hides the item)
    return [NavItem(_("Audit log"), "audit:log", "journal-text", (Role.ADMIN,), _("Staff console"), 95)]
