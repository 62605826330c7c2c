"""在线咨询: users ask, service specialists answer; the working-day clock is shown on the page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, staff_required
from platform_core.workflow.engine import history

from .. import selectors, services
from ..forms import AssignForm, ConsultationForm, MessageForm, ReasonForm
from ..models import Consultation
from ..permissions import is_asker
from ..workflow import CONSULTATION_WORKFLOW

TEXT_ACTIONS = {"answer", "follow_up"}


@login_required
def my_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    qs = Consultation.objects.filter(asker=request.user).select_related("assignee")
    if state in Consultation.State.values:
        qs = qs.filter(state=state)
    page = Paginator(qs.order_by("-created_at", "-id"), 20).get_page(request.GET.get("page"))
    clock = selectors.WaitingClock()
    for c in page.object_list:
        c.waiting_days = clock.days_since(c.waiting_since) if c.is_waiting else None
    return render(
        request,
        "content/consultation_list.html",
        {"page": page, "state": state, "states": Consultation.State.choices},
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("category") in Consultation.Category.values:
        initial["category"] = request.GET["category"]
    form = ConsultationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        consultation = services.consultation_submit(asker=request.user, **form.cleaned_data)
        messages.success(request, _("Your question has been submitted. A service specialist will answer it."))
        return redirect(consultation.get_absolute_url())
    return render(request, "content/consultation_form.html", {"form": form})


def _visible(request: HttpRequest, pk: int) -> Consultation:
    return get_visible_or_404(
        Consultation.objects.select_related("asker", "asker__organization", "assignee"),
        user=request.user,
        perm="content.view_consultation",
        pk=pk,
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, pk)
    logs = list(history(consultation))
    for log in logs:
        log.from_label = CONSULTATION_WORKFLOW.state_label(log.from_state) if log.from_state else ""
        log.to_label = CONSULTATION_WORKFLOW.state_label(log.to_state)
    staff = is_staff_member(request.user)
    actions = {t.action: t for t in CONSULTATION_WORKFLOW.available(consultation, request.user)}
    return render(
        request,
        "content/consultation_detail.html",
        {
            "c": consultation,
            "thread": consultation.messages.select_related("author").order_by("created_at", "id"),
            "logs": logs,
            "clock": selectors.consultation_clock(consultation, logs),
            "actions": actions,
            "is_staff": staff,
            "is_asker": is_asker(request.user, consultation),
            "message_form": MessageForm(),
            "assign_form": AssignForm(initial={"assignee": consultation.assignee_id or request.user.pk})
            if staff
            else None,
        },
    )


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    consultation = _visible(request, pk)
    if action in TEXT_ACTIONS:
        form = MessageForm(request.POST)
        text = form.cleaned_data["text"] if form.is_valid() else ""
    else:
        form = ReasonForm(request.POST)
        text = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.consultation_act(
            consultation_id=consultation.pk, actor=request.user, action=action, text=text
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        step = CONSULTATION_WORKFLOW.get(action)
        messages.success(request, _("Done: %(step)s.") % {"step": step.label if step else action})
    return redirect(consultation.get_absolute_url())


@staff_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a service specialist."))
        return redirect(consultation.get_absolute_url())
    try:
        services.consultation_assign(
            consultation_id=consultation.pk, actor=request.user, assignee=form.cleaned_data["assignee"]
        )
        messages.success(request, _("Assigned to %(name)s.") % {"name": form.cleaned_data["assignee"]})
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(consultation.get_absolute_url())


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "waiting")
    category = request.GET.get("category", "")
    q = request.GET.get("q", "").strip()[:100]
    mine = request.GET.get("mine") == "1"
    try:
        min_days = max(0, min(int(request.GET.get("min_days") or 0), 365))
    except ValueError:
        min_days = 0
    qs = selectors.consultation_queue(
        state=state,
        category=category,
        min_waiting_days=min_days or None,
        assignee=request.user if mine else None,
        q=q,
    )
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    clock = selectors.WaitingClock()
    for c in page.object_list:
        c.waiting_days = clock.days_since(c.waiting_since) if c.is_waiting else None
    return render(
        request,
        "content/consultation_queue.html",
        {
            "page": page,
            "state": state,
            "category": category,
            "q": q,
            "mine": mine,
            "min_days": min_days,
            "states": Consultation.State.choices,
            "categories": Consultation.Category.choices,
        },
    )
