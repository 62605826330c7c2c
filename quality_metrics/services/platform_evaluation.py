"""Platform evaluation (质量基础设施“一站式”服务规范 平台评价与改进): rounds, panel rules of §6.2, scoring on
Table A.1 with the evaluation app's scorecard engine, report (§8.3), archive (§8.5), improvement (§8.4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from evaluation.models import ScorecardTemplate
from evaluation.scorecards import (
    scorecard_evaluation_close,
    scorecard_evaluation_create,
    scorecard_evaluation_open,
)
from platform_core.errors import ConflictError, ValidationFailed
from platform_core.workflow.engine import record_initial, transition

from ..models import (
    EvaluationSuggestion,
    EvaluationTrigger,
    ImprovementAction,
    PanelMember,
    PlatformEvaluation,
)
from .codes import code_next

TEMPLATE_CODE = "qi_platform_a1"
P = PlatformEvaluation.State

QUALIFICATIONS = (
    ("intermediate_title", "intermediate or higher technical title, or equivalent ability"),
    ("management_knowledge", "management knowledge and evaluation ability"),
    ("trained", "training in the evaluation requirements and methods"),
    ("impartial", "impartiality and confidentiality"),
)


def panel_problems(evaluation: PlatformEvaluation) -> list[str]:
    """Every way the panel falls short of 003 §6.2 (empty: the panel may start scoring)."""
    members = list(evaluation.panel.select_related("user"))
    n = len(members)
    problems = []
    if n < 3:
        problems.append(_("The panel must have at least 3 members (it has %(n)d).") % {"n": n})
    if n % 2 == 0:
        problems.append(_("The panel must have an odd number of members (it has %(n)d).") % {"n": n})
    labels = {
        "intermediate_title": _("an intermediate or higher technical title, or equivalent ability"),
        "management_knowledge": _("management knowledge and evaluation ability"),
        "trained": _("training in the evaluation requirements and methods"),
        "impartial": _("a commitment to impartiality and confidentiality"),
    }
    for member in members:
        lacking = [str(labels[field]) for field, _label in QUALIFICATIONS if not getattr(member, field)]
        if lacking:
            problems.append(
                _("%(name)s does not meet §6.2.2: lacks %(what)s.")
                % {"name": member.user, "what": "、".join(lacking)}
            )
    if members and not any(m.hands_on_experience for m in members):
        problems.append(_("At least one member must have hands-on experience of running a service platform."))
    leaders = sum(1 for m in members if m.is_leader)
    if leaders != 1:
        problems.append(_("Appoint exactly one panel leader (§6.2.3)."))
    return problems


@transaction.atomic
def platform_evaluation_create(
    *,
    actor: Any,
    title: str,
    year: int,
    mode: str = PlatformEvaluation.Mode.SELF,
    purpose: str = "",
    site_visit_on: dt.date | None = None,
    trigger: EvaluationTrigger | None = None,
) -> PlatformEvaluation:
    if trigger is not None and PlatformEvaluation.objects.filter(trigger=trigger).exists():
        raise ConflictError(_("An evaluation has already been started for this event."), code="trigger_used")
    evaluation = PlatformEvaluation(
        code=code_next("PJ"),
        title=title.strip(),
        year=year,
        mode=mode,
        reason=PlatformEvaluation.Reason.TRIGGER if trigger else PlatformEvaluation.Reason.ANNUAL,
        trigger=trigger,
        purpose=purpose.strip(),
        site_visit_on=site_visit_on,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    evaluation.full_clean()
    evaluation.save()
    record_initial(evaluation, actor=actor)
    return evaluation


@transaction.atomic
def trigger_record(*, actor: Any, kind: str, occurred_on: dt.date, description: str) -> EvaluationTrigger:
    trigger = EvaluationTrigger(
        kind=kind, occurred_on=occurred_on, description=description.strip(), recorded_by=actor
    )
    trigger.full_clean()
    trigger.save()
    return trigger


def evaluation_from_trigger(
    *, trigger_id: int, actor: Any, mode: str = PlatformEvaluation.Mode.SELF
) -> PlatformEvaluation:
    """Restart the evaluation after a trigger event (003 §6.1.2)."""
    trigger = EvaluationTrigger.objects.get(pk=trigger_id)
    return platform_evaluation_create(
        actor=actor,
        title=_("Platform re-evaluation after: %(event)s") % {"event": trigger},
        year=trigger.occurred_on.year,
        mode=mode,
        trigger=trigger,
        purpose=trigger.description,
    )


def _editable(evaluation: PlatformEvaluation) -> None:
    if evaluation.state != P.PREPARING:
        raise ConflictError(_("The panel is fixed once scoring has started."), code="panel_fixed")


@transaction.atomic
def panel_member_add(*, evaluation_id: int, actor: Any, user: Any, **fields: Any) -> PanelMember:
    evaluation = PlatformEvaluation.objects.select_for_update().get(pk=evaluation_id)
    _editable(evaluation)
    if evaluation.panel.filter(user=user).exists():
        raise ValidationFailed(
            _("%(name)s is already on the panel.") % {"name": user}, code="duplicate_member"
        )
    member = PanelMember(evaluation=evaluation, user=user, **fields)
    member.full_clean()
    if member.is_leader:
        evaluation.panel.update(is_leader=False)
    member.save()
    return member


@transaction.atomic
def panel_member_remove(*, member_id: int, actor: Any) -> None:
    member = PanelMember.objects.select_related("evaluation").get(pk=member_id)
    _editable(member.evaluation)
    member.delete()


@transaction.atomic
def evaluation_start_scoring(*, evaluation_id: int, actor: Any) -> PlatformEvaluation:
    """Check the panel (§6.2), create one Table A.1 score sheet per member and open the scoring."""
    evaluation = PlatformEvaluation.objects.get(pk=evaluation_id)
    problems = panel_problems(evaluation)
    if problems:
        # the engine would refuse too; saying every problem at once is kinder
        raise ValidationFailed("；".join(problems), code="panel_invalid")
    template = ScorecardTemplate.objects.get(code=TEMPLATE_CODE)
    scorecard = scorecard_evaluation_create(
        template=template,
        title=str(evaluation),
        members=[m.user for m in evaluation.panel.select_related("user")],
        actor=actor,
        subject=evaluation,
        hide_others_until_submitted=True,
    )
    scorecard_evaluation_open(evaluation_id=scorecard.pk, actor=actor)

    def link(e: PlatformEvaluation) -> None:
        e.scorecard = scorecard

    return transition(PlatformEvaluation, evaluation_id, action="start_scoring", actor=actor, apply=link)


@transaction.atomic
def evaluation_finish_scoring(*, evaluation_id: int, actor: Any) -> PlatformEvaluation:
    """Close the score sheets (every member must have submitted); store the total and the grade."""
    evaluation = PlatformEvaluation.objects.select_related("scorecard").get(pk=evaluation_id)
    if evaluation.scorecard is None:
        raise ConflictError(_("Scoring has not started."), code="not_scoring")
    scorecard = evaluation.scorecard
    if scorecard.state != "closed":
        scorecard = scorecard_evaluation_close(evaluation_id=scorecard.pk, actor=actor)

    def fill(e: PlatformEvaluation) -> None:
        e.total = scorecard.total
        e.grade = scorecard.grade
        e.grade_label = scorecard.grade_label

    return transition(PlatformEvaluation, evaluation_id, action="finish_scoring", actor=actor, apply=fill)


@transaction.atomic
def evaluation_write_conclusions(
    *, evaluation_id: int, actor: Any, overall_situation: str, problems: str
) -> PlatformEvaluation:
    evaluation = PlatformEvaluation.objects.select_for_update().get(pk=evaluation_id)
    if evaluation.state != P.SCORED:
        raise ConflictError(
            _("Conclusions are written after scoring and before the report."), code="not_scored"
        )
    evaluation.overall_situation = overall_situation.strip()
    evaluation.problems = problems.strip()
    evaluation.full_clean()
    evaluation.save(update_fields=["overall_situation", "problems", "updated_at"])
    return evaluation


@transaction.atomic
def suggestion_add(*, evaluation_id: int, actor: Any, text: str, deadline_days: int) -> EvaluationSuggestion:
    evaluation = PlatformEvaluation.objects.select_for_update().get(pk=evaluation_id)
    if evaluation.state not in (P.SCORING, P.SCORED):
        raise ConflictError(_("Suggestions are recorded before the report is issued."), code="reported")
    if deadline_days < 1:
        raise ValidationFailed(_("The deadline must be at least one working day."), code="bad_deadline")
    suggestion = EvaluationSuggestion(evaluation=evaluation, text=text.strip(), deadline_days=deadline_days)
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def evaluation_issue_report(*, evaluation_id: int, actor: Any, owner: Any = None) -> PlatformEvaluation:
    """Issue the report: every suggestion becomes a time-limited improvement action (§8.4.2); the PDF is
    rendered and archived in the background (§8.5)."""
    from .improvements import action_create

    with transaction.atomic():
        evaluation = transition(PlatformEvaluation, evaluation_id, action="issue_report", actor=actor)
        for suggestion in evaluation.suggestions.select_for_update().filter(action__isnull=True):
            action = action_create(
                actor=actor,
                title=suggestion.text[:60],
                source=ImprovementAction.Source.PLATFORM_EVALUATION,
                problem=suggestion.text,
                owner=owner,
                deadline_days=suggestion.deadline_days,
                platform_evaluation=evaluation,
                source_reference=evaluation.code,
            )
            suggestion.action = action
            suggestion.save(update_fields=["action"])
        from ..tasks import platform_evaluation_report

        actor_id = getattr(actor, "pk", None)
        transaction.on_commit(
            lambda: platform_evaluation_report.delay(evaluation_id=evaluation.pk, actor_id=actor_id)
        )
    return evaluation


def evaluation_render_and_archive(*, evaluation_id: int, actor: Any = None) -> PlatformEvaluation:
    """Render the report PDF and register it in the archive (idempotent: an archived report is kept)."""
    from platform_core.archive.services import archive_document
    from platform_core.reports.services import report_render_now

    evaluation = PlatformEvaluation.objects.get(pk=evaluation_id)
    if evaluation.state != P.REPORTED:
        raise ConflictError(_("The report has not been issued."), code="not_reported")
    report = evaluation.report
    if report is None or report.status != "done":
        report = report_render_now(
            subject=evaluation,
            kind="platform_evaluation_report",
            title=_("Platform evaluation report %(code)s") % {"code": evaluation.code},
            template_name="reports/quality_metrics/platform_evaluation.html",
            context_builder="quality_metrics.reports.platform_evaluation_context",
            requested_by=actor,
        )
        PlatformEvaluation.objects.filter(pk=evaluation.pk).update(report=report)
    if report.status == "done" and not evaluation.archive_code:
        entry = archive_document(
            subject=evaluation,
            doc_type="platform_evaluation_report",
            title=report.title,
            archived_by=actor,
            report=report,
        )
        PlatformEvaluation.objects.filter(pk=evaluation.pk).update(archive_code=entry.code)
    evaluation.refresh_from_db()
    return evaluation
