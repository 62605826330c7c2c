"""The left menu per role. Each app may offer ``<app>/navigation.py`` with ``items(user) -> list[NavItem]``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .accounts.roles import Role, has_role


@dataclass
class NavItem:
    label: str
    url_name: str
    icon: str = "circle"
    roles: tuple[str, ...] = ()
    section: str = ""
    order: int = 100
    kwargs: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        try:
            return reverse(self.url_name, kwargs=self.kwargs or None)
        except NoReverseMatch:
            return ""


CORE_ITEMS = [
    NavItem(_("Dashboard"), "dashboard", "speedometer2", order=0),
    NavItem(_("Notifications"), "notifications:list", "bell", order=1),
    NavItem(
        _("Account approvals"),
        "accounts:pending",
        "person-check",
        (Role.STAFF, Role.ADMIN),
        _("Staff console"),
        90,
    ),
    NavItem(_("Web admin"), "admin:index", "gear", (Role.ADMIN,), _("Staff console"), 99),
]


def _project_apps() -> list:
    """The project's own apps: those whose package lives in the repository, not in site-packages.

    platform_core itself is left out (its menu entries are CORE_ITEMS above).
    """
    root = Path(settings.BASE_DIR).resolve()
    own = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if config.name != "platform_core" and path.is_relative_to(root) and ".venv" not in path.parts:
            own.append(config)
    return own


def _app_modules(name: str) -> list:
    """``<app>.<name>`` for every project app that has such a module."""
    found = []
    for config in _project_apps():
        try:
            found.append(importlib.import_module(f"{config.name}.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{name}":
                raise
    return found


def items_for(user) -> list[NavItem]:
    items = list(CORE_ITEMS)
    for module in _app_modules("navigation"):
        items.extend(module.items(user))
    visible = [i for i in items if (not i.roles or has_role(user, *i.roles)) and i.url]
    # Group by section (the template regroups contiguous items), sections ordered by their first item.
    section_rank: dict[str, int] = {}
    for item in sorted(visible, key=lambda i: i.order):
        section_rank.setdefault(str(item.section), item.order)
    return sorted(
        visible, key=lambda i: (section_rank[str(i.section)], str(i.section), i.order, str(i.label))
    )
