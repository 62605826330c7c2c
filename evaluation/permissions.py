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


# --- evaluations of achievements -----------------------------------------------------------------


def _member_of(user, evaluation):
    """The user's non-recused panel membership in the evaluation (cached per evaluation instance)."""
    if evaluation is None or not getattr(user, "is_authenticated", False):
        return None
    cache = evaluation.__dict__.setdefault("_member_cache", {})
    if user.pk not in cache:
        cache[user.pk] = (
            evaluation.panel_members.exclude(state="recused").filter(expert__user_id=user.pk).first()
        )
    return cache[user.pk]


@rules.predicate
def is_work_group(user, evaluation) -> bool:
    if evaluation is None or not getattr(user, "is_authenticated", False):
        return False
    if evaluation.leader_id == user.pk:
        return True
    return evaluation.work_group.filter(pk=user.pk).exists()


@rules.predicate
def is_sheet_work_group(user, sheet) -> bool:
    return sheet is not None and is_work_group(user, sheet.panel_member.evaluation)


@rules.predicate
def is_panel_member(user, evaluation) -> bool:
    return _member_of(user, evaluation) is not None


@rules.predicate
def has_signed_declaration(user, evaluation) -> bool:
    member = _member_of(user, evaluation)
    return member is not None and member.state == "active"


@rules.predicate
def is_achievement_holder(user, evaluation) -> bool:
    return evaluation is not None and getattr(user, "pk", None) == evaluation.achievement.holder_id


@rules.predicate
def waits_for_supplement(user, evaluation) -> bool:
    return evaluation is not None and evaluation.state == "supplement"


@rules.predicate
def is_own_sheet(user, sheet) -> bool:
    return sheet is not None and getattr(user, "pk", None) == sheet.panel_member.expert.user_id


@rules.predicate
def may_view_others_sheet(user, sheet) -> bool:
    """Another panel member's sheet: once one's own is submitted (or when hiding is switched off)."""
    if sheet is None:
        return False
    evaluation = sheet.panel_member.evaluation
    member = _member_of(user, evaluation)
    if member is None or member.state != "active":
        return False
    if not evaluation.hide_others_until_submitted:
        return True
    own = getattr(member, "sheet", None)
    return own is not None and own.state == "submitted"


can_view_evaluation = is_staff_member | is_work_group | is_panel_member
rules.add_perm("evaluation.view_evaluation", can_view_evaluation)
rules.add_perm("evaluation.manage_evaluation", is_staff_member)
rules.add_perm("evaluation.view_materials", is_staff_member | is_work_group | has_signed_declaration)
rules.add_perm("evaluation.supplement_materials", is_achievement_holder & waits_for_supplement)
rules.add_perm(
    "evaluation.view_sheet", is_staff_member | is_sheet_work_group | is_own_sheet | may_view_others_sheet
)
rules.add_perm("evaluation.edit_sheet", is_own_sheet)
rules.add_perm("evaluation.manage_experts", is_staff_member)
