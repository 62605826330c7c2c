"""Facilities and equipment (5.4.1.1): directory, booking, week calendar, approval, utilisation."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, staff_required

from .. import selectors, services
from ..forms import BookingForm, TransitionForm
from ..models import Booking, Facility
from .common import actions_for, history_rows, page_of, run, safe_next, sorted_by


def _week_of(request: HttpRequest) -> dt.date:
    raw = request.GET.get("week", "")
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        day = timezone.localdate()
    return selectors.week_start(day)


@login_required
def facility_list(request: HttpRequest) -> HttpResponse:
    qs = Facility.objects.all() if is_staff_member(request.user) else Facility.objects.filter(is_active=True)
    kind = request.GET.get("kind", "")
    if kind in Facility.Kind.values:
        qs = qs.filter(kind=kind)
    qs, sort = sorted_by(request, qs, {"name": "name", "kind": "kind", "capacity": "capacity"}, "kind")
    return render(
        request,
        "incubation/facility_list.html",
        {"page": page_of(request, qs), "kinds": Facility.Kind.choices, "kind": kind, "sort": sort},
    )


@login_required
def facility_detail(request: HttpRequest, pk: int) -> HttpResponse:
    facility = Facility.objects.filter(pk=pk).first()
    if facility is None or (not facility.is_active and not is_staff_member(request.user)):
        raise Http404
    monday = _week_of(request)
    days, rows = selectors.booking_week(monday=monday, facilities=[facility], include_pending=True)
    form = BookingForm(
        request.POST or None,
        user=request.user,
        facility=facility,
        initial={"day": request.GET.get("day") or "", "quantity": 1},
    )
    if request.method == "POST":
        if not request.user.has_perm("incubation.book"):
            raise Http404
        if form.is_valid():
            starts_at, ends_at = form.interval()
            project = form.cleaned_data["project"]
            try:
                booking = services.booking_create(
                    facility_id=facility.pk,
                    actor=request.user,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    purpose=form.cleaned_data["purpose"],
                    quantity=form.cleaned_data["quantity"],
                    project_id=project.pk if project else None,
                )
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                if booking.state == Booking.State.APPROVED:
                    messages.success(request, _("Booked and confirmed."))
                else:
                    messages.success(request, _("Booking requested; staff will approve it."))
                return redirect(booking)
    return render(
        request,
        "incubation/facility_detail.html",
        {
            "facility": facility,
            "form": form,
            "days": days,
            "rows": rows,
            "today": timezone.localdate(),
            "monday": monday,
            "prev_week": monday - dt.timedelta(days=7),
            "next_week": monday + dt.timedelta(days=7),
            "can_book": request.user.has_perm("incubation.book") and facility.is_active,
        },
    )


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """The week view: approved bookings of every facility (staff may include pending ones)."""
    monday = _week_of(request)
    facilities = Facility.objects.filter(is_active=True)
    kind = request.GET.get("kind", "")
    if kind in Facility.Kind.values:
        facilities = facilities.filter(kind=kind)
    include_pending = request.GET.get("pending") == "1"
    days, rows = selectors.booking_week(monday=monday, facilities=facilities, include_pending=include_pending)
    return render(
        request,
        "incubation/calendar.html",
        {
            "days": days,
            "rows": rows,
            "monday": monday,
            "sunday": days[-1],
            "today": timezone.localdate(),
            "prev_week": monday - dt.timedelta(days=7),
            "next_week": monday + dt.timedelta(days=7),
            "kinds": Facility.Kind.choices,
            "kind": kind,
            "include_pending": include_pending,
        },
    )


@login_required
def booking_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.bookings_visible_to(request.user)
    staff = is_staff_member(request.user)
    state = request.GET.get("state", "pending" if staff else "")
    if state in Booking.State.values:
        qs = qs.filter(state=state)
    when = request.GET.get("when", "upcoming")
    if when == "upcoming":
        qs = qs.filter(ends_at__gte=timezone.now())
    qs, sort = sorted_by(
        request,
        qs,
        {"start": "starts_at", "facility": "facility__name", "state": "state", "created": "created_at"},
        "start",
    )
    return render(
        request,
        "incubation/booking_list.html",
        {
            "page": page_of(request, qs),
            "states": Booking.State.choices,
            "state": state,
            "when": when,
            "sort": sort,
            "staff": staff,
        },
    )


@login_required
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_visible_or_404(
        Booking.objects.select_related("facility", "project", "booked_by"),
        user=request.user,
        perm="incubation.view_booking",
        pk=pk,
    )
    return render(
        request,
        "incubation/booking_detail.html",
        {"booking": booking, "actions": actions_for(booking, request.user), "logs": history_rows(booking)},
    )


@login_required
@require_POST
def booking_transition(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_visible_or_404(
        Booking.objects.all(), user=request.user, perm="incubation.view_booking", pk=pk
    )
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return redirect(booking)
    back = safe_next(request, booking.get_absolute_url())
    return run(
        request,
        lambda: services.booking_decide(
            booking_id=booking.pk,
            actor=request.user,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
        ),
        _("Done."),
        back,
    )


@staff_required
def utilisation(request: HttpRequest) -> HttpResponse:
    """Utilisation per facility per month: approved unit-hours over available unit-hours."""
    try:
        count = max(1, min(12, int(request.GET.get("months", "6"))))
    except ValueError:
        count = 6
    months = selectors.months_back(timezone.localdate(), count)
    facilities = list(Facility.objects.all())
    figures = selectors.facility_utilisation(months=months, facilities=facilities)
    rows = [(f, [figures[f.pk][m] for m in months]) for f in facilities]
    return render(
        request,
        "incubation/utilisation.html",
        {"months": months, "rows": rows, "count": count},
    )
