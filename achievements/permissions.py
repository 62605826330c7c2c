"""Object rules for achievements: one source for HTML views, the API and the admin.

Visibility (``achievements.view_achievement``): the holder sees his own; staff see all; achievements in the
library (published and later) are visible to everyone, anonymous included; other apps grant more viewers
(e.g. assigned evaluators) by appending ``(user, achievement) -> bool`` callables to :data:`extra_viewers`
in their ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules
from django.db.models import Q

from platform_core.accounts.roles import is_holder, is_staff_member

from .models import Achievement

# Hooks of other apps: each returns True when the user may see the achievement.
extra_viewers: list[Callable[[Any, Achievement], bool]] = []
# Hooks of other apps for querysets: each returns a Q of extra achievements the user may see.
extra_viewer_filters: list[Callable[[Any], Q]] = []


@rules.predicate
def is_owner(user, achievement) -> bool:
    return bool(achievement is not None and getattr(user, "pk", None) and achievement.holder_id == user.pk)


@rules.predicate
def is_public(user, achievement) -> bool:
    return achievement is not None and achievement.state in Achievement.PUBLIC_STATES


@rules.predicate
def is_extra_viewer(user, achievement) -> bool:
    if achievement is None or not getattr(user, "is_authenticated", False):
        return False
    return any(hook(user, achievement) for hook in extra_viewers)


@rules.predicate
def is_editable(user, achievement) -> bool:
    return achievement is not None and achievement.state in Achievement.EDITABLE_STATES


@rules.predicate
def in_review(user, achievement) -> bool:
    return achievement is not None and achievement.state in Achievement.REVIEW_STATES


can_view = is_staff_member | is_owner | is_public | is_extra_viewer
# Uploaded materials are never public: the holder, staff and the viewers granted by other apps (evaluators).
can_view_materials = is_staff_member | is_owner | is_extra_viewer
can_upload_materials = is_owner & is_editable

rules.add_perm("achievements.view_achievement", can_view)
rules.add_perm("achievements.add_achievement", is_holder)
rules.add_perm("achievements.change_achievement", is_owner & is_editable)
rules.add_perm("achievements.delete_achievement", is_owner & is_editable)
rules.add_perm("achievements.review_achievement", is_staff_member)
rules.add_perm("achievements.reassign_achievement", is_staff_member & in_review)
rules.add_perm("achievements.view_materials", can_view_materials)
rules.add_perm("achievements.view_submissions", is_staff_member | is_owner)
rules.add_perm("achievements.view_review_queue", is_staff_member)
rules.add_perm("achievements.manage_vocabularies", is_staff_member)


def visible_q(user) -> Q:
    """The achievements a user may see, as a filter (mirrors ``can_view`` for querysets)."""
    q = Q(state__in=Achievement.PUBLIC_STATES)
    if not getattr(user, "is_authenticated", False):
        return q
    if is_staff_member(user):
        return Q()
    q |= Q(holder_id=user.pk)
    for hook in extra_viewer_filters:
        q |= hook(user)
    return q


# Staff edit the vocabularies and the required materials (web admin); everyone reads them.
for _model in (
    "achievementtype",
    "technicalfield",
    "applicationscenario",
    "cooperationmode",
    "requiredmaterial",
):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"achievements.{_action}_{_model}", is_staff_member)
for _model in ("submission", "reviewreason", "reviewassignment"):
    rules.add_perm(f"achievements.view_{_model}", is_staff_member)
