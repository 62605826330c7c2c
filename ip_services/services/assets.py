"""IP assets, their computed deadlines and the idempotent reminder job."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.notifications.services import notification_send

from .. import deadlines as rules_
from ..models import DeadlineReminder, IpAsset, IpDeadline
from .common import clean_and_save

ASSET_FIELDS = {
    "kind",
    "title",
    "number",
    "jurisdiction",
    "country",
    "filing_date",
    "publication_date",
    "grant_date",
    "expiry_date",
    "status",
    "owners",
    "inventors",
    "claims_summary",
    "trademark_classes",
    "is_public",
    "notes",
}


def _check_achievements(actor: Any, achievements: Iterable[Any], holder: Any) -> list[Any]:
    items = list(achievements)
    for achievement in items:
        if not is_staff_member(actor) and achievement.holder_id != holder.pk:
            raise ValidationFailed(
                _("“%(name)s” is not your achievement.") % {"name": achievement.name},
                code="not_your_achievement",
            )
    return items


def _fill_expiry(asset: IpAsset) -> None:
    if asset.expiry_date and asset.expiry_entered:
        return
    asset.expiry_entered = False
    asset.expiry_date = rules_.statutory_expiry(
        kind=asset.kind,
        jurisdiction=asset.jurisdiction,
        filing_date=asset.filing_date,
        grant_date=asset.grant_date,
    )


@transaction.atomic
def asset_create(
    *, actor: Any, holder: Any = None, achievements: Iterable[Any] = (), **fields: Any
) -> IpAsset:
    """Record an IP asset; its expiry (when not entered) and its deadlines are computed."""
    if not actor.has_perm("ip_services.use"):
        raise PermissionDeniedError(_("You are not allowed to record IP assets."))
    holder = holder if (holder is not None and is_staff_member(actor)) else actor
    unknown = set(fields) - ASSET_FIELDS
    if unknown:
        raise ValidationFailed(_("Unknown field “%(f)s”.") % {"f": sorted(unknown)[0]})
    asset = IpAsset(holder=holder, organization=getattr(holder, "organization", None), **fields)
    asset.expiry_entered = bool(fields.get("expiry_date"))
    _fill_expiry(asset)
    clean_and_save(asset)
    asset.achievements.set(_check_achievements(actor, achievements, holder))
    asset_deadlines_sync(asset=asset)
    return asset


@transaction.atomic
def asset_update(
    *, asset_id: int, actor: Any, achievements: Iterable[Any] | None = None, **fields: Any
) -> IpAsset:
    asset = IpAsset.objects.select_for_update().filter(pk=asset_id).first()
    if asset is None or not actor.has_perm("ip_services.view_asset", asset):
        raise NotFoundError(_("The IP asset does not exist."))
    if not actor.has_perm("ip_services.change_asset", asset):
        raise PermissionDeniedError(_("You are not allowed to change this IP asset."))
    unknown = set(fields) - ASSET_FIELDS
    if unknown:
        raise ValidationFailed(_("Unknown field “%(f)s”.") % {"f": sorted(unknown)[0]})
    if "expiry_date" in fields:
        asset.expiry_entered = bool(fields["expiry_date"])
    for key, value in fields.items():
        setattr(asset, key, value)
    _fill_expiry(asset)
    clean_and_save(asset)
    if achievements is not None:
        asset.achievements.set(_check_achievements(actor, achievements, asset.holder))
    asset_deadlines_sync(asset=asset)
    return asset


@transaction.atomic
def asset_deadlines_sync(*, asset: IpAsset, today: dt.date | None = None) -> list[IpDeadline]:
    """Create the asset's missing open deadlines and drop open ones the dates no longer produce.

    Deadlines whose late-payment period ended before today are not created (history is not invented);
    done and waived deadlines are kept. Running it twice changes nothing.
    """
    today = today or timezone.localdate()
    specs = rules_.compute_deadlines(
        kind=asset.kind,
        jurisdiction=asset.jurisdiction,
        status=asset.status,
        filing_date=asset.filing_date,
        grant_date=asset.grant_date,
        expiry_date=asset.expiry_date,
    )
    wanted = {(s.kind, s.due_date): s for s in specs if (s.grace_until or s.due_date) >= today}
    existing = {(d.kind, d.due_date): d for d in asset.deadlines.all()}
    for key, deadline in existing.items():
        if key not in wanted and deadline.status == IpDeadline.Status.OPEN and deadline.due_date >= today:
            deadline.delete()
    for key, spec in wanted.items():
        if key in existing:
            continue
        IpDeadline.objects.create(
            asset=asset,
            kind=spec.kind,
            due_date=spec.due_date,
            year_index=spec.year_index,
            window_opens=spec.window_opens,
            grace_until=spec.grace_until,
        )
    return list(asset.deadlines.order_by("due_date"))


@transaction.atomic
def deadline_complete(*, deadline_id: int, actor: Any, waived: bool = False, note: str = "") -> IpDeadline:
    """Mark a fee paid / renewal filed (or not pursued). A filed trademark renewal extends the term by 10 years."""
    deadline = IpDeadline.objects.select_for_update().select_related("asset").filter(pk=deadline_id).first()
    if deadline is None or not actor.has_perm("ip_services.view_asset", deadline.asset):
        raise NotFoundError(_("The deadline does not exist."))
    if not actor.has_perm("ip_services.change_asset", deadline.asset):
        raise PermissionDeniedError(_("You are not allowed to change this IP asset."))
    if deadline.status != IpDeadline.Status.OPEN:
        raise ValidationFailed(_("This deadline has already been dealt with."), code="not_open")
    deadline.status = IpDeadline.Status.WAIVED if waived else IpDeadline.Status.DONE
    deadline.done_at = timezone.now()
    deadline.done_by = actor
    deadline.note = note
    clean_and_save(deadline)
    asset = deadline.asset
    if not waived and deadline.kind == IpDeadline.Kind.RENEWAL:
        asset.expiry_date = rules_.add_years(deadline.due_date, rules_.TRADEMARK_TERM_YEARS)
        asset.expiry_entered = True
        asset.save(update_fields=["expiry_date", "expiry_entered", "updated_at"])
        asset_deadlines_sync(asset=asset)
    return deadline


def reminder_offsets() -> list[int]:
    return sorted({int(d) for d in getattr(settings, "IP_DEADLINE_REMINDER_DAYS", (30, 7))}, reverse=True)


def deadline_reminders_send(*, today: dt.date | None = None, offsets: Iterable[int] | None = None) -> int:
    """Remind holders of open deadlines N days ahead (30 and 7 by default); returns the reminders sent.

    Idempotent: one ``DeadlineReminder`` row per (deadline, offset) under a unique constraint, created in
    the same transaction as the notification. A deadline first seen inside several windows (for example
    5 days ahead) gets one notification that covers them all.
    """
    today = today or timezone.localdate()
    offsets = sorted({int(o) for o in offsets}, reverse=True) if offsets else reminder_offsets()
    if not offsets:
        return 0
    candidates = (
        IpDeadline.objects.filter(
            status=IpDeadline.Status.OPEN,
            due_date__gte=today,
            due_date__lte=today + dt.timedelta(days=offsets[0]),
        )
        .select_related("asset__holder")
        .order_by("due_date", "id")
    )
    sent = 0
    for deadline in candidates:
        days_left = (deadline.due_date - today).days
        with transaction.atomic():
            created = []
            for offset in offsets:
                if days_left > offset:
                    continue
                try:
                    with transaction.atomic():
                        DeadlineReminder.objects.create(
                            deadline=deadline, offset_days=offset, recipient=deadline.asset.holder
                        )
                except IntegrityError:
                    continue
                created.append(offset)
            if created:
                _notify_deadline(deadline, days_left)
                sent += 1
    return sent


def _notify_deadline(deadline: IpDeadline, days_left: int) -> None:
    asset = deadline.asset
    notification_send(
        recipient=asset.holder,
        title=_("IP deadline in %(n)s days: %(what)s of %(asset)s")
        % {"n": days_left, "what": deadline.label, "asset": asset.title},
        body=_("Due on %(due)s (%(number)s). Late payment with a surcharge is possible until %(grace)s.")
        % {
            "due": deadline.due_date.isoformat(),
            "number": asset.number or "—",
            "grace": deadline.grace_until.isoformat() if deadline.grace_until else "—",
        },
        target=asset,
    )


@transaction.atomic
def assets_import_status_entries(*, actor: Any = None) -> tuple[int, int]:
    """Convert the achievement record's interim IP status entries into IP assets, idempotently.

    Each entry becomes one asset (``legacy_status_entry_id`` remembers it) held by the achievement's holder
    and linked to the achievement; an entry already converted, or whose number matches an existing asset
    of the same holder (then only the achievement link is added), is not converted again. Entries of types
    the IP app does not keep (registration certificates, other) are skipped.
    Returns (created, linked).
    """
    from achievements.models import IpStatusEntry

    kinds = set(IpAsset.Kind.values)
    done = set(
        IpAsset.objects.exclude(legacy_status_entry_id=None).values_list("legacy_status_entry_id", flat=True)
    )
    created = linked = 0
    entries = IpStatusEntry.objects.select_related("achievement__holder").order_by("pk")
    for entry in entries:
        if entry.pk in done or entry.ip_type not in kinds:
            continue
        achievement = entry.achievement
        holder = achievement.holder
        same = (
            IpAsset.objects.filter(holder=holder, kind=entry.ip_type, number=entry.number).first()
            if entry.number
            else None
        )
        if same is not None:
            same.achievements.add(achievement)
            if same.legacy_status_entry_id is None:
                same.legacy_status_entry_id = entry.pk
                same.save(update_fields=["legacy_status_entry_id"])
            linked += 1
            continue
        status = IpAsset.Status.GRANTED if entry.status == "granted" else IpAsset.Status.PENDING
        asset = IpAsset(
            kind=entry.ip_type,
            title=entry.title,
            number=entry.number,
            jurisdiction=IpAsset.Jurisdiction.CN,
            filing_date=entry.filed_on,
            expiry_date=entry.expires_on,
            expiry_entered=bool(entry.expires_on),
            status=status,
            owners=getattr(achievement.organization, "name", "") or str(holder),
            claims_summary=entry.protection_scope or "",
            holder=holder,
            organization=achievement.organization,
            legacy_status_entry_id=entry.pk,
            notes=_("Converted from the achievement record's IP status."),
        )
        _fill_expiry(asset)
        clean_and_save(asset)
        asset.achievements.add(achievement)
        asset_deadlines_sync(asset=asset)
        created += 1
    return created, linked
