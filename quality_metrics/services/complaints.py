"""Complaint handling: intake, acknowledgement and resolution clocks in working days, confirmation or reopening."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.errors import ValidationFailed
from platform_core.workdays import add_working_days
from platform_core.workflow.engine import record_initial, transition

from ..models import Complaint, ImprovementAction
from .codes import code_next

ACKNOWLEDGE_DAYS = 1  # working days to acknowledge a complaint
RESOLVE_DAYS = 10  # working days to resolve it


def _clock(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _email_anonymous(complaint: Complaint, subject: str, body: str) -> None:
    """Complainants without an account hear from us by email, with their tracking link."""
    if complaint.complainant_id or not complaint.email:
        return
    link = f"{getattr(settings, 'PLATFORM_BASE_URL', '')}{complaint.get_track_url()}"
    message = f"{body}\n\n{link}".strip()
    transaction.on_commit(
        lambda: send_mail(
            subject, message, settings.DEFAULT_FROM_EMAIL, [complaint.email], fail_silently=True
        )
    )


@transaction.atomic
def complaint_file(
    *,
    actor: Any,
    name: str,
    subject: str,
    description: str,
    phone: str = "",
    email: str = "",
    organization: str = "",
    service_type: str = "",
    expectation: str = "",
    related: Any = None,
    related_label: str = "",
    source: str = Complaint.Source.WEB,
    survey_response: Any = None,
) -> Complaint:
    """File a complaint (anyone; without an account a phone number or an email is required)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    if user is None and not (phone.strip() or email.strip()):
        raise ValidationFailed(
            _("Leave a phone number or an email so that we can answer you."), code="no_contact"
        )
    today = timezone.localdate()
    complaint = Complaint(
        code=code_next("TS"),
        complainant=user,
        name=name.strip() or (str(user) if user else ""),
        phone=phone.strip(),
        email=email.strip() or (getattr(user, "email", "") or ""),
        organization=organization.strip(),
        service_type=service_type,
        subject=subject.strip(),
        description=description.strip(),
        expectation=expectation.strip(),
        source=source,
        survey_response=survey_response,
        received_on=today,
        acknowledge_due=add_working_days(today, _clock("QM_COMPLAINT_ACKNOWLEDGE_DAYS", ACKNOWLEDGE_DAYS)),
        resolve_due=add_working_days(today, _clock("QM_COMPLAINT_RESOLVE_DAYS", RESOLVE_DAYS)),
    )
    if related is not None and getattr(related, "pk", None):
        complaint.related_type = ContentType.objects.get_for_model(related)
        complaint.related_id = related.pk
        complaint.related_label = (related_label or str(related))[:200]
    else:
        complaint.related_label = related_label[:200]
    complaint.full_clean()
    complaint.save()
    record_initial(complaint, actor=user)
    _email_anonymous(
        complaint,
        _("Your complaint %(code)s has been received") % {"code": complaint.code},
        _("We will acknowledge it by %(date)s. Follow it with the link below.")
        % {"date": complaint.acknowledge_due.isoformat()},
    )
    return complaint


def complaint_act(
    *, complaint_id: int, action: str, actor: Any, reason: str = "", investigation: str | None = None
) -> Complaint:
    """Take one step of the complaint workflow (permissions and states are checked by the engine)."""
    now = timezone.now()

    def apply(c: Complaint) -> None:
        if (
            action in ("acknowledge", "investigate", "resolve")
            and c.handler_id is None
            and getattr(actor, "pk", None)
        ):
            c.handler = actor
        if investigation is not None:
            c.investigation = investigation.strip()
        if action == "acknowledge":
            c.acknowledged_at = now
        elif action == "resolve":
            c.resolution = reason.strip()
            c.resolved_at = now
        elif action == "confirm":
            c.confirmed_at = now
            c.closed_at = now
        elif action == "close":
            c.closed_at = now
        elif action == "reopen":
            c.resolved_at = None
            c.resolve_due = add_working_days(
                timezone.localdate(), _clock("QM_COMPLAINT_RESOLVE_DAYS", RESOLVE_DAYS)
            )
            c.escalated_at = None

    with transaction.atomic():
        complaint = transition(
            Complaint, complaint_id, action=action, actor=actor, reason=reason, apply=apply
        )
        if action in ("acknowledge", "resolve", "close"):
            _email_anonymous(
                complaint,
                _("Complaint %(code)s: %(state)s")
                % {"code": complaint.code, "state": complaint.get_state_display()},
                reason,
            )
    return complaint


@transaction.atomic
def complaint_record_investigation(*, complaint_id: int, actor: Any, investigation: str) -> Complaint:
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    if complaint.state not in (
        Complaint.State.ACKNOWLEDGED,
        Complaint.State.INVESTIGATING,
        Complaint.State.REOPENED,
    ):
        raise ValidationFailed(_("Findings can be recorded only while the complaint is being handled."))
    complaint.investigation = investigation.strip()
    complaint.full_clean()
    complaint.save(update_fields=["investigation", "updated_at"])
    return complaint


def complaints_escalate_late() -> int:
    """Tell the administrators about complaints whose clock ran out; each complaint is escalated once
    (again only after a reopening restarts its clock)."""
    from platform_core.notifications.services import notification_send

    from .improvements import admins_to_escalate_to

    count = 0
    admins = list(admins_to_escalate_to())
    for complaint in Complaint.objects.filter(state__in=Complaint.OPEN_STATES, escalated_at__isnull=True):
        step = complaint.late_step
        if not step:
            continue
        with transaction.atomic():
            updated = Complaint.objects.filter(pk=complaint.pk, escalated_at__isnull=True).update(
                escalated_at=timezone.now()
            )
            if not updated:
                continue
            what = _("acknowledgement deadline") if step == "acknowledge" else _("resolution deadline")
            for admin in admins:
                notification_send(
                    recipient=admin,
                    title=_("Complaint %(code)s is late (%(what)s)") % {"code": complaint.code, "what": what},
                    body=complaint.subject,
                    target=complaint,
                )
        count += 1
    return count


@transaction.atomic
def complaint_open_action(
    *, complaint_id: int, actor: Any, title: str, problem: str, measures: str, owner: Any, deadline_days: int
) -> ImprovementAction:
    """A complaint that reveals a systemic problem opens an improvement action."""
    from .improvements import action_create

    complaint = Complaint.objects.get(pk=complaint_id)
    return action_create(
        actor=actor,
        title=title,
        source=ImprovementAction.Source.COMPLAINT,
        problem=problem,
        measures=measures,
        owner=owner,
        deadline_days=deadline_days,
        complaint=complaint,
        source_reference=complaint.code,
    )
