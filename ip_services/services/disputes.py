"""IP disputes (5.5.2): parties, evidence, handling and the outcome with amounts claimed and recovered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.notifications.services import notification_send
from platform_core.workflow.engine import record_initial, transition

from ..models import Dispute, DisputeEvidence, DisputeParty, InfringementAlert, IpAsset
from .common import clean_and_save, staff_users

EVIDENCE_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "png", "jpg", "jpeg", "zip", "mp4")


@transaction.atomic
def dispute_open(
    *,
    actor: Any,
    owner: Any = None,
    title: str,
    kind: str,
    summary: str,
    assets: Iterable[IpAsset] = (),
    parties: Iterable[dict] = (),
    alert: InfringementAlert | None = None,
    **fields: Any,
) -> Dispute:
    """Open a dispute: staff for a holder, or a holder asking the platform for help with his own."""
    if not actor.has_perm("ip_services.use"):
        raise PermissionDeniedError(_("You are not allowed to do this."))
    if not is_staff_member(actor):
        owner = actor
        fields.pop("handler", None)
    elif owner is None:
        raise ValidationFailed(_("Choose the right holder."), code="owner_required")
    asset_list = list(assets)
    if any(a.holder_id != owner.pk for a in asset_list):
        raise ValidationFailed(_("The IP asset does not belong to this holder."), code="not_owner_asset")
    dispute = clean_and_save(Dispute(owner=owner, title=title, kind=kind, summary=summary, **fields))
    dispute.assets.set(asset_list)
    for party in parties:
        if party.get("name"):
            clean_and_save(DisputeParty(dispute=dispute, **party))
    record_initial(dispute, actor=actor)
    if alert is not None:
        if alert.owner_id != owner.pk:
            raise ValidationFailed(_("The alert belongs to another holder."), code="not_owner_alert")
        InfringementAlert.objects.filter(pk=alert.pk).update(dispute=dispute)
        if alert.state == InfringementAlert.State.CONFIRMED:
            from .monitoring import alert_take_action

            alert_take_action(
                alert_id=alert.pk,
                actor=actor,
                action=InfringementAlert.Action.DISPUTE,
                note=_("Dispute opened: %(t)s") % {"t": title},
            )
    if not is_staff_member(actor):
        dispute_id = dispute.pk

        def tell_staff() -> None:
            for member in staff_users():
                notification_send(
                    recipient=member,
                    title=_("A holder asks for help with a dispute: %(t)s") % {"t": title},
                    url=Dispute(pk=dispute_id).get_absolute_url(),
                )

        transaction.on_commit(tell_staff)
    return dispute


def _visible_dispute(dispute_id: int, actor: Any) -> Dispute:
    dispute = Dispute.objects.filter(pk=dispute_id).first()
    if dispute is None or not actor.has_perm("ip_services.view_dispute", dispute):
        raise NotFoundError(_("The dispute does not exist."))
    return dispute


@transaction.atomic
def dispute_update(*, dispute_id: int, actor: Any, **fields: Any) -> Dispute:
    dispute = _visible_dispute(dispute_id, actor)
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only staff update disputes."))
    allowed = {"title", "summary", "forum", "case_number", "filed_on", "amount_claimed", "handler", "kind"}
    for key, value in fields.items():
        if key not in allowed:
            raise ValidationFailed(_("Unknown field “%(f)s”.") % {"f": key})
        setattr(dispute, key, value)
    return clean_and_save(dispute)


@transaction.atomic
def dispute_add_party(*, dispute_id: int, actor: Any, **fields: Any) -> DisputeParty:
    dispute = _visible_dispute(dispute_id, actor)
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only staff record parties."))
    return clean_and_save(DisputeParty(dispute=dispute, **fields))


@transaction.atomic
def evidence_add(
    *,
    dispute_id: int,
    actor: Any,
    title: str,
    kind: str,
    collected_on: dt.date,
    description: str = "",
    files: Iterable[Any] = (),
) -> DisputeEvidence:
    """Record an evidence item (staff, or the holder for his own dispute) with its files."""
    from platform_core.attachments.services import attachment_create

    dispute = _visible_dispute(dispute_id, actor)
    if dispute.state == Dispute.State.CLOSED:
        raise ValidationFailed(_("The dispute is closed."), code="closed")
    evidence = clean_and_save(
        DisputeEvidence(
            dispute=dispute,
            title=title,
            kind=kind,
            collected_on=collected_on,
            description=description,
            collected_by=actor,
        )
    )
    for uploaded in files:
        attachment_create(
            owner=evidence,
            uploaded_file=uploaded,
            uploaded_by=actor,
            kind="evidence",
            allowed_extensions=EVIDENCE_EXTENSIONS,
        )
    return evidence


def dispute_close(
    *,
    dispute_id: int,
    actor: Any,
    outcome: str,
    amount_recovered: Decimal | None = None,
    note: str = "",
) -> Dispute:
    """Close a dispute with its outcome (resolved in favour, settled, lost, withdrawn) and the amount recovered."""
    if outcome not in Dispute.Outcome.values:
        raise ValidationFailed(_("Choose the outcome."), code="outcome_required")
    if amount_recovered is not None and amount_recovered < 0:
        raise ValidationFailed(_("The amount recovered cannot be negative."), code="negative")

    def apply(dispute: Dispute) -> None:
        dispute.outcome = outcome
        dispute.outcome_note = note
        dispute.amount_recovered = amount_recovered
        dispute.closed_at = timezone.now()

    return transition(Dispute, dispute_id, action="close", actor=actor, reason=note, apply=apply)


def dispute_transition(*, dispute_id: int, action: str, actor: Any, reason: str = "") -> Dispute:
    if action == "close":
        raise ValidationFailed(_("Close a dispute with its outcome."), code="payload_required")
    apply = None
    if action == "reopen":

        def apply(dispute: Dispute) -> None:
            dispute.outcome = ""
            dispute.closed_at = None

    return transition(Dispute, dispute_id, action=action, actor=actor, reason=reason, apply=apply)
