"""Reminders before the scoring due date and escalation to staff after it (run daily by Celery beat)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation.models import Evaluation, PanelMember, ReminderLog, ScoreSheet
from platform_core import workdays
from platform_core.accounts.roles import Role
from platform_core.notifications.services import notification_send


def _log_once(*, evaluation: Evaluation, member: PanelMember, kind: str) -> bool:
    """True when this reminder had not been sent yet (the row is the idempotency key)."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                evaluation=evaluation, panel_member=member, kind=kind, due_date=evaluation.due_date
            )
    except IntegrityError:
        return False
    return True


def _staff_for(evaluation: Evaluation) -> list:
    people = {u.pk: u for u in evaluation.work_group.all()}
    if evaluation.leader_id:
        people[evaluation.leader_id] = evaluation.leader
    if not people:
        User = get_user_model()
        people = {u.pk: u for u in User.objects.filter(groups__name=Role.STAFF, is_active=True)}
    return list(people.values())


def evaluation_reminders_send(*, today: date | None = None) -> int:
    """Send what is due today; running twice sends nothing twice. Returns the number of notifications."""
    today = today or timezone.localdate()
    lead = int(getattr(settings, "EVALUATION_REMINDER_WORKING_DAYS", 2))
    sent = 0
    evaluations = (
        Evaluation.objects.filter(
            state__in=(Evaluation.State.DRAFT, Evaluation.State.AUDITING, Evaluation.State.SCORING),
            due_date__isnull=False,
        )
        .select_related("achievement", "leader")
        .prefetch_related("work_group")
    )
    for evaluation in evaluations:
        due = evaluation.due_date
        members = (
            evaluation.panel_members.exclude(state=PanelMember.State.RECUSED)
            .select_related("expert__user", "sheet")
            .order_by("id")
        )
        pending = [
            m
            for m in members
            if m.state == PanelMember.State.ASSIGNED
            or (getattr(m, "sheet", None) is None or m.sheet.state != ScoreSheet.State.SUBMITTED)
        ]
        if not pending:
            continue
        name = evaluation.achievement.name
        if today <= due and workdays.working_days_between(today, due) <= lead:
            for member in pending:
                if _log_once(evaluation=evaluation, member=member, kind=ReminderLog.Kind.DUE_SOON):
                    what = (
                        _("sign the conflict-of-interest declaration")
                        if member.state == PanelMember.State.ASSIGNED
                        else _("submit your score sheet")
                    )
                    notification_send(
                        recipient=member.expert.user,
                        title=_("Reminder: “%(name)s” is due on %(date)s") % {"name": name, "date": due},
                        body=_("Please %(what)s before the due date.") % {"what": what},
                        target=evaluation,
                    )
                    sent += 1
        elif today > due:
            late = [
                m
                for m in pending
                if _log_once(evaluation=evaluation, member=m, kind=ReminderLog.Kind.OVERDUE)
            ]
            if late:
                names = "、".join(str(m.expert) for m in late)
                for user in _staff_for(evaluation):
                    notification_send(
                        recipient=user,
                        title=_("Overdue evaluation: %(name)s") % {"name": name},
                        body=_("Due on %(date)s; still waiting for: %(names)s.")
                        % {"date": due, "names": names},
                        target=evaluation,
                    )
                    sent += 1
                for member in late:
                    notification_send(
                        recipient=member.expert.user,
                        title=_("Overdue: “%(name)s” was due on %(date)s") % {"name": name, "date": due},
                        body=_("The platform staff have been informed. Please finish as soon as possible."),
                        target=evaluation,
                    )
                    sent += 1
    return sent
