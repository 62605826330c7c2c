"""Object rules of the incubation app: one source for HTML views, the API and the admin."""

from __future__ import annotations

import rules

from platform_core.accounts.roles import is_enterprise, is_holder, is_investor, is_staff_member


def _uid(user) -> int | None:
    return getattr(user, "pk", None)


@rules.predicate
def is_applicant(user, project) -> bool:
    return project is not None and project.applicant_id == _uid(user)


@rules.predicate
def is_financing_target(user, project) -> bool:
    """Investors see admitted projects that look for financing (the investor list)."""
    from .models import IncubationProject

    return (
        project is not None
        and project.seeking_financing
        and project.state in (*IncubationProject.ACTIVE_STATES, IncubationProject.State.GRADUATED)
    )


@rules.predicate
def is_admission_reviewer(user, project) -> bool:
    """A member of the project's admission scorecard (staff or expert) may read the application."""
    if project is None or project.admission_evaluation_id is None or _uid(user) is None:
        return False
    from evaluation.models import ScorecardSheet

    return ScorecardSheet.objects.filter(
        evaluation_id=project.admission_evaluation_id, member_id=_uid(user)
    ).exists()


@rules.predicate
def is_booker(user, booking) -> bool:
    return booking is not None and (
        booking.booked_by_id == _uid(user)
        or (booking.project_id is not None and booking.project.applicant_id == _uid(user))
    )


@rules.predicate
def booking_needs_no_approval(user, booking) -> bool:
    return booking is not None and not booking.facility.requires_approval


@rules.predicate
def is_fund_applicant(user, application) -> bool:
    return application is not None and (
        application.applicant_id == _uid(user) or application.project.applicant_id == _uid(user)
    )


@rules.predicate
def is_consulting_requester(user, request) -> bool:
    return request is not None and request.requester_id == _uid(user)


@rules.predicate
def is_consultant(user, request) -> bool:
    return request is not None and request.assignee_id is not None and request.assignee_id == _uid(user)


is_applicant_role = is_holder | is_enterprise

rules.add_perm("incubation.apply", is_applicant_role)
rules.add_perm("incubation.manage", is_staff_member)
rules.add_perm(
    "incubation.view_project", is_staff_member | is_applicant | (is_investor & is_financing_target)
)
rules.add_perm("incubation.view_project_private", is_staff_member | is_applicant)
rules.add_perm("incubation.change_project", is_staff_member | is_applicant)
rules.add_perm("incubation.report_progress", is_applicant)
rules.add_perm("incubation.book", is_staff_member | is_applicant_role)
rules.add_perm("incubation.view_booking", is_staff_member | is_booker)
rules.add_perm("incubation.view_fund_application", is_staff_member | is_fund_applicant)
rules.add_perm("incubation.view_consulting", is_staff_member | is_consulting_requester)
