"""Object-level rules of the evaluation app (one source for HTML views, the API and the admin)."""

from __future__ import annotations

import rules

from platform_core.accounts.roles import is_staff_member


@rules.predicate
def is_sheet_member(user, sheet) -> bool:
    return sheet is not None and getattr(user, "pk", None) == sheet.member_id


@rules.predicate
def is_scorecard_member(user, evaluation) -> bool:
    if evaluation is None or not getattr(user, "is_authenticated", False):
        return False
    return any(s.member_id == user.pk for s in evaluation.sheets.all())


@rules.predicate
def may_view_scorecard_sheet(user, sheet) -> bool:
    """Own sheet; other members' sheets once one's own is submitted (or when hiding is switched off)."""
    if sheet is None or not getattr(user, "is_authenticated", False):
        return False
    if sheet.member_id == user.pk:
        return True
    evaluation = sheet.evaluation
    own = next((s for s in evaluation.sheets.all() if s.member_id == user.pk), None)
    if own is None:
        return False
    if not evaluation.hide_others_until_submitted:
        return True
    return own.state == own.State.SUBMITTED


@rules.predicate
def is_delphi_expert(user, delphi_round) -> bool:
    if delphi_round is None or not getattr(user, "is_authenticated", False):
        return False
    return delphi_round.experts.filter(pk=user.pk).exists()


rules.add_perm("evaluation.manage_indicator_systems", is_staff_member)
rules.add_perm("evaluation.view_indicator_system", rules.is_authenticated)
rules.add_perm("evaluation.manage_trl_scales", is_staff_member)
rules.add_perm("evaluation.manage_scorecards", is_staff_member)
rules.add_perm("evaluation.view_scorecard_evaluation", is_staff_member | is_scorecard_member)
rules.add_perm("evaluation.view_scorecard_sheet", is_staff_member | may_view_scorecard_sheet)
rules.add_perm("evaluation.edit_scorecard_sheet", is_sheet_member)
rules.add_perm("evaluation.view_delphi_round", is_staff_member | is_delphi_expert)
rules.add_perm("evaluation.answer_delphi_round", is_delphi_expert)
