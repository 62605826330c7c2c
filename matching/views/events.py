"""Matchmaking events: list, set-up, the event page (agenda, registrations and check-in, the session
schedule without double-booking, outcomes)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from achievements.models import Achievement
from platform_core.accounts.roles import is_staff_member
from platform_core.permissions import get_visible_or_404, role_required, staff_required

from .. import selectors
from ..forms import AgendaForm, EventForm, OutcomeSessionForm, ReasonForm, RegisterForm, SessionForm
from ..models import Demand, EventRegistration, EventSession, MatchmakingEvent
from ..services import events as services
from .common import attempt, available_actions, form_errors, labelled_logs, paginate


def _load(request: HttpRequest, pk: int) -> MatchmakingEvent:
    return get_visible_or_404(
        MatchmakingEvent.objects.select_related("organizer", "technical_field"),
        user=request.user,
        perm="matching.view_matchmakingevent",
        pk=pk,
    )


@role_required()
def event_list(request: HttpRequest) -> HttpResponse:
    qs = (
        selectors.visible_events(request.user).select_related("technical_field").order_by("-starts_at", "-id")
    )
    return render(request, "matching/event_list.html", {"page": paginate(request, qs)})


@staff_required
def event_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    event = _load(request, pk) if pk else None
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            request,
            lambda: services.event_save(actor=request.user, event_id=pk, **form.cleaned_data),
            _("Event saved."),
        )
        if saved and saved is not True:
            return redirect(saved.get_absolute_url())
    return render(request, "matching/event_form.html", {"form": form, "event": event})


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _load(request, pk)
    user = request.user
    staff = is_staff_member(user)
    registrations = list(
        event.registrations.select_related("user", "user__organization", "achievement", "demand")
    )
    active = [r for r in registrations if r.status == EventRegistration.Status.REGISTERED]
    sessions = list(
        event.sessions.select_related("demand_side__user", "supply_side__user", "achievement")
        .prefetch_related("docking_projects")
        .order_by("starts_at", "table")
    )
    for session in sessions:
        session.outcome_form = OutcomeSessionForm(prefix=f"s{session.pk}")
    mine = next((r for r in registrations if r.user_id == user.pk), None)
    if not staff:
        sessions = [s for s in sessions if mine and mine.pk in (s.demand_side_id, s.supply_side_id)]
    ctx = {
        "event": event,
        "staff": staff,
        "agenda": list(event.agenda.all()),
        "registrations": registrations if staff else [],
        "registered_count": len(active),
        "sessions": sessions,
        "mine": mine,
        "can_register": user.has_perm("matching.register_event", event)
        and (mine is None or mine.status != "registered"),
        "actions": available_actions(event, user),
        "logs": labelled_logs(event) if staff else [],
        "reason_form": ReasonForm(),
        "agenda_form": AgendaForm(),
        "session_form": SessionForm(registrations=active) if staff else None,
        "register_form": RegisterForm(
            achievements=list(
                Achievement.objects.filter(holder=user, state__in=Achievement.PUBLIC_STATES).only(
                    "id", "name"
                )
            ),
            demands=list(Demand.objects.filter(owner=user, state=Demand.State.PUBLISHED).only("id", "title")),
        ),
    }
    return render(request, "matching/event_detail.html", ctx)


@require_POST
def event_transition(request: HttpRequest, pk: int) -> HttpResponse:
    event = _load(request, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.event_transition(
                event_id=pk,
                actor=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            ),
            _("Done."),
        )
    return redirect(event.get_absolute_url())


@require_POST
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _load(request, pk)
    form = AgendaForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.agenda_add(event_id=pk, actor=request.user, **form.cleaned_data),
            _("Agenda item added."),
        )
    else:
        form_errors(request, form)
    return redirect(event.get_absolute_url() + "#agenda")


@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _load(request, pk)
    achievement_id = request.POST.get("achievement") or None
    demand_id = request.POST.get("demand") or None
    attempt(
        request,
        lambda: services.registration_create(
            event_id=pk,
            actor=request.user,
            achievement_id=int(achievement_id) if achievement_id and achievement_id.isdigit() else None,
            demand_id=int(demand_id) if demand_id and demand_id.isdigit() else None,
            note=request.POST.get("note", "")[:300],
        ),
        _("You are registered."),
    )
    return redirect(event.get_absolute_url())


def _registration(request: HttpRequest, pk: int) -> EventRegistration:
    registration = EventRegistration.objects.select_related("event").filter(pk=pk).first()
    if registration is None or not (is_staff_member(request.user) or registration.user_id == request.user.pk):
        raise Http404
    return registration


@require_POST
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _registration(request, pk)
    attempt(
        request,
        lambda: services.registration_cancel(registration_id=pk, actor=request.user),
        _("Registration cancelled."),
    )
    return redirect(registration.event.get_absolute_url())


@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _registration(request, pk)
    attempt(request, lambda: services.check_in(registration_id=pk, actor=request.user), _("Checked in."))
    return redirect(registration.event.get_absolute_url() + "#registrations")


@require_POST
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _load(request, pk)
    active = list(
        event.registrations.filter(status="registered").select_related(
            "user", "user__organization", "achievement"
        )
    )
    form = SessionForm(request.POST, registrations=active)
    if form.is_valid():
        data = form.cleaned_data
        attempt(
            request,
            lambda: services.session_schedule(
                event_id=pk,
                actor=request.user,
                demand_registration_id=int(data["demand_side"]),
                supply_registration_id=int(data["supply_side"]),
                starts_at=data["starts_at"],
                table=data["table"],
            ),
            _("Session scheduled."),
        )
    else:
        form_errors(request, form)
    return redirect(event.get_absolute_url() + "#sessions")


def _session(request: HttpRequest, pk: int) -> EventSession:
    session = EventSession.objects.select_related("event").filter(pk=pk).first()
    if session is None or not is_staff_member(request.user):
        raise Http404
    return session


@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    attempt(
        request, lambda: services.session_cancel(session_id=pk, actor=request.user), _("Session cancelled.")
    )
    return redirect(session.event.get_absolute_url() + "#sessions")


@require_POST
def session_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = OutcomeSessionForm(request.POST, prefix=f"s{pk}")
    if form.is_valid():
        attempt(
            request,
            lambda: services.session_outcome(session_id=pk, actor=request.user, **form.cleaned_data),
            _("Outcome recorded."),
        )
    else:
        form_errors(request, form)
    return redirect(session.event.get_absolute_url() + "#sessions")
