"""Reads of the IP services app: visibility, portfolios, upcoming deadlines, clocks, indicator inputs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from platform_core import workdays
from platform_core.accounts.roles import is_staff_member
from platform_core.workflow.models import TransitionLog

from .models import Dispute, InfringementAlert, InfringementWatch, IpAsset, IpDeadline, IpServiceRequest


def assets_visible_to(user: Any) -> QuerySet[IpAsset]:
    qs = IpAsset.objects.select_related("holder", "organization")
    if is_staff_member(user):
        return qs
    return qs.filter(Q(holder_id=user.pk) | Q(is_public=True))


def own_assets(user: Any) -> QuerySet[IpAsset]:
    return IpAsset.objects.filter(holder_id=user.pk)


def requests_visible_to(user: Any) -> QuerySet[IpServiceRequest]:
    qs = IpServiceRequest.objects.select_related("requester", "assignee", "achievement")
    if is_staff_member(user):
        return qs
    return qs.filter(requester_id=user.pk)


def watches_visible_to(user: Any) -> QuerySet[InfringementWatch]:
    qs = InfringementWatch.objects.select_related("owner", "asset")
    return qs if is_staff_member(user) else qs.filter(owner_id=user.pk)


def alerts_visible_to(user: Any) -> QuerySet[InfringementAlert]:
    qs = InfringementAlert.objects.select_related("owner", "asset", "watch", "dispute")
    return qs if is_staff_member(user) else qs.filter(owner_id=user.pk)


def disputes_visible_to(user: Any) -> QuerySet[Dispute]:
    qs = Dispute.objects.select_related("owner", "handler")
    return qs if is_staff_member(user) else qs.filter(owner_id=user.pk)


def portfolio_for_achievement(achievement: Any, user: Any) -> QuerySet[IpAsset]:
    """The IP portfolio of one achievement (5.1.2.1.6): everything for its holder and staff, public ones otherwise."""
    qs = (
        achievement.ip_assets.select_related("holder")
        .prefetch_related("deadlines")
        .order_by("kind", "filing_date")
    )
    if is_staff_member(user) or achievement.holder_id == getattr(user, "pk", None):
        return qs
    return qs.filter(is_public=True)


def portfolio_summary(assets: list[IpAsset]) -> list[dict]:
    """Counts per kind and status for a portfolio table."""
    summary: dict[str, dict] = {}
    for asset in assets:
        row = summary.setdefault(
            asset.kind, {"kind": asset.get_kind_display(), "total": 0, "granted": 0, "pending": 0}
        )
        row["total"] += 1
        if asset.status == IpAsset.Status.GRANTED:
            row["granted"] += 1
        elif asset.status in (IpAsset.Status.PENDING, IpAsset.Status.PUBLISHED):
            row["pending"] += 1
    return list(summary.values())


def upcoming_deadlines(user: Any, *, days: int = 90, limit: int | None = None) -> QuerySet[IpDeadline]:
    today = timezone.localdate()
    qs = IpDeadline.objects.filter(
        status=IpDeadline.Status.OPEN, due_date__gte=today, due_date__lte=today + dt.timedelta(days=days)
    ).select_related("asset", "asset__holder")
    if not is_staff_member(user):
        qs = qs.filter(asset__holder_id=user.pk)
    qs = qs.order_by("due_date", "id")
    return qs[:limit] if limit else qs


# --- clocks -----------------------------------------------------------------------------------------


@dataclass
class Clock:
    working_days: int
    finished: bool
    started: dt.date | None


def request_clocks(requests: list[IpServiceRequest]) -> dict[int, Clock]:
    """Working days from intake to delivery, from the transition log (one query for any number of requests).

    A request still open (or sent back) runs to today; a delivered or accepted one stops at its latest
    delivery; a cancelled one has no clock.
    """
    if not requests:
        return {}
    content_type = ContentType.objects.get_for_model(IpServiceRequest)
    logs = (
        TransitionLog.objects.filter(content_type=content_type, object_id__in=[r.pk for r in requests])
        .filter(Q(action="create") | Q(to_state=IpServiceRequest.State.DELIVERED))
        .order_by("created_at", "id")
        .values_list("object_id", "action", "created_at")
    )
    starts: dict[int, dt.datetime] = {}
    ends: dict[int, dt.datetime] = {}
    for object_id, action, created_at in logs:
        if action == "create":
            starts.setdefault(object_id, created_at)
        else:
            ends[object_id] = created_at
    today = timezone.localdate()
    clocks: dict[int, Clock] = {}
    for request in requests:
        start_day = workdays.local_date(starts.get(request.pk) or request.created_at)
        if request.state in IpServiceRequest.OPEN_STATES:
            clocks[request.pk] = Clock(workdays.working_days_between(start_day, today), False, start_day)
        elif request.pk in ends:
            end_day = workdays.local_date(ends[request.pk])
            clocks[request.pk] = Clock(workdays.working_days_between(start_day, end_day), True, start_day)
    return clocks


# --- dashboards and indicator inputs --------------------------------------------------------------


def staff_queue_counts() -> dict[str, int]:
    return {
        "intake": IpServiceRequest.objects.filter(state=IpServiceRequest.State.INTAKE).count(),
        "open": IpServiceRequest.objects.filter(state__in=IpServiceRequest.OPEN_STATES).count(),
        "alerts": InfringementAlert.objects.filter(state__in=[InfringementAlert.State.NEW]).count(),
        "disputes": Dispute.objects.exclude(state=Dispute.State.CLOSED).count(),
    }


def dispute_totals(qs: QuerySet[Dispute] | None = None) -> dict[str, Any]:
    """Handled (closed) disputes, resolved ones (in favour or settled), amounts — the 7.1.2.7 inputs."""
    qs = qs if qs is not None else Dispute.objects.all()
    closed = qs.filter(state=Dispute.State.CLOSED)
    figures = closed.aggregate(
        handled=Count("id"),
        resolved=Count("id", filter=Q(outcome__in=Dispute.RESOLVED_OUTCOMES)),
        claimed=Sum("amount_claimed"),
        recovered=Sum("amount_recovered"),
    )
    handled = figures["handled"] or 0
    figures["rate"] = round(figures["resolved"] / handled * 100, 1) if handled else None
    figures["claimed"] = figures["claimed"] or Decimal(0)
    figures["recovered"] = figures["recovered"] or Decimal(0)
    figures["open"] = qs.exclude(state=Dispute.State.CLOSED).count()
    return figures
