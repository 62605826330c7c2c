"""The evaluation of an achievement: creation, panel, declarations, audit, transitions, conclusion."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from achievements.models import Achievement
from evaluation.models import (
    ConflictDeclaration,
    Evaluation,
    Expert,
    IndicatorSystem,
    MaterialAudit,
    PanelMember,
    PanelRole,
    ScoreSheet,
    SwotEntry,
    TrlScale,
)
from evaluation.selectors.indicators import default_system
from evaluation.selectors.panels import (
    active_members,
    candidates,
    conflicts_for,
    expert_loads,
    load_cap,
    role_counts,
    trl_scale_for,
)
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.notifications.services import notification_send
from platform_core.workflow.engine import record_initial, transition

DECLARATION_TEXT = (
    "本人自愿担任本成果的评估专家，郑重声明：\n"
    "一、本人与被评估成果的持有方、共同持有方及项目团队成员不存在任职、兼职、合作研究、投资持股、"
    "亲属关系或其他可能影响公正评估的利益关系；如存在或在评估过程中发现上述关系，本人将主动申请回避。\n"
    "二、本人将依据评估指标体系独立、客观、公正地评分和提出意见，不受任何单位或个人的干预。\n"
    "三、本人对评估过程中知悉的成果资料、技术秘密和评估意见严格保密，不复制、不泄露、不用于评估以外的用途。\n"
    "四、本人不私下接触被评估方，不收受任何形式的馈赠或利益。\n"
    "如违反上述声明，本人愿承担相应责任。"
)


def _open_evaluation(evaluation_id: int, *, lock: bool = True) -> Evaluation:
    qs = Evaluation.objects.select_related("achievement", "achievement__holder")
    if lock:
        qs = qs.select_for_update(of=("self",))
    evaluation = qs.filter(pk=evaluation_id).first()
    if evaluation is None:
        raise NotFoundError(_("The record does not exist."))
    return evaluation


def _require_staff(actor: Any) -> None:
    from platform_core.accounts.roles import is_staff_member

    if not is_staff_member(actor):
        raise PermissionDeniedError(_("You are not allowed to do this."))


@transaction.atomic
def evaluation_create(
    *,
    achievement: Achievement,
    actor: Any,
    indicator_system: IndicatorSystem | None = None,
    trl_scale: TrlScale | None = None,
    mode: str = Evaluation.Mode.CORRESPONDENCE,
    due_date: date | None = None,
    leader: Any = None,
    work_group: list[Any] | None = None,
    aggregation: str = "mean",
    hide_others_until_submitted: bool = True,
    min_per_role: int = 1,
) -> Evaluation:
    """Open an evaluation project for an accepted achievement (000 §5.1.2.3.1)."""
    _require_staff(actor)
    if achievement.state != Achievement.State.ACCEPTED:
        raise ValidationFailed(
            _("Only an accepted achievement can be evaluated (it is “%(state)s”).")
            % {"state": achievement.get_state_display()},
            code="not_accepted",
        )
    if Evaluation.objects.filter(achievement=achievement, state__in=Evaluation.OPEN_STATES).exists():
        raise ConflictError(_("This achievement already has an evaluation in progress."), code="duplicate")
    system = indicator_system or default_system()
    if system is None:
        raise ValidationFailed(_("No indicator system is in use."), code="no_system")
    if system.state != IndicatorSystem.State.ACTIVE:
        raise ValidationFailed(_("Only an indicator system in use can be chosen."), code="system_not_active")
    scale = trl_scale or trl_scale_for(achievement)
    if scale is None:
        raise ValidationFailed(_("No TRL scale exists."), code="no_trl_scale")
    evaluation = Evaluation(
        achievement=achievement,
        indicator_system=system,
        trl_scale=scale,
        mode=mode,
        due_date=due_date,
        leader=leader or actor,
        aggregation=aggregation,
        hide_others_until_submitted=hide_others_until_submitted,
        min_per_role=min_per_role,
        overview=achievement.summary or "",
        created_by=actor,
    )
    evaluation.full_clean()
    evaluation.save()
    evaluation.work_group.set(work_group or [actor])
    record_initial(evaluation, actor=actor)
    return evaluation


@transaction.atomic
def evaluation_update(*, evaluation_id: int, actor: Any, **fields: Any) -> Evaluation:
    """Change the settings of an open evaluation (mode, due date, leader, aggregation, …)."""
    _require_staff(actor)
    evaluation = _open_evaluation(evaluation_id)
    if not evaluation.is_open:
        raise ConflictError(_("The evaluation is closed."), code="closed")
    allowed = {
        "mode",
        "due_date",
        "leader",
        "aggregation",
        "trim_proportion",
        "hide_others_until_submitted",
        "min_per_role",
        "outlier_threshold",
        "trl_scale",
        "indicator_system",
    }
    work_group = fields.pop("work_group", None)
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationFailed(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "indicator_system" in fields and fields["indicator_system"].pk != evaluation.indicator_system_id:
        if evaluation.state != Evaluation.State.DRAFT:
            raise ConflictError(_("The indicator system can only change before the evaluation starts."))
        if fields["indicator_system"].state != IndicatorSystem.State.ACTIVE:
            raise ValidationFailed(
                _("Only an indicator system in use can be chosen."), code="system_not_active"
            )
    for name, value in fields.items():
        setattr(evaluation, name, value)
    evaluation.full_clean()
    evaluation.save()
    if work_group is not None:
        evaluation.work_group.set(work_group)
    return evaluation


# --- the panel ---------------------------------------------------------------------------------


@transaction.atomic
def panel_member_assign(
    *,
    evaluation_id: int,
    expert_id: int,
    actor: Any,
    is_chair: bool = False,
    replaces: PanelMember | None = None,
    enforce_load: bool = True,
) -> PanelMember:
    """Put an expert on the panel. A conflicted expert cannot be assigned; the load cap applies."""
    _require_staff(actor)
    evaluation = _open_evaluation(evaluation_id)
    if evaluation.state not in (
        Evaluation.State.DRAFT,
        Evaluation.State.AUDITING,
        Evaluation.State.SUPPLEMENT,
        Evaluation.State.SCORING,
    ):
        raise ConflictError(_("The panel can no longer change."), code="panel_closed")
    expert = Expert.objects.select_related("user").prefetch_related("relations").filter(pk=expert_id).first()
    if expert is None:
        raise NotFoundError(_("The record does not exist."))
    if not expert.is_active:
        raise ValidationFailed(_("The expert is not available."), code="expert_inactive")
    if active_members(evaluation).filter(expert=expert).exists():
        raise ConflictError(_("The expert is already on the panel."), code="already_member")
    problems = conflicts_for(expert, evaluation.achievement)
    if problems:
        raise ValidationFailed(
            _("%(expert)s cannot be assigned: %(reasons)s")
            % {"expert": expert, "reasons": "；".join(str(p) for p in problems)},
            code="conflict_of_interest",
            extra={"conflicts": [p.code for p in problems]},
        )
    if enforce_load and expert_loads([expert.pk]).get(expert.pk, 0) >= load_cap(expert):
        raise ValidationFailed(
            _("%(expert)s already has %(n)d evaluations in progress (the limit).")
            % {"expert": expert, "n": load_cap(expert)},
            code="load_cap",
        )
    if is_chair:
        evaluation.panel_members.filter(is_chair=True).update(is_chair=False)
    member = PanelMember(
        evaluation=evaluation,
        expert=expert,
        panel_role=expert.panel_role,
        is_chair=is_chair,
        replaces=replaces,
        assigned_by=actor,
    )
    member.full_clean()
    member.save()
    record_initial(member, actor=actor)
    user = expert.user
    name = evaluation.achievement.name
    transaction.on_commit(
        lambda: notification_send(
            recipient=user,
            title=_("You have been invited to evaluate “%(name)s”") % {"name": name},
            body=_("Please sign the conflict-of-interest declaration before the materials become visible."),
            target=evaluation,
        )
    )
    return member


@transaction.atomic
def panel_auto_assign(*, evaluation_id: int, actor: Any) -> list[PanelMember]:
    """Fill the panel to ``min_per_role`` of each role: no conflicts, under the load cap, least loaded
    first, preferring sectors not yet on the panel."""
    _require_staff(actor)
    evaluation = _open_evaluation(evaluation_id)
    added: list[PanelMember] = []
    for role in PanelRole.values:
        members = list(active_members(evaluation))
        need = evaluation.min_per_role - role_counts(members).get(role, 0)
        if need <= 0:
            continue
        sectors = {m.expert.sector for m in members}
        pool = [
            (e, load)
            for e, conflicts, load in candidates(evaluation, role)
            if not conflicts and load < load_cap(e)
        ]
        pool.sort(key=lambda row: (row[0].sector in sectors, row[1], row[0].pk))
        for expert, _load in pool[:need]:
            added.append(panel_member_assign(evaluation_id=evaluation.pk, expert_id=expert.pk, actor=actor))
            sectors.add(expert.sector)
    return added


def _member(member_id: int) -> PanelMember:
    member = (
        PanelMember.objects.select_related("evaluation__achievement", "expert__user")
        .filter(pk=member_id)
        .first()
    )
    if member is None:
        raise NotFoundError(_("The record does not exist."))
    return member


def _name_matches(typed: str, user: Any) -> bool:
    from evaluation.selectors.panels import _names, _norm

    return _norm(typed) in _names(user)


@transaction.atomic
def declaration_sign(
    *,
    member_id: int,
    actor: Any,
    full_name: str,
    agreed: bool,
    ip_address: str | None = None,
    user_agent: str = "",
) -> ConflictDeclaration:
    """The expert signs the 利益冲突回避声明 in the browser; only then are the materials visible."""
    member = _member(member_id)
    if member.expert.user_id != getattr(actor, "pk", None):
        raise PermissionDeniedError(_("Only the expert may sign his own declaration."))
    if not agreed:
        raise ValidationFailed(_("Tick the box to accept the declaration."), code="not_agreed")
    if not full_name.strip() or not _name_matches(full_name, actor):
        raise ValidationFailed(
            _("Type your full name exactly as registered (%(name)s).") % {"name": actor}, code="name_mismatch"
        )
    problems = conflicts_for(member.expert, member.evaluation.achievement)
    if problems:
        raise ValidationFailed(
            _("A conflict of interest was found: %(reasons)s. Please recuse.")
            % {"reasons": "；".join(str(p) for p in problems)},
            code="conflict_of_interest",
        )
    transition(PanelMember, member.pk, action="sign", actor=actor)
    declaration = ConflictDeclaration(
        panel_member=member,
        full_name=full_name.strip(),
        agreed=True,
        statement=DECLARATION_TEXT,
        signed_at=timezone.now(),
        ip_address=ip_address or None,
        user_agent=(user_agent or "")[:300],
    )
    declaration.full_clean()
    declaration.save()
    sheet, created = ScoreSheet.objects.get_or_create(panel_member=member)
    if created:
        record_initial(sheet, actor=actor)
    return declaration


@transaction.atomic
def panel_member_recuse(*, member_id: int, actor: Any, reason: str) -> PanelMember:
    def note(obj: PanelMember) -> None:
        obj.recusal_reason = reason.strip()[:500]
        obj.is_chair = False

    return transition(PanelMember, member_id, action="recuse", actor=actor, reason=reason, apply=note)


@transaction.atomic
def panel_member_replace(*, member_id: int, expert_id: int, actor: Any, reason: str) -> PanelMember:
    """Recuse a member and assign another expert in his place."""
    _require_staff(actor)
    old = panel_member_recuse(member_id=member_id, actor=actor, reason=reason)
    return panel_member_assign(
        evaluation_id=old.evaluation_id, expert_id=expert_id, actor=actor, replaces=old
    )


# --- material audit and the evaluation's moves ----------------------------------------------------


def _achievement_move(evaluation: Evaluation, action: str, actor: Any, reason: str = "", apply=None) -> None:
    transition(Achievement, evaluation.achievement_id, action=action, actor=actor, reason=reason, apply=apply)


@transaction.atomic
def evaluation_transition(*, evaluation_id: int, action: str, actor: Any, reason: str = "") -> Evaluation:
    """Every move of an evaluation, with its side effects on the achievement (one transaction)."""
    from evaluation.selectors.aggregation import evaluation_results

    evaluation = _open_evaluation(evaluation_id, lock=False)
    apply = None
    if action == "start":
        _achievement_move(evaluation, "start_evaluation", actor)

        def apply(obj: Evaluation) -> None:
            obj.started_at = timezone.now()

    elif action == "mark_not_evaluated":
        _achievement_move(evaluation, "mark_not_evaluated", actor, reason)

        def apply(obj: Evaluation) -> None:
            obj.closed_at = timezone.now()
            obj.conclusion = obj.conclusion or reason

    elif action == "finish_scoring":

        def apply(obj: Evaluation) -> None:
            results = evaluation_results(obj)
            obj.results = results
            obj.panel_score = results["panel_total"]
            if obj.trl_conclusion is None and results["trl_median"]:
                obj.trl_conclusion = results["trl_median"]

    elif action in ("pass", "fail"):

        def classify(achievement: Achievement) -> None:
            if evaluation.trl_conclusion:
                achievement.trl = evaluation.trl_conclusion
            if evaluation.maturity_conclusion:
                achievement.maturity = evaluation.maturity_conclusion

        updated = transition(Evaluation, evaluation_id, action=action, actor=actor, reason=reason)
        Evaluation.objects.filter(pk=evaluation_id).update(closed_at=timezone.now())
        _achievement_move(
            evaluation,
            "pass_evaluation" if action == "pass" else "fail_evaluation",
            actor,
            reason or evaluation.conclusion,
            apply=classify,
        )
        updated.refresh_from_db()
        from .reports import evaluation_report_request

        evaluation_report_request(evaluation_id=evaluation_id, actor=actor)
        return updated
    return transition(Evaluation, evaluation_id, action=action, actor=actor, reason=reason, apply=apply)


@transaction.atomic
def material_audit_record(*, evaluation_id: int, actor: Any, result: str, reasons: str = "") -> MaterialAudit:
    """Record the material audit and take its move: complete → scoring; incomplete → supplement (the
    clock pauses); fundamental error → not evaluated (the achievement too)."""
    _require_staff(actor)
    evaluation = _open_evaluation(evaluation_id, lock=False)
    if evaluation.state != Evaluation.State.AUDITING:
        raise ConflictError(_("The material audit happens after the evaluation starts."), code="not_auditing")
    if result != MaterialAudit.Result.COMPLETE and not reasons.strip():
        raise ValidationFailed(_("Give the reasons."), code="reason_required")
    audit = MaterialAudit(evaluation=evaluation, result=result, reasons=reasons.strip(), auditor=actor)
    audit.full_clean()
    audit.save()
    action = {
        MaterialAudit.Result.COMPLETE: "start_scoring",
        MaterialAudit.Result.INCOMPLETE: "request_supplement",
        MaterialAudit.Result.FUNDAMENTAL_ERROR: "mark_not_evaluated",
    }[result]
    evaluation_transition(evaluation_id=evaluation.pk, action=action, actor=actor, reason=reasons)
    return audit


@transaction.atomic
def supplement_submit(*, evaluation_id: int, actor: Any, note: str = "") -> Evaluation:
    """The holder reports the supplement done (files go to the evaluation's attachments)."""
    return transition(Evaluation, evaluation_id, action="resume_audit", actor=actor, reason=note)


# --- conclusion, meeting, consolidated SWOT ---------------------------------------------------------

CONCLUSION_FIELDS = (
    "overview",
    "recommend_publication",
    "conclusion",
    "transfer_suggestions",
    "expert_suggestions",
    "trl_assessment",
    "maturity_conclusion",
    "trl_conclusion",
)
MEETING_FIELDS = (
    "meeting_at",
    "meeting_place",
    "meeting_other_attendees",
    "meeting_minutes",
    "consolidated_opinion",
)


@transaction.atomic
def evaluation_conclusion_save(
    *, evaluation_id: int, actor: Any, attendees: list[Any] | None = None, **fields: Any
) -> Evaluation:
    """Write the conclusion (§5.1.2.3.6, §5.1.2.3.8) and, for a meeting review, the meeting record."""
    _require_staff(actor)
    evaluation = _open_evaluation(evaluation_id)
    if evaluation.state not in (Evaluation.State.SCORING, Evaluation.State.REVIEW):
        raise ConflictError(_("The conclusion is written during the panel review."), code="not_in_review")
    unknown = set(fields) - set(CONCLUSION_FIELDS) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationFailed(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(evaluation, name, value)
    evaluation.full_clean()
    evaluation.save()
    if attendees is not None:
        evaluation.meeting_attendees.set(attendees)
    return evaluation


@transaction.atomic
def swot_consolidated_save(
    *, evaluation_id: int, actor: Any, entries: dict[str, list[str]]
) -> list[SwotEntry]:
    """Replace the panel's consolidated SWOT: ``{"strength": ["…", …], "weakness": […], …}``."""
    _require_staff(actor)
    evaluation = _open_evaluation(evaluation_id)
    if evaluation.state not in (Evaluation.State.SCORING, Evaluation.State.REVIEW):
        raise ConflictError(
            _("The consolidated SWOT is written during the panel review."), code="not_in_review"
        )
    unknown = set(entries) - set(SwotEntry.Quadrant.values)
    if unknown:
        raise ValidationFailed(_("Unknown SWOT quadrant."), code="bad_quadrant")
    evaluation.swot_entries.filter(sheet__isnull=True).delete()
    created = []
    for quadrant, texts in entries.items():
        for order, text in enumerate(t.strip() for t in texts):
            if text:
                entry = SwotEntry(evaluation=evaluation, quadrant=quadrant, text=text[:500], order=order)
                entry.full_clean()
                entry.save()
                created.append(entry)
    return created
