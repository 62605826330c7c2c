"""Incubation fund (5.4.1.2): applications, review, awards, disbursements, financing events."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.notifications.services import notification_send
from platform_core.workflow.engine import record_initial, transition

from ..models import (
    Disbursement,
    FinancingContact,
    FinancingEvent,
    FundApplication,
    FundProgramme,
    IncubationProject,
)
from .common import clean_and_save, staff_users

F = FundApplication.State


@transaction.atomic
def fund_application_submit(
    *,
    programme_id: int,
    project_id: int,
    actor: Any,
    amount_requested: Decimal,
    use_of_funds: str,
    milestones: str = "",
) -> FundApplication:
    programme = FundProgramme.objects.filter(pk=programme_id).first()
    if programme is None:
        raise NotFoundError(_("The fund programme does not exist."))
    project = IncubationProject.objects.filter(pk=project_id).first()
    if project is None or not actor.has_perm("incubation.view_project_private", project):
        raise NotFoundError(_("The incubation project does not exist."))
    if project.applicant_id != actor.pk:
        raise PermissionDeniedError(_("Only the project's applicant applies to the fund."))
    today = timezone.localdate()
    if (
        not programme.is_active
        or programme.opens_on > today
        or (programme.closes_on and programme.closes_on < today)
    ):
        raise ValidationFailed(_("This programme is not open for applications."), code="programme_closed")
    if not project.is_active:
        raise ValidationFailed(_("Only projects being incubated can apply to the fund."), code="inactive")
    if programme.max_award is not None and amount_requested > programme.max_award:
        raise ValidationFailed(
            _("The programme awards at most %(max)s (10k yuan).") % {"max": programme.max_award},
            code="too_much",
        )
    if FundApplication.objects.filter(
        programme=programme, project=project, state__in=FundApplication.OPEN_STATES
    ).exists():
        raise ConflictError(_("This project already has an application in this programme."), code="duplicate")
    application = clean_and_save(
        FundApplication(
            programme=programme,
            project=project,
            applicant=actor,
            amount_requested=amount_requested,
            use_of_funds=use_of_funds,
            milestones=milestones,
        )
    )
    record_initial(application, actor=actor)
    application_id = application.pk

    def tell_staff() -> None:
        for member in staff_users():
            notification_send(
                recipient=member,
                title=_("New fund application: %(project)s") % {"project": project.name},
                body=str(programme),
                url=FundApplication(pk=application_id).get_absolute_url(),
            )

    transaction.on_commit(tell_staff)
    return application


def fund_application_transition(
    *, application_id: int, action: str, actor: Any, reason: str = ""
) -> FundApplication:
    if action == "approve":
        raise ValidationFailed(_("Approve with an awarded amount."), code="payload_required")
    return transition(FundApplication, application_id, action=action, actor=actor, reason=reason)


@transaction.atomic
def fund_application_approve(
    *, application_id: int, actor: Any, amount_awarded: Decimal, reason: str = ""
) -> FundApplication:
    application = FundApplication.objects.select_related("programme").filter(pk=application_id).first()
    if application is None:
        raise NotFoundError(_("The fund application does not exist."))
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("You are not allowed to do this."))
    if amount_awarded is None or amount_awarded <= 0:
        raise ValidationFailed(_("Enter the amount awarded."), code="amount_required")
    if amount_awarded > application.amount_requested:
        raise ValidationFailed(_("The award cannot exceed the amount requested."), code="too_much")
    programme = FundProgramme.objects.select_for_update().get(pk=application.programme_id)
    committed = FundApplication.objects.filter(
        programme=programme, state__in=[F.APPROVED, F.COMPLETED]
    ).aggregate(total=Sum("amount_awarded"))["total"] or Decimal(0)
    if committed + amount_awarded > programme.total_budget:
        raise ValidationFailed(
            _("The programme has only %(left)s (10k yuan) of its budget left.")
            % {"left": programme.total_budget - committed},
            code="over_budget",
        )

    def apply(obj: FundApplication) -> None:
        obj.amount_awarded = amount_awarded
        obj.decided_at = timezone.now()

    return transition(
        FundApplication, application_id, action="approve", actor=actor, reason=reason, apply=apply
    )


@transaction.atomic
def disbursement_record(
    *, application_id: int, actor: Any, amount: Decimal, paid_on: dt.date, note: str = ""
) -> Disbursement:
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only staff record disbursements."))
    application = FundApplication.objects.select_for_update().filter(pk=application_id).first()
    if application is None:
        raise NotFoundError(_("The fund application does not exist."))
    if application.state != F.APPROVED:
        raise ConflictError(_("Disbursements are recorded for approved awards."), code="not_approved")
    paid = application.disbursements.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if paid + amount > application.amount_awarded:
        raise ValidationFailed(
            _("Only %(left)s (10k yuan) of the award remain to be disbursed.")
            % {"left": application.amount_awarded - paid},
            code="over_award",
        )
    disbursement = clean_and_save(
        Disbursement(application=application, amount=amount, paid_on=paid_on, note=note, recorded_by=actor)
    )
    if paid + amount == application.amount_awarded:
        transition(FundApplication, application.pk, action="complete", actor=actor)
    return disbursement


@transaction.atomic
def financing_event_record(
    *,
    project_id: int,
    actor: Any,
    round: str,  # noqa: A002 - the domain's word
    amount: Decimal,
    investor_name: str,
    occurred_on: dt.date,
    contact_id: int | None = None,
    note: str = "",
) -> FinancingEvent:
    project = IncubationProject.objects.filter(pk=project_id).first()
    if project is None or not actor.has_perm("incubation.view_project_private", project):
        raise NotFoundError(_("The incubation project does not exist."))
    contact = FinancingContact.objects.filter(pk=contact_id).first() if contact_id else None
    return clean_and_save(
        FinancingEvent(
            project=project,
            round=round,
            amount=amount,
            investor_name=investor_name,
            contact=contact,
            occurred_on=occurred_on,
            note=note,
            recorded_by=actor,
        )
    )
