from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role
from platform_core.navigation import NavItem

STAFF = (Role.STAFF, Role.ADMIN)


def items(user) -> list[NavItem]:
    return [
        NavItem(_("Information services"), "content:hub", "info-square", (), _("Information services"), 40),
        NavItem(
            _("Online consultation"), "content:consultations", "chat-dots", (), _("Information services"), 41
        ),
        NavItem(_("Content management"), "content:manage", "pencil-square", STAFF, _("Staff console"), 85),
        NavItem(
            _("Consultation handling"), "content:consultation_queue", "headset", STAFF, _("Staff console"), 86
        ),
        NavItem(_("User feedback"), "content:feedback_queue", "megaphone", STAFF, _("Staff console"), 87),
    ]
