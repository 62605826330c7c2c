"""State machines of the evaluation app. Every state change goes through platform_core's ``transition``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import is_staff_member
from platform_core.workflow.engine import Transition, Workflow

from .models import DelphiRound, IndicatorSystem, ScorecardEvaluation, ScorecardSheet
from .permissions import is_sheet_member

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
