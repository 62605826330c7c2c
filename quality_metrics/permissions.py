"""Who may see and do what in service quality (one source for HTML views, the API and the admin)."""

from __future__ import annotations

import rules

from platform_core.accounts.roles import is_admin, is_staff_member


@rules.predicate
def is_complainant(user, complaint) -> bool:
    """The complainant's account, or whoever holds the complaint's tracking link (complainants without an account)."""
    if complaint is None:
        return False
    if getattr(user, "complaint_token_for", None) == complaint.pk:
        return True
    return bool(user.is_authenticated and complaint.complainant_id and complaint.complainant_id == user.pk)


@rules.predicate
def is_action_owner(user, action) -> bool:
    return bool(action and user.is_authenticated and action.owner_id == user.pk)


@rules.predicate
def is_auditor(user, audit) -> bool:
    return bool(audit and user.is_authenticated and audit.auditor_id == user.pk)


@rules.predicate
def is_panel_member(user, evaluation) -> bool:
    if not (evaluation and user.is_authenticated):
        return False
    return evaluation.panel.filter(user=user).exists()


rules.add_perm("quality_metrics.view_dashboard", is_staff_member)
rules.add_perm("quality_metrics.compute_snapshots", is_staff_member)
rules.add_perm("quality_metrics.view_complaint", is_staff_member | is_complainant)
rules.add_perm("quality_metrics.handle_complaint", is_staff_member)
rules.add_perm("quality_metrics.view_action", is_staff_member | is_action_owner)
rules.add_perm("quality_metrics.manage_action", is_staff_member)
rules.add_perm("quality_metrics.view_audit", is_staff_member | is_auditor)
rules.add_perm("quality_metrics.check_audit", is_staff_member | is_auditor)
rules.add_perm("quality_metrics.manage_surveys", is_staff_member)
rules.add_perm("quality_metrics.view_platform_evaluation", is_staff_member | is_panel_member)
rules.add_perm("quality_metrics.manage_platform_evaluation", is_staff_member)
rules.add_perm("quality_metrics.configure_templates", is_admin)
