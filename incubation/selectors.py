"""Reads of the incubation app: visibility, the booking calendar, utilisation, clocks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from platform_core import workdays
from platform_core.accounts.roles import is_investor, is_staff_member
from platform_core.workflow.models import TransitionLog

from .models import (
    Booking,
    ConsultingRequest,
    Facility,
    FundApplication,
    FundProgramme,
    IncubationProject,
)

P = IncubationProject.State


# --- visibility -------------------------------------------------------------------------------------


def projects_visible_to(user: Any) -> QuerySet[IncubationProject]:
    qs = IncubationProject.objects.select_related("applicant", "cohort", "organization")
    if is_staff_member(user):
        return qs
    visible = Q(applicant_id=user.pk) | Q(admission_evaluation__sheets__member_id=user.pk)
    if is_investor(user):
        visible |= Q(seeking_financing=True, state__in=[*IncubationProject.ACTIVE_STATES, P.GRADUATED])
    return qs.filter(visible)


def projects_seeking_financing() -> QuerySet[IncubationProject]:
    return (
        IncubationProject.objects.filter(
            seeking_financing=True, state__in=[*IncubationProject.ACTIVE_STATES, P.GRADUATED]
        )
        .select_related("cohort", "organization")
        .order_by("-admitted_at", "-id")
    )


def bookings_visible_to(user: Any) -> QuerySet[Booking]:
    qs = Booking.objects.select_related("facility", "project", "booked_by")
    if is_staff_member(user):
        return qs
    return qs.filter(Q(booked_by_id=user.pk) | Q(project__applicant_id=user.pk))


def fund_applications_visible_to(user: Any) -> QuerySet[FundApplication]:
    qs = FundApplication.objects.select_related("programme", "project", "applicant")
    if is_staff_member(user):
        return qs
    return qs.filter(Q(applicant_id=user.pk) | Q(project__applicant_id=user.pk))


def consulting_visible_to(user: Any) -> QuerySet[ConsultingRequest]:
    qs = ConsultingRequest.objects.select_related("requester", "assignee", "project")
    if is_staff_member(user):
        return qs
    return qs.filter(requester_id=user.pk)


def programmes_with_totals() -> QuerySet[FundProgramme]:
    return FundProgramme.objects.annotate(
        awarded=Sum(
            "applications__amount_awarded",
            filter=Q(
                applications__state__in=[FundApplication.State.APPROVED, FundApplication.State.COMPLETED]
            ),
        ),
        application_count=Count("applications"),
    )


# --- bookings -----------------------------------------------------------------------------------------


def booking_usage(
    *, facility: Facility, starts_at: dt.datetime, ends_at: dt.datetime, exclude_id: int | None = None
) -> tuple[int, list[Booking]]:
    """Peak number of units held (pending or approved) during [starts_at, ends_at) and the bookings involved."""
    overlapping = list(
        Booking.objects.filter(
            facility=facility,
            state__in=Booking.HOLDING_STATES,
            starts_at__lt=ends_at,
            ends_at__gt=starts_at,
        )
        .exclude(pk=exclude_id)
        .select_related("project", "booked_by")
        .order_by("starts_at", "id")
    )
    events: list[tuple[dt.datetime, int]] = []
    for booking in overlapping:
        events.append((max(booking.starts_at, starts_at), booking.quantity))
        events.append((min(booking.ends_at, ends_at), -booking.quantity))
    # At the same instant an end frees a unit before a start takes one (touching bookings do not overlap).
    events.sort(key=lambda e: (e[0], e[1]))
    peak = current = 0
    for _when, delta in events:
        current += delta
        peak = max(peak, current)
    return peak, overlapping


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass
class CalendarRow:
    facility: Facility
    cells: list[list[Booking]] = field(default_factory=list)


def booking_week(
    *, monday: dt.date, facilities: QuerySet[Facility] | None = None, include_pending: bool = False
) -> tuple[list[dt.date], list[CalendarRow]]:
    """The week view: one row per facility, one cell per day with that day's bookings (two queries)."""
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(monday, dt.time.min, tzinfo=tz)
    end = start + dt.timedelta(days=7)
    facility_list = list(facilities if facilities is not None else Facility.objects.filter(is_active=True))
    states = [Booking.State.APPROVED] + ([Booking.State.PENDING] if include_pending else [])
    bookings = (
        Booking.objects.filter(
            facility__in=facility_list, state__in=states, starts_at__lt=end, ends_at__gt=start
        )
        .select_related("project", "booked_by")
        .order_by("starts_at", "id")
    )
    by_cell: dict[tuple[int, dt.date], list[Booking]] = defaultdict(list)
    for booking in bookings:
        by_cell[(booking.facility_id, timezone.localtime(booking.starts_at).date())].append(booking)
    rows = [CalendarRow(f, [by_cell.get((f.pk, d), []) for d in days]) for f in facility_list]
    return days, rows


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def months_back(today: dt.date, count: int) -> list[tuple[int, int]]:
    year, month = today.year, today.month
    result = []
    for _i in range(count):
        result.append((year, month))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(result))


@dataclass
class Utilisation:
    booked_hours: float
    available_hours: float
    bookings: int

    @property
    def rate(self) -> float | None:
        return round(self.booked_hours / self.available_hours * 100, 1) if self.available_hours else None


def facility_utilisation(
    *, months: list[tuple[int, int]], facilities: list[Facility] | None = None
) -> dict[int, dict[tuple[int, int], Utilisation]]:
    """Per facility and month: approved unit-hours ÷ (capacity × opening hours × working days).

    One query for all bookings of the period; bookings are clipped to the month they fall in.
    """
    facility_list = facilities if facilities is not None else list(Facility.objects.all())
    tz = timezone.get_current_timezone()
    bounds = {m: month_bounds(*m) for m in months}
    period_start = dt.datetime.combine(bounds[months[0]][0], dt.time.min, tzinfo=tz)
    period_end = dt.datetime.combine(bounds[months[-1]][1] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    booked: dict[tuple[int, tuple[int, int]], list[float]] = defaultdict(lambda: [0.0, 0])
    rows = Booking.objects.filter(
        facility__in=facility_list,
        state=Booking.State.APPROVED,
        starts_at__lt=period_end,
        ends_at__gt=period_start,
    ).values_list("facility_id", "starts_at", "ends_at", "quantity")
    for facility_id, starts_at, ends_at, quantity in rows:
        local = timezone.localtime(starts_at).date()
        key = (facility_id, (local.year, local.month))
        booked[key][0] += (ends_at - starts_at).total_seconds() / 3600 * quantity
        booked[key][1] += 1
    working = {m: workdays.working_days_between(b[0] - dt.timedelta(days=1), b[1]) for m, b in bounds.items()}
    result: dict[int, dict[tuple[int, int], Utilisation]] = {}
    for facility in facility_list:
        per_month = {}
        for m in months:
            hours, count = booked.get((facility.pk, m), (0.0, 0))
            available = facility.capacity * facility.open_hours * working[m]
            per_month[m] = Utilisation(round(hours, 1), round(available, 1), int(count))
        result[facility.pk] = per_month
    return result


# --- clocks ---------------------------------------------------------------------------------------


@dataclass
class Clock:
    working_days: int
    finished: bool
    started: dt.date | None


def clocks_for(
    objects: list[Any], *, end_states: tuple[str, ...], open_states: tuple[str, ...]
) -> dict[int, Clock]:
    """Working-day clocks from the transition log: creation → the latest move into an end state.

    A record still open (never finished, or sent back) runs to today; a record closed without reaching
    an end state (cancelled) has no clock. One query for any number of records.
    """
    if not objects:
        return {}
    content_type = ContentType.objects.get_for_model(type(objects[0]), for_concrete_model=False)
    logs = (
        TransitionLog.objects.filter(content_type=content_type, object_id__in=[o.pk for o in objects])
        .filter(Q(action="create") | Q(to_state__in=end_states))
        .order_by("created_at", "id")
        .values_list("object_id", "action", "to_state", "created_at")
    )
    starts: dict[int, dt.datetime] = {}
    ends: dict[int, dt.datetime] = {}
    for object_id, action, to_state, created_at in logs:
        if action == "create":
            starts.setdefault(object_id, created_at)
        if to_state in end_states:
            ends[object_id] = created_at
    today = timezone.localdate()
    clocks = {}
    for obj in objects:
        start = starts.get(obj.pk) or obj.created_at
        start_day = workdays.local_date(start)
        end = ends.get(obj.pk)
        if obj.state in open_states:
            clocks[obj.pk] = Clock(workdays.working_days_between(start_day, today), False, start_day)
        elif end is not None:
            end_day = workdays.local_date(end)
            clocks[obj.pk] = Clock(workdays.working_days_between(start_day, end_day), True, start_day)
    return clocks


def consulting_clocks(requests: list[ConsultingRequest]) -> dict[int, Clock]:
    return clocks_for(
        requests,
        end_states=(ConsultingRequest.State.ANSWERED,),
        open_states=ConsultingRequest.OPEN_STATES,
    )


# --- dashboards -----------------------------------------------------------------------------------


def staff_queue_counts() -> dict[str, int]:
    return {
        "applications": IncubationProject.objects.filter(state__in=[P.SUBMITTED, P.UNDER_REVIEW]).count(),
        "bookings": Booking.objects.filter(state=Booking.State.PENDING, ends_at__gt=timezone.now()).count(),
        "fund": FundApplication.objects.filter(
            state__in=[FundApplication.State.SUBMITTED, FundApplication.State.UNDER_REVIEW]
        ).count(),
        "consulting": ConsultingRequest.objects.filter(state__in=ConsultingRequest.OPEN_STATES).count(),
    }


def project_totals(project: IncubationProject) -> dict[str, Decimal]:
    financing = project.financing_events.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    awarded = project.fund_applications.filter(
        state__in=[FundApplication.State.APPROVED, FundApplication.State.COMPLETED]
    ).aggregate(total=Sum("amount_awarded"))["total"] or Decimal(0)
    return {"financing": financing, "awarded": awarded}
