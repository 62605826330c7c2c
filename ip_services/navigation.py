from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role
from platform_core.navigation import NavItem

CLIENTS = (Role.HOLDER, Role.ENTERPRISE)
STAFF = (Role.STAFF, Role.ADMIN)


def items(user) -> list[NavItem]:
    return [
        NavItem(
            _("Intellectual property"), "ip_services:asset_list", "shield-check", CLIENTS, _("Services"), 41
        ),
        NavItem(
            _("IP service requests"),
            "ip_services:request_list",
            "clipboard2-pulse",
            CLIENTS,
            _("Services"),
            42,
        ),
        NavItem(_("IP services"), "ip_services:request_list", "shield-check", STAFF, _("Staff console"), 53),
        NavItem(
            _("Infringement monitoring"),
            "ip_services:alert_list",
            "binoculars",
            STAFF,
            _("Staff console"),
            54,
        ),
        NavItem(_("Dispute handling"), "ip_services:dispute_list", "bank2", STAFF, _("Staff console"), 55),
    ]
