"""Object rules of the library: one source for HTML views, the API and the admin."""

from __future__ import annotations

import rules

from achievements.models import Achievement
from platform_core.accounts.roles import is_enterprise, is_investor, is_staff_member


@rules.predicate
def is_achievement_holder(user, obj) -> bool:
    """The holder of the achievement the object is about (the achievement itself or a row on it)."""
    if obj is None or not getattr(user, "pk", None):
        return False
    achievement = obj if isinstance(obj, Achievement) else getattr(obj, "achievement", None)
    return achievement is not None and achievement.holder_id == user.pk


@rules.predicate
def is_requester(user, access_request) -> bool:
    return bool(access_request is not None and getattr(user, "pk", None) == access_request.requester_id)


@rules.predicate
def in_library(user, achievement) -> bool:
    return achievement is not None and achievement.state in Achievement.PUBLIC_STATES


@rules.predicate
def is_system(user) -> bool:
    """The stale-entry job acts without a user."""
    return user is None


# enterprises and investors ask for confidential details; nobody asks for his own entry
can_request_access = (is_enterprise | is_investor) & in_library & ~is_achievement_holder
can_decide_access = is_achievement_holder | is_staff_member
can_view_access_request = is_requester | is_achievement_holder | is_staff_member
# favourites and recommendations: any logged-in user with a role that browses the library
can_use_favourites = rules.is_authenticated

rules.add_perm("library.request_access", can_request_access)
rules.add_perm("library.decide_access", can_decide_access)
rules.add_perm("library.view_accessrequest", can_view_access_request)
rules.add_perm("library.publish", is_staff_member)
rules.add_perm("library.manage", is_staff_member)
rules.add_perm("library.import", is_staff_member)
rules.add_perm("library.confirm_entry", is_achievement_holder | is_staff_member)

# web admin: staff only
for _model in (
    "searchdocument",
    "publicationsettings",
    "accessrequest",
    "favourite",
    "behaviourevent",
    "entryfreshness",
    "refreshproposal",
    "librarysettings",
    "importjob",
):
    for _action in ("view", "add", "change", "delete"):
        if f"library.{_action}_{_model}" != "library.view_accessrequest":
            rules.add_perm(f"library.{_action}_{_model}", is_staff_member)
