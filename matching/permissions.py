"""Object rules of the matching app: one source for HTML views, the API and the admin.

Visibility: someone who may not see a record gets 404 (views use ``get_visible_or_404``, the API filters
its querysets with the ``*_visible_q`` functions below, which mirror the predicates).
- Demands: the owner and staff always; once published, ``public`` ones to everyone, ``registered`` ones to
  logged-in users, ``private`` ones to nobody else except the parties of a docking project on them.
- Docking projects, their agreements and implementation projects: staff, the demand side (``enterprise``)
  and the holder of the achievement.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from platform_core.accounts.roles import is_enterprise, is_holder, is_investor, is_staff_member


def _uid(user) -> int | None:
    return getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None


# --------------------------------------------------------------------------- demands
@rules.predicate
def is_demand_owner(user, demand) -> bool:
    return demand is not None and _uid(user) is not None and demand.owner_id == _uid(user)


@rules.predicate
def demand_is_listed(user, demand) -> bool:
    """Published and its confidentiality lets this user read it."""
    from .models import Demand

    if demand is None or demand.state != Demand.State.PUBLISHED:
        return False
    if demand.confidentiality == Demand.Confidentiality.PUBLIC:
        return True
    if demand.confidentiality == Demand.Confidentiality.REGISTERED:
        return _uid(user) is not None
    return False


@rules.predicate
def is_demand_party(user, demand) -> bool:
    """A party of a docking project on this demand (e.g. the holder invited to a private demand)."""
    uid = _uid(user)
    if demand is None or uid is None:
        return False
    from .models import DockingProject

    return DockingProject.objects.filter(
        Q(enterprise_id=uid) | Q(achievement__holder_id=uid), demand_id=demand.pk
    ).exists()


@rules.predicate
def demand_editable(user, demand) -> bool:
    return demand is not None and demand.is_editable


@rules.predicate
def demand_open_for_applications(user, demand) -> bool:
    return demand is not None and demand.is_open_for_applications


can_view_demand = is_staff_member | is_demand_owner | demand_is_listed | is_demand_party

rules.add_perm("matching.view_demand", can_view_demand)
rules.add_perm("matching.add_demand", is_enterprise)
rules.add_perm("matching.change_demand", is_demand_owner & demand_editable)
rules.add_perm("matching.review_demand", is_staff_member)
rules.add_perm("matching.view_demand_matches", is_staff_member | is_demand_owner)
rules.add_perm("matching.view_applications", is_staff_member | is_demand_owner)
rules.add_perm("matching.apply_challenge", is_holder & demand_open_for_applications)


def demand_visible_q(user) -> Q:
    from .models import Demand

    published = Q(state=Demand.State.PUBLISHED)
    q = published & Q(confidentiality=Demand.Confidentiality.PUBLIC)
    uid = _uid(user)
    if uid is None:
        return q
    if is_staff_member(user):
        return Q()
    q |= published & Q(confidentiality=Demand.Confidentiality.REGISTERED)
    q |= Q(owner_id=uid)
    q |= Q(docking_projects__enterprise_id=uid) | Q(docking_projects__achievement__holder_id=uid)
    return q


# --------------------------------------------------------------------------- challenge applications
@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and application.applicant_id == _uid(user)


@rules.predicate
def is_call_owner(user, application) -> bool:
    return application is not None and application.demand.owner_id == _uid(user)


rules.add_perm("matching.view_challengeapplication", is_staff_member | is_applicant | is_call_owner)
rules.add_perm("matching.decide_challengeapplication", is_staff_member | is_call_owner)


# --------------------------------------------------------------------------- docking projects
@rules.predicate
def is_project_enterprise(user, project) -> bool:
    return project is not None and _uid(user) is not None and project.enterprise_id == _uid(user)


@rules.predicate
def is_project_holder(user, project) -> bool:
    return project is not None and _uid(user) is not None and project.achievement.holder_id == _uid(user)


is_project_party = is_project_enterprise | is_project_holder
can_view_project = is_staff_member | is_project_party

rules.add_perm("matching.view_dockingproject", can_view_project)
rules.add_perm("matching.manage_dockingproject", is_staff_member)
rules.add_perm("matching.note_dockingproject", is_staff_member | is_project_party)
rules.add_perm("matching.upload_dockingproject", is_staff_member | is_project_party)
rules.add_perm("matching.inquire", is_enterprise | is_investor)


def project_visible_q(user, prefix: str = "") -> Q:
    uid = _uid(user)
    if uid is None:
        return Q(pk__in=[])
    if is_staff_member(user):
        return Q()
    return Q(**{f"{prefix}enterprise_id": uid}) | Q(**{f"{prefix}achievement__holder_id": uid})


# --------------------------------------------------------------------------- agreements, implementation
@rules.predicate
def can_view_agreement(user, agreement) -> bool:
    return agreement is not None and bool(can_view_project(user, agreement.project))


@rules.predicate
def can_view_implementation(user, implementation) -> bool:
    return implementation is not None and bool(can_view_project(user, implementation.project))


@rules.predicate
def is_implementation_party(user, implementation) -> bool:
    return implementation is not None and bool(is_project_party(user, implementation.project))


rules.add_perm("matching.view_agreement", can_view_agreement)
rules.add_perm("matching.manage_agreement", is_staff_member)
rules.add_perm("matching.view_implementationproject", can_view_implementation)
rules.add_perm("matching.manage_implementationproject", is_staff_member)
rules.add_perm("matching.raise_issue", is_staff_member | is_implementation_party)


# --------------------------------------------------------------------------- events
@rules.predicate
def event_is_public(user, event) -> bool:
    return event is not None and event.state != "draft" and _uid(user) is not None


@rules.predicate
def event_open(user, event) -> bool:
    return event is not None and event.state in ("open", "ongoing")


can_view_event = is_staff_member | event_is_public
rules.add_perm("matching.view_matchmakingevent", can_view_event)
rules.add_perm("matching.manage_matchmakingevent", is_staff_member)
rules.add_perm("matching.register_event", (is_holder | is_enterprise | is_investor) & event_open)

# --------------------------------------------------------------------------- matching and staff pages
rules.add_perm("matching.manage_weights", is_staff_member)
rules.add_perm("matching.view_staff_console", is_staff_member)
