"""IP service requests: disclaimer, intake, assignment, delivery with a report, acceptance or send-back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.accounts.models import User
from platform_core.accounts.roles import is_staff_member
from platform_core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.notifications.services import notification_send
from platform_core.workflow.engine import record_initial, transition

from .. import disclaimer
from ..models import DisclaimerAcknowledgement, IpAsset, IpServiceRequest
from .common import clean_and_save, staff_users

REPORT_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "zip", "png", "jpg", "jpeg")


def disclaimer_acknowledged(user: Any) -> bool:
    return DisclaimerAcknowledgement.objects.filter(user_id=user.pk, version=disclaimer.VERSION).exists()


@transaction.atomic
def disclaimer_acknowledge(*, user: Any, ip_address: str | None = None) -> DisclaimerAcknowledgement:
    """Store the user's acknowledgement of the current disclaimer text with a timestamp (idempotent)."""
    existing = DisclaimerAcknowledgement.objects.filter(user=user, version=disclaimer.VERSION).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return clean_and_save(
                DisclaimerAcknowledgement(
                    user=user, version=disclaimer.VERSION, text=disclaimer.TEXT, ip_address=ip_address or None
                )
            )
    except (IntegrityError, ValidationFailed):
        return DisclaimerAcknowledgement.objects.get(user=user, version=disclaimer.VERSION)


@transaction.atomic
def request_create(
    *,
    requester: Any,
    service_type: str,
    title: str,
    description: str,
    achievement: Any = None,
    assets: Iterable[IpAsset] = (),
    attachments: Iterable[Any] = (),
) -> IpServiceRequest:
    """A holder or enterprise asks for an IP service; the disclaimer must have been acknowledged first."""
    if not requester.has_perm("ip_services.request_service"):
        raise PermissionDeniedError(_("Only achievement holders and enterprises request IP services."))
    if not disclaimer_acknowledged(requester):
        raise ValidationFailed(
            _(
                "Read and acknowledge the disclaimer (the platform bears no joint liability for patent infringement) first."
            ),
            code="disclaimer_required",
        )
    if achievement is not None and achievement.holder_id != requester.pk:
        raise ValidationFailed(_("You can only refer to your own achievements."), code="not_your_achievement")
    asset_list = list(assets)
    if any(a.holder_id != requester.pk for a in asset_list):
        raise ValidationFailed(_("You can only refer to your own IP assets."), code="not_your_asset")
    request = clean_and_save(
        IpServiceRequest(
            requester=requester,
            organization=getattr(requester, "organization", None),
            service_type=service_type,
            title=title.strip(),
            description=description,
            achievement=achievement,
        )
    )
    request.assets.set(asset_list)
    for uploaded in attachments:
        _attach(request, uploaded, requester, kind="ip_request_material")
    record_initial(request, actor=requester)
    request_id, label = request.pk, str(request)

    def tell_staff() -> None:
        for member in staff_users():
            notification_send(
                recipient=member,
                title=_("New IP service request: %(r)s") % {"r": label},
                url=IpServiceRequest(pk=request_id).get_absolute_url(),
            )

    transaction.on_commit(tell_staff)
    return request


def _attach(owner: Any, uploaded: Any, actor: Any, *, kind: str, note: str = "") -> Any:
    from platform_core.attachments.services import attachment_create

    return attachment_create(
        owner=owner,
        uploaded_file=uploaded,
        uploaded_by=actor,
        kind=kind,
        allowed_extensions=REPORT_EXTENSIONS,
        note=note,
    )


def request_assign(*, request_id: int, actor: Any, assignee_id: int, reason: str = "") -> IpServiceRequest:
    assignee = User.objects.filter(pk=assignee_id, is_active=True).first()
    if assignee is None or not is_staff_member(assignee):
        raise ValidationFailed(_("Choose a service specialist."), code="bad_assignee")

    def apply(obj: IpServiceRequest) -> None:
        obj.assignee = assignee

    return transition(IpServiceRequest, request_id, action="assign", actor=actor, reason=reason, apply=apply)


@transaction.atomic
def request_deliver(*, request_id: int, actor: Any, report: Any, summary: str) -> IpServiceRequest:
    """The specialist delivers: the report is attached and the request moves to delivered in one transaction."""
    request = IpServiceRequest.objects.filter(pk=request_id).first()
    if request is None or not actor.has_perm("ip_services.view_request", request):
        raise NotFoundError(_("The IP service request does not exist."))
    if not (is_staff_member(actor) or request.assignee_id == actor.pk):
        raise PermissionDeniedError(_("You are not allowed to do this."))
    if request.state != IpServiceRequest.State.IN_PROGRESS:
        # Let the engine answer with its usual 409 message.
        return transition(IpServiceRequest, request_id, action="deliver", actor=actor)
    if report is None:
        raise ValidationFailed(_("Attach the report before delivering."), code="report_required")
    if not summary.strip():
        raise ValidationFailed(_("Summarise the findings for the requester."), code="summary_required")
    _attach(request, report, actor, kind=IpServiceRequest.REPORT_KIND)

    def apply(obj: IpServiceRequest) -> None:
        obj.delivery_summary = summary
        obj.delivered_at = timezone.now()

    return transition(IpServiceRequest, request_id, action="deliver", actor=actor, apply=apply)


def request_transition(*, request_id: int, action: str, actor: Any, reason: str = "") -> IpServiceRequest:
    if action in ("assign", "deliver"):
        raise ValidationFailed(
            _("“%(action)s” needs more details; use its own form or endpoint.") % {"action": action},
            code="payload_required",
        )
    apply = None
    if action == "accept":

        def apply(obj: IpServiceRequest) -> None:
            obj.accepted_at = timezone.now()

    return transition(IpServiceRequest, request_id, action=action, actor=actor, reason=reason, apply=apply)


@transaction.atomic
def request_add_material(*, request_id: int, actor: Any, uploaded_file: Any, note: str = "") -> Any:
    request = IpServiceRequest.objects.filter(pk=request_id).first()
    if request is None or not actor.has_perm("ip_services.view_request", request):
        raise NotFoundError(_("The IP service request does not exist."))
    if request.state in (IpServiceRequest.State.ACCEPTED, IpServiceRequest.State.CANCELLED):
        raise ValidationFailed(_("The request is closed."), code="closed")
    return _attach(request, uploaded_file, actor, kind="ip_request_material", note=note)
