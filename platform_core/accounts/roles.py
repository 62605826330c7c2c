"""The six roles of the platform and their `rules` predicates (one source for HTML, API and admin)."""

from __future__ import annotations

import rules
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Platform administrator")
    STAFF = "staff", _("Service specialist")
    HOLDER = "holder", _("Achievement holder")
    ENTERPRISE = "enterprise", _("Enterprise")
    EVALUATOR = "evaluator", _("Evaluator")
    INVESTOR = "investor", _("Investor")


SELF_REGISTRATION_ROLES = (Role.HOLDER, Role.ENTERPRISE)


def user_roles(user) -> frozenset[str]:
    """The role codes of a user, cached on the instance for the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        names = {g.name for g in user.groups.all()}
        if user.is_superuser:
            names.add(Role.ADMIN)
        cached = frozenset(n for n in names if n in Role.values)
        user._role_cache = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


@rules.predicate
def is_admin(user) -> bool:
    return has_role(user, Role.ADMIN)


@rules.predicate
def is_staff_member(user) -> bool:
    """Service specialists and platform administrators: both work the staff console."""
    return has_role(user, Role.STAFF, Role.ADMIN)


@rules.predicate
def is_holder(user) -> bool:
    return has_role(user, Role.HOLDER)


@rules.predicate
def is_enterprise(user) -> bool:
    return has_role(user, Role.ENTERPRISE)


@rules.predicate
def is_evaluator(user) -> bool:
    return has_role(user, Role.EVALUATOR)


@rules.predicate
def is_investor(user) -> bool:
    return has_role(user, Role.INVESTOR)


rules.add_perm("accounts.approve_user", is_staff_member)
rules.add_perm("accounts.view_staff_console", is_staff_member)
