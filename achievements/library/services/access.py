"""Confidential sections (000 §5.2.1.2.8): requests, grants, denials, revocations, and what a user may read."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from achievements.models import CONFIDENTIAL_SECTIONS, Achievement, Confidentiality
from achievements.selectors import visible_fields
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import record_initial, transition

from ..models import AccessRequest, BehaviourEvent
from . import behaviour


def confidential_sections(achievement: Achievement) -> list[str]:
    """The sections of this achievement that need the holder's grant."""
    return [key for key in CONFIDENTIAL_SECTIONS if achievement.level_of(key) == Confidentiality.GRANTED]


def _preloaded(user: Any, achievement: Achievement) -> list | None:
    """The user's access requests on this achievement when ``selectors.detail.entry_view`` loaded them for
    the page being built (one query instead of one per check), else None."""
    found = getattr(achievement, "_library_access_requests", None)
    if found is not None and found[0] == user.pk:
        return found[1]
    return None


def has_full_grant(user: Any, achievement: Achievement) -> bool:
    """Hook for ``achievements.selectors.grant_checkers``: a grant of every confidential section."""
    if not getattr(user, "is_authenticated", False) or achievement is None:
        return False
    preloaded = _preloaded(user, achievement)
    if preloaded is not None:
        return any(r.state == AccessRequest.State.GRANTED and r.all_confidential for r in preloaded)
    return AccessRequest.objects.filter(
        requester_id=user.pk,
        achievement_id=achievement.pk,
        state=AccessRequest.State.GRANTED,
        all_confidential=True,
    ).exists()


def granted_sections(user: Any, achievement: Achievement) -> set[str]:
    """The confidential sections the holder granted this user (all or some)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    granted: set[str] = set()
    confidential = confidential_sections(achievement)
    preloaded = _preloaded(user, achievement)
    rows = (
        [(r.all_confidential, r.sections) for r in preloaded if r.state == AccessRequest.State.GRANTED]
        if preloaded is not None
        else AccessRequest.objects.filter(
            requester_id=user.pk, achievement_id=achievement.pk, state=AccessRequest.State.GRANTED
        ).values_list("all_confidential", "sections")
    )
    for all_confidential, sections in rows:
        granted |= set(confidential) if all_confidential else set(sections or []) & set(confidential)
    return granted


def library_visible_sections(achievement: Achievement, user: Any) -> set[str]:
    """What the library shows this user: the levels he holds (public; registered for enterprises and
    investors; everything for staff and the holder) plus the sections granted to him."""
    return set(visible_fields(achievement, user)) | granted_sections(user, achievement)


@transaction.atomic
def access_request_create(
    *, achievement_id: int, requester: Any, message: str, sections: list[str] | None = None
) -> AccessRequest:
    """An enterprise asks the holder for confidential sections (all of them when ``sections`` is empty)."""
    achievement = Achievement.objects.select_related("holder").filter(pk=achievement_id).first()
    if achievement is None or achievement.state not in Achievement.PUBLIC_STATES:
        raise NotFoundError(_("The achievement does not exist."))
    if not requester.has_perm("library.request_access", achievement):
        raise PermissionDeniedError(_("Only registered enterprises and investors may request access."))
    message = (message or "").strip()
    if not message:
        raise ValidationFailed(_("Say what you need the details for."), code="message_required")
    confidential = confidential_sections(achievement)
    if not confidential:
        raise ValidationFailed(_("This achievement has no confidential sections."), code="nothing_to_request")
    chosen = [s for s in (sections or []) if s]
    unknown = set(chosen) - set(confidential)
    if unknown:
        raise ValidationFailed(
            _("These sections cannot be requested: %(keys)s") % {"keys": ", ".join(sorted(unknown))},
            code="invalid_sections",
        )
    all_confidential = not chosen or set(chosen) == set(confidential)
    request = AccessRequest(
        achievement=achievement,
        requester=requester,
        message=message[:2000],
        all_confidential=all_confidential,
        sections=[] if all_confidential else sorted(chosen),
    )
    request.full_clean(exclude=["achievement", "requester"])
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as exc:
        raise ConflictError(
            _("You already have an open or granted request for this achievement."), code="duplicate_request"
        ) from exc
    record_initial(request, actor=requester)
    behaviour.record(
        kind=BehaviourEvent.Kind.ACCESS_REQUEST,
        user=requester,
        achievement_id=achievement.pk,
        technical_field_id=achievement.technical_field_id,
    )

    def notify() -> None:
        from platform_core.notifications.services import notification_send

        notification_send(
            recipient=achievement.holder,
            title=_("Access request for “%(name)s”") % {"name": achievement.name},
            body=_("%(who)s asks for the confidential details: %(message)s")
            % {"who": requester, "message": message[:300]},
            target=request,
        )

    transaction.on_commit(notify)
    return request


def _decide(request_id: int, actor: Any, action: str, note: str) -> AccessRequest:
    request = AccessRequest.objects.select_related("achievement").filter(pk=request_id).first()
    if request is None or not actor.has_perm("library.view_accessrequest", request):
        raise NotFoundError(_("The access request does not exist."))
    now = timezone.now()

    def apply(obj: AccessRequest) -> None:
        obj.updated_at = now
        if action in ("grant", "deny"):
            obj.response = (note or "").strip()[:2000]
            obj.decided_at = now
            obj.decided_by = actor

    return transition(AccessRequest, request_id, action=action, actor=actor, reason=note, apply=apply)


@transaction.atomic
def access_request_grant(*, request_id: int, actor: Any, note: str = "") -> AccessRequest:
    return _decide(request_id, actor, "grant", note)


@transaction.atomic
def access_request_deny(*, request_id: int, actor: Any, note: str) -> AccessRequest:
    return _decide(request_id, actor, "deny", note)


@transaction.atomic
def access_request_revoke(*, request_id: int, actor: Any, note: str) -> AccessRequest:
    return _decide(request_id, actor, "revoke", note)


@transaction.atomic
def access_request_withdraw(*, request_id: int, actor: Any, note: str = "") -> AccessRequest:
    return _decide(request_id, actor, "withdraw", note)


ACTIONS = {
    "grant": access_request_grant,
    "deny": access_request_deny,
    "revoke": access_request_revoke,
    "withdraw": access_request_withdraw,
}
