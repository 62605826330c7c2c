from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role
from platform_core.navigation import NavItem

STAFF = (Role.STAFF, Role.ADMIN)
SECTION = _("Service quality")


def items(user) -> list[NavItem]:
    out = [
        NavItem(_("Service quality"), "quality_metrics:dashboard", "graph-up-arrow", STAFF, SECTION, 60),
        NavItem(_("Satisfaction surveys"), "quality_metrics:campaign_list", "ui-checks", STAFF, SECTION, 61),
        NavItem(_("Complaint handling"), "quality_metrics:complaint_list", "megaphone", STAFF, SECTION, 62),
        NavItem(_("Conformity audits"), "quality_metrics:audit_list", "clipboard-check", STAFF, SECTION, 63),
        NavItem(_("Improvement actions"), "quality_metrics:action_list", "arrow-repeat", STAFF, SECTION, 64),
        NavItem(_("Platform evaluation"), "quality_metrics:evaluation_list", "award", STAFF, SECTION, 65),
        NavItem(_("Service stars"), "quality_metrics:star_list", "stars", STAFF, SECTION, 66),
    ]
    if user.is_authenticated:
        out.append(
            NavItem(
                _("Complaints and suggestions"), "quality_metrics:my_complaints", "chat-left-text", (), "", 80
            )
        )
    return out
