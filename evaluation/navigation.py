"""Menu entries of the evaluation app."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role
from platform_core.navigation import NavItem

STAFF = (Role.STAFF, Role.ADMIN)


def items(user) -> list[NavItem]:
    return [
        NavItem(
            _("Achievement evaluation"), "evaluation:list", "clipboard-check", STAFF, _("Staff console"), 30
        ),
        NavItem(_("Indicator systems"), "evaluation:system_list", "diagram-3", STAFF, _("Staff console"), 31),
        NavItem(_("Expert pool"), "evaluation:expert_list", "people", STAFF, _("Staff console"), 32),
        NavItem(
            _("My evaluation tasks"), "evaluation:my_tasks", "clipboard-check", (Role.EVALUATOR,), "", 10
        ),
        NavItem(_("Delphi rounds"), "evaluation:delphi_list", "chat-square-dots", (Role.EVALUATOR,), "", 11),
    ]
