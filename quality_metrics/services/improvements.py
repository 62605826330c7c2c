"""Improvement actions: the closed loop of 000 §7.3 and 003 §8.4 (problem → measures → owner and deadline
→ done → verified by re-measuring, or sent back)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.accounts.roles import Role
from platform_core.errors import ValidationFailed
from platform_core.notifications.services import notification_send
from platform_core.workdays import add_working_days
from platform_core.workflow.engine import record_initial, transition

from .. import indicators, periods
from ..models import ImprovementAction, MetricSnapshot
from .codes import code_next

DEFAULT_DEADLINE_DAYS = 20
UNVERIFIED = (ImprovementAction.State.OPEN, ImprovementAction.State.IN_PROGRESS, ImprovementAction.State.DONE)

# The standard's own improvement measures (000 §7.3.1.1–7.3.1.4), proposed when an indicator falls short.
STANDARD_MEASURES = {
    "conversion_rate": "a) 加强科技成果筛选机制，优先推荐成熟度高、市场需求明确的项目；\n"
    "b) 提供更专业的技术对接服务，缩短谈判周期。",
    "satisfaction": "a) 完善用户服务体系，设立专职客服团队，快速响应用户需求；\n"
    "b) 定期组织用户培训活动，帮助其更好地使用平台资源。",
    "timeliness": "a) 引入自动化审批系统，减少人工干预环节；\nb) 设立紧急事项绿色通道，加快关键任务处理速度。",
    "conformity": "a) 制定详细的服务操作手册，明确各环节的标准流程；\nb) 定期开展员工培训，提升服务人员的专业素养。",
}


def admins_to_escalate_to():
    """The platform administrators (overdue actions and late complaints are escalated to them)."""
    User = get_user_model()
    return User.objects.filter(is_active=True, groups__name=Role.ADMIN).distinct()


def _notify_owner(action: ImprovementAction) -> None:
    if action.owner_id is None:
        return
    owner = action.owner
    transaction.on_commit(
        lambda: notification_send(
            recipient=owner,
            title=_("Improvement action assigned to you: %(code)s") % {"code": action.code},
            body=_("%(title)s — due %(date)s") % {"title": action.title, "date": action.due_date.isoformat()},
            target=action,
        )
    )


@transaction.atomic
def action_create(
    *,
    actor: Any,
    title: str,
    source: str,
    problem: str,
    measures: str = "",
    owner: Any = None,
    deadline_days: int = DEFAULT_DEADLINE_DAYS,
    indicator: str = "",
    period: periods.Period | None = None,
    baseline_value: float | None = None,
    audit_item: Any = None,
    complaint: Any = None,
    platform_evaluation: Any = None,
    source_reference: str = "",
) -> ImprovementAction:
    if deadline_days < 1:
        raise ValidationFailed(_("The deadline must be at least one working day."), code="bad_deadline")
    today = timezone.localdate()
    action = ImprovementAction(
        code=code_next("GJ"),
        title=title.strip(),
        source=source,
        indicator=indicator,
        period_type=period.type if period else "",
        period_start=period.start if period else None,
        baseline_value=baseline_value,
        audit_item=audit_item,
        complaint=complaint,
        platform_evaluation=platform_evaluation,
        source_reference=source_reference[:200],
        problem=problem.strip(),
        measures=measures.strip(),
        owner=owner,
        deadline_days=deadline_days,
        start_date=today,
        due_date=add_working_days(today, deadline_days),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    action.full_clean()
    action.save()
    record_initial(action, actor=actor)
    _notify_owner(action)
    return action


def actions_from_snapshots(*, period: periods.Period, actor: Any = None) -> list[ImprovementAction]:
    """One action per indicator graded in its lowest band for ``period`` (unique: reruns create nothing), unless
    an earlier action for that indicator is still open: the loop continues there instead of doubling up."""
    created = []
    snapshots = MetricSnapshot.objects.filter(period_type=period.type, period_start=period.start)
    for snapshot in snapshots:
        if not indicators.is_below_band(snapshot.band):
            continue
        if ImprovementAction.objects.filter(
            Q(period_type=period.type, period_start=period.start) | Q(state__in=UNVERIFIED),
            source=ImprovementAction.Source.INDICATOR,
            indicator=snapshot.indicator,
        ).exists():
            continue  # this period already has its action, or an earlier one is still being worked on
        definition = snapshot.definition
        value = _format_value(snapshot.indicator, snapshot.value)
        try:
            with transaction.atomic():
                created.append(
                    action_create(
                        actor=actor,
                        title=_("Improve %(name)s") % {"name": definition.name},
                        source=ImprovementAction.Source.INDICATOR,
                        indicator=snapshot.indicator,
                        period=period,
                        baseline_value=snapshot.value,
                        problem=_("%(period)s: %(name)s was %(value)s, graded “%(band)s” (%(bands)s).")
                        % {
                            "period": period.label,
                            "name": definition.name,
                            "value": value,
                            "band": indicators.band_label(snapshot.band),
                            "bands": definition.bands_text,
                        },
                        measures=STANDARD_MEASURES.get(snapshot.indicator, ""),
                        source_reference=str(snapshot),
                    )
                )
        except IntegrityError:  # a concurrent run created it first
            continue
    return created


def _format_value(code: str, value: float | None) -> str:
    if value is None:
        return "—"
    unit = indicators.get(code).unit
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "workdays":
        return _("%(n).1f working days") % {"n": value}
    return _("%(n).1f points") % {"n": value}


@transaction.atomic
def action_plan(
    *, action_id: int, actor: Any, owner: Any, measures: str, deadline_days: int, title: str | None = None
) -> ImprovementAction:
    """Staff set the owner, the measures and the deadline of an action that has not started yet."""
    action = ImprovementAction.objects.select_for_update().get(pk=action_id)
    if action.state != ImprovementAction.State.OPEN:
        raise ValidationFailed(_("Only an open action can be re-planned."), code="not_open")
    if deadline_days < 1:
        raise ValidationFailed(_("The deadline must be at least one working day."), code="bad_deadline")
    previous_owner = action.owner_id
    action.owner = owner
    action.measures = measures.strip()
    action.deadline_days = deadline_days
    action.due_date = add_working_days(action.start_date, deadline_days)
    if title:
        action.title = title.strip()
    action.full_clean()
    action.save()
    if owner is not None and owner.pk != previous_owner:
        _notify_owner(action)
    return action


def action_act(*, action_id: int, action: str, actor: Any, reason: str = "") -> ImprovementAction:
    """start / complete / send_back / cancel (verification goes through :func:`action_verify`)."""
    if action == "verify":
        raise ValidationFailed(_("Verify through the verification form."), code="use_verify")
    now = timezone.now()

    def apply(a: ImprovementAction) -> None:
        if action == "complete":
            a.outcome = reason.strip()
            a.done_at = now
        if action == "send_back":
            a.done_at = None

    return transition(ImprovementAction, action_id, action=action, actor=actor, reason=reason, apply=apply)


def action_verify(*, action_id: int, actor: Any, note: str = "") -> ImprovementAction:
    """Verify a done action. An indicator's action is verified by re-measuring the indicator for the current
    period: still in the lowest band sends it back with the new value; otherwise it is verified."""
    action = ImprovementAction.objects.get(pk=action_id)
    if action.state != ImprovementAction.State.DONE:
        # let the engine produce its standard 409 message
        return transition(ImprovementAction, action_id, action="verify", actor=actor, reason=note)
    if not action.indicator:
        if not note.strip():
            raise ValidationFailed(_("Describe how the effect was checked."), code="reason_required")

        def apply_note(a: ImprovementAction) -> None:
            a.verification_note = note.strip()
            a.verified_at = timezone.now()

        return transition(
            ImprovementAction, action_id, action="verify", actor=actor, reason=note, apply=apply_note
        )
    from .snapshots import measure

    period = periods.containing(action.period_type or "quarter")
    result = measure(indicator=action.indicator, period=period)
    if result.value is None:
        raise ValidationFailed(
            _("%(name)s has no value for %(period)s yet: it cannot be re-measured.")
            % {"name": indicators.get(action.indicator).name, "period": period.label},
            code="no_value",
        )
    band = indicators.get(action.indicator).band(result.value)
    value = _format_value(action.indicator, result.value)
    summary = _("Re-measured for %(period)s: %(value)s (%(band)s).") % {
        "period": period.label,
        "value": value,
        "band": indicators.band_label(band),
    }
    text = f"{summary} {note.strip()}".strip()

    def apply(a: ImprovementAction) -> None:
        a.verification_value = result.value
        a.verification_note = text
        if not indicators.is_below_band(band):
            a.verified_at = timezone.now()
        else:
            a.done_at = None

    if indicators.is_below_band(band):
        return transition(
            ImprovementAction,
            action_id,
            action="send_back",
            actor=actor,
            reason=_("%(summary)s Still below the band: the action continues.") % {"summary": summary},
            data={"value": result.value, "band": band, "period": period.key},
            apply=apply,
        )
    return transition(
        ImprovementAction,
        action_id,
        action="verify",
        actor=actor,
        reason=text,
        data={"value": result.value, "band": band, "period": period.key},
        apply=apply,
    )


def actions_escalate_overdue() -> int:
    """Notify the administrators of each overdue action — once: ``escalated_at`` records it."""
    today = timezone.localdate()
    admins = list(admins_to_escalate_to())
    count = 0
    overdue = ImprovementAction.objects.filter(
        state__in=ImprovementAction.ACTIVE_STATES, due_date__lt=today, escalated_at__isnull=True
    ).select_related("owner")
    for action in overdue:
        with transaction.atomic():
            claimed = ImprovementAction.objects.filter(pk=action.pk, escalated_at__isnull=True).update(
                escalated_at=timezone.now()
            )
            if not claimed:
                continue
            for admin in admins:
                notification_send(
                    recipient=admin,
                    title=_("Improvement action overdue: %(code)s") % {"code": action.code},
                    body=_("%(title)s — owner %(owner)s, due %(date)s")
                    % {
                        "title": action.title,
                        "owner": action.owner or "—",
                        "date": action.due_date.isoformat(),
                    },
                    target=action,
                )
        count += 1
    return count
