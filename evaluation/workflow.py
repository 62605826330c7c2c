"""State machines of the evaluation app. Every state change goes through platform_core's ``transition``."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import is_staff_member
from platform_core.workflow.engine import Transition, Workflow

from .models import (
    DelphiRound,
    Evaluation,
    IndicatorSystem,
    PanelMember,
    ScorecardEvaluation,
    ScorecardSheet,
    ScoreSheet,
)
from .permissions import is_achievement_holder, is_own_sheet, is_sheet_member

S = IndicatorSystem.State


def _system_ready(system: IndicatorSystem):
    from .selectors.indicators import weight_problems

    problems = weight_problems(system)
    return "; ".join(problems) if problems else None


INDICATOR_SYSTEM_WORKFLOW = Workflow(
    name="indicator_system",
    model=IndicatorSystem,
    states=S,
    transitions=[
        Transition(
            "activate",
            (S.DRAFT,),
            S.ACTIVE,
            _("Put into use"),
            is_staff_member,
            condition=_system_ready,
            style="success",
        ),
        Transition("retire", (S.ACTIVE,), S.RETIRED, _("Retire"), is_staff_member, style="secondary"),
    ],
)

D = DelphiRound.State

DELPHI_ROUND_WORKFLOW = Workflow(
    name="delphi_round",
    model=DelphiRound,
    states=D,
    transitions=[
        Transition("close", (D.OPEN,), D.CLOSED, _("Close the round"), is_staff_member, style="primary"),
        Transition(
            "reopen",
            (D.CLOSED,),
            D.OPEN,
            _("Reopen"),
            is_staff_member,
            reason_required=True,
            style="secondary",
        ),
    ],
)

SE = ScorecardEvaluation.State


def _all_sheets_submitted(evaluation: ScorecardEvaluation):
    sheets = list(evaluation.sheets.all())
    if not sheets:
        return _("No panel member has been added.")
    if any(s.state != ScorecardSheet.State.SUBMITTED for s in sheets):
        return _("Every panel member must submit a score sheet first.")
    return None


def _scorecard_notify(evaluation: ScorecardEvaluation, log):
    if log.to_state == SE.SCORING:
        for sheet in evaluation.sheets.select_related("member"):
            yield (
                sheet.member,
                _("Please score: %(title)s") % {"title": evaluation.title},
                _("Open your score sheet and submit it before the due date."),
            )


SCORECARD_EVALUATION_WORKFLOW = Workflow(
    name="scorecard_evaluation",
    model=ScorecardEvaluation,
    states=SE,
    transitions=[
        Transition("open", (SE.DRAFT,), SE.SCORING, _("Open for scoring"), is_staff_member, style="primary"),
        Transition(
            "close",
            (SE.SCORING,),
            SE.CLOSED,
            _("Close and grade"),
            is_staff_member,
            condition=_all_sheets_submitted,
            style="success",
        ),
        Transition(
            "reopen",
            (SE.CLOSED,),
            SE.SCORING,
            _("Reopen scoring"),
            is_staff_member,
            reason_required=True,
            style="secondary",
        ),
    ],
    notify=_scorecard_notify,
)

SS = ScorecardSheet.State


def _sheet_open(sheet: ScorecardSheet):
    if sheet.evaluation.state != SE.SCORING:
        return _("The evaluation is not open for scoring.")
    return None


SCORECARD_SHEET_WORKFLOW = Workflow(
    name="scorecard_sheet",
    model=ScorecardSheet,
    states=SS,
    transitions=[
        Transition(
            "submit",
            (SS.DRAFT,),
            SS.SUBMITTED,
            _("Submit"),
            is_sheet_member,
            condition=_sheet_open,
            style="success",
        ),
        Transition(
            "reopen",
            (SS.SUBMITTED,),
            SS.DRAFT,
            _("Return to the member"),
            is_staff_member,
            reason_required=True,
            condition=_sheet_open,
            style="secondary",
        ),
    ],
)


# --- evaluations of achievements (000 §5.1.2.3) ----------------------------------------------------

E = Evaluation.State


def _panel_ready(evaluation: Evaluation):
    from .selectors.panels import panel_problems

    problems = panel_problems(evaluation)
    return "；".join(str(p) for p in problems) if problems else None


def _start_ready(evaluation: Evaluation):
    if evaluation.leader_id is None:
        return _("Name the work group leader first.")
    return _panel_ready(evaluation)


def _scoring_done(evaluation: Evaluation):
    from .selectors.panels import scoring_problems

    problems = scoring_problems(evaluation)
    return "；".join(str(p) for p in problems) if problems else None


def _conclusion_ready(evaluation: Evaluation):
    if evaluation.recommend_publication is not True:
        return _("Record the conclusion “recommend publication” before closing as passed.")
    if not evaluation.conclusion.strip():
        return _("Write the evaluation conclusion first.")
    if evaluation.mode == Evaluation.Mode.MEETING and not evaluation.consolidated_opinion.strip():
        return _("A meeting review needs the meeting record and the consolidated opinion.")
    return None


def _fail_ready(evaluation: Evaluation):
    if not evaluation.conclusion.strip():
        return _("Write the evaluation conclusion first.")
    return None


def _evaluation_notify(evaluation: Evaluation, log):
    name = evaluation.achievement.name
    if log.action == "request_supplement":
        yield (
            evaluation.achievement.holder,
            _("Supplementary materials requested for “%(name)s”") % {"name": name},
            log.reason,
        )
    elif log.action == "resume_audit" and evaluation.leader_id:
        yield evaluation.leader, _("Supplementary materials received: %(name)s") % {"name": name}, log.reason
    elif log.action == "start_scoring":
        for member in evaluation.panel_members.filter(state=PanelMember.State.ACTIVE).select_related(
            "expert__user"
        ):
            yield (
                member.expert.user,
                _("Scoring has started: %(name)s") % {"name": name},
                _("Please score every indicator and submit your sheet by %(date)s.")
                % {"date": evaluation.due_date or "—"},
            )
    elif log.action == "finish_scoring" and evaluation.leader_id:
        yield evaluation.leader, _("All score sheets are in: %(name)s") % {"name": name}, ""


EVALUATION_WORKFLOW = Workflow(
    name="evaluation",
    model=Evaluation,
    states=E,
    transitions=[
        Transition(
            "start",
            (E.DRAFT,),
            E.AUDITING,
            _("Start the evaluation"),
            is_staff_member,
            condition=_start_ready,
        ),
        Transition(
            "request_supplement",
            (E.AUDITING,),
            E.SUPPLEMENT,
            _("Request supplementary materials"),
            is_staff_member,
            reason_required=True,
            style="warning",
        ),
        Transition(
            "resume_audit",
            (E.SUPPLEMENT,),
            E.AUDITING,
            _("Supplement received"),
            is_staff_member | is_achievement_holder,
            style="primary",
        ),
        Transition(
            "mark_not_evaluated",
            (E.AUDITING, E.SUPPLEMENT),
            E.NOT_EVALUATED,
            _("Not evaluated (fundamental error)"),
            is_staff_member,
            reason_required=True,
            style="danger",
        ),
        Transition(
            "start_scoring",
            (E.AUDITING,),
            E.SCORING,
            _("Materials complete: start scoring"),
            is_staff_member,
            condition=_panel_ready,
            style="success",
        ),
        Transition(
            "finish_scoring",
            (E.SCORING,),
            E.REVIEW,
            _("Close scoring and aggregate"),
            is_staff_member,
            condition=_scoring_done,
        ),
        Transition(
            "reopen_scoring",
            (E.REVIEW,),
            E.SCORING,
            _("Reopen scoring"),
            is_staff_member,
            reason_required=True,
            style="secondary",
        ),
        Transition(
            "pass",
            (E.REVIEW,),
            E.PASSED,
            _("Close: evaluation passed"),
            is_staff_member,
            condition=_conclusion_ready,
            style="success",
        ),
        Transition(
            "fail",
            (E.REVIEW,),
            E.FAILED,
            _("Close: evaluation failed"),
            is_staff_member,
            reason_required=True,
            condition=_fail_ready,
            style="danger",
        ),
        Transition(
            "cancel",
            (E.DRAFT,),
            E.CANCELLED,
            _("Cancel"),
            is_staff_member,
            reason_required=True,
            style="secondary",
        ),
    ],
    notify=_evaluation_notify,
)

PM = PanelMember.State


@rules.predicate
def _is_member_self(user, member) -> bool:
    return member is not None and getattr(user, "pk", None) == member.expert.user_id


def _evaluation_open(member: PanelMember):
    if not member.evaluation.is_open:
        return _("The evaluation is closed.")
    return None


def _member_notify(member: PanelMember, log):
    if log.action == "recuse":
        evaluation = member.evaluation
        recipients = [evaluation.leader] if evaluation.leader_id else []
        for user in recipients:
            yield (
                user,
                _("An expert recused: %(name)s") % {"name": evaluation.achievement.name},
                f"{member.expert}：{log.reason}",
            )


PANEL_MEMBER_WORKFLOW = Workflow(
    name="panel_member",
    model=PanelMember,
    states=PM,
    transitions=[
        Transition(
            "sign",
            (PM.ASSIGNED,),
            PM.ACTIVE,
            _("Sign the declaration"),
            _is_member_self,
            condition=_evaluation_open,
            style="success",
        ),
        Transition(
            "recuse",
            (PM.ASSIGNED, PM.ACTIVE),
            PM.RECUSED,
            _("Recuse"),
            _is_member_self | is_staff_member,
            reason_required=True,
            condition=_evaluation_open,
            style="warning",
        ),
    ],
    notify=_member_notify,
)

SH = ScoreSheet.State


def _sheet_in_scoring(sheet: ScoreSheet):
    if sheet.panel_member.evaluation.state != E.SCORING:
        return _("The evaluation is not open for scoring.")
    if sheet.panel_member.state != PM.ACTIVE:
        return _("Only a panel member who signed the declaration may score.")
    return None


SCORE_SHEET_WORKFLOW = Workflow(
    name="score_sheet",
    model=ScoreSheet,
    states=SH,
    transitions=[
        Transition(
            "submit",
            (SH.DRAFT,),
            SH.SUBMITTED,
            _("Submit"),
            is_own_sheet,
            condition=_sheet_in_scoring,
            style="success",
        ),
        Transition(
            "reopen",
            (SH.SUBMITTED,),
            SH.DRAFT,
            _("Return to the expert"),
            is_staff_member,
            reason_required=True,
            condition=_sheet_in_scoring,
            style="secondary",
        ),
    ],
)
