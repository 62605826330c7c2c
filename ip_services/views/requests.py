"""IP service requests: disclaimer, intake, assignment, delivery, acceptance; the working-day clock."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, require_perm, staff_required

from .. import disclaimer, selectors, services
from ..forms import AssignForm, DeliverForm, RequestForm, TransitionForm
from ..models import IpServiceRequest
from .common import actions_for, history_rows, page_of, run, safe_next, sorted_by

S = IpServiceRequest.State


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


@login_required
def disclaimer_view(request: HttpRequest) -> HttpResponse:
    """Show the disclaimer (5.5.1); acknowledging stores the text and the time."""
    require_perm(request.user, "ip_services.request_service")
    next_url = safe_next(request, reverse("ip_services:request_create"))
    if request.method == "POST":
        if request.POST.get("agree") != "1":
            messages.error(request, _("Tick the box to confirm you have read the disclaimer."))
        else:
            services.disclaimer_acknowledge(user=request.user, ip_address=_client_ip(request))
            messages.success(request, _("Thank you. Your acknowledgement has been recorded."))
            return redirect(next_url)
    acknowledgement = request.user.ip_disclaimer_acknowledgements.filter(version=disclaimer.VERSION).first()
    return render(
        request,
        "ip_services/disclaimer.html",
        {
            "title": disclaimer.TITLE,
            "text": disclaimer.TEXT,
            "acknowledgement": acknowledgement,
            "next": next_url,
        },
    )


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.requests_visible_to(request.user)
    staff = is_staff_member(request.user)
    state = request.GET.get("state", "")
    if state == "open":
        qs = qs.filter(state__in=IpServiceRequest.OPEN_STATES)
    elif state in S.values:
        qs = qs.filter(state=state)
    service = request.GET.get("service", "")
    if service in IpServiceRequest.ServiceType.values:
        qs = qs.filter(service_type=service)
    if staff and request.GET.get("mine") == "1":
        qs = qs.filter(assignee=request.user)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    qs, sort = sorted_by(
        request,
        qs,
        {"created": "created_at", "state": "state", "service": "service_type", "title": "title"},
        "-created",
    )
    page = page_of(request, qs)
    clocks = selectors.request_clocks(list(page.object_list))
    for item in page.object_list:
        item.clock = clocks.get(item.pk)
    return render(
        request,
        "ip_services/request_list.html",
        {
            "page": page,
            "states": S.choices,
            "services": IpServiceRequest.ServiceType.choices,
            "state": state,
            "service": service,
            "q": q,
            "sort": sort,
            "staff": staff,
            "mine": request.GET.get("mine") == "1",
            "can_request": request.user.has_perm("ip_services.request_service"),
        },
    )


@login_required
def request_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "ip_services.request_service")
    if not services.disclaimer_acknowledged(request.user):
        return redirect(reverse("ip_services:disclaimer") + "?next=" + request.get_full_path())
    initial = {}
    if request.GET.get("service") in IpServiceRequest.ServiceType.values:
        initial["service_type"] = request.GET["service"]
    form = RequestForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.request_create(
                requester=request.user,
                service_type=data["service_type"],
                title=data["title"],
                description=data["description"],
                achievement=data["achievement"],
                assets=data["assets"],
                attachments=[data["material"]] if data.get("material") else [],
            )
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(
                request, _("Your request has been received. A service specialist will be assigned.")
            )
            return redirect(item)
    return render(request, "ip_services/request_form.html", {"form": form})


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from platform_core.attachments.selectors import attachments_for

    item = get_visible_or_404(
        IpServiceRequest.objects.select_related("requester", "assignee", "achievement", "organization"),
        user=request.user,
        perm="ip_services.view_request",
        pk=pk,
    )
    staff = is_staff_member(request.user)
    specialist = staff or item.assignee_id == request.user.pk
    return render(
        request,
        "ip_services/request_detail.html",
        {
            "item": item,
            "clock": selectors.request_clocks([item]).get(item.pk),
            "assets": item.assets.all(),
            "reports": attachments_for(item, kind=IpServiceRequest.REPORT_KIND),
            "materials": attachments_for(item, kind="ip_request_material"),
            "actions": actions_for(item, request.user, exclude={"assign", "deliver"}),
            "can_assign": staff and item.state in (S.INTAKE, S.ASSIGNED),
            "can_deliver": specialist and item.state == S.IN_PROGRESS,
            "can_add_material": item.state not in (S.ACCEPTED, S.CANCELLED),
            "assign_form": AssignForm(initial={"assignee": item.assignee_id or request.user.pk}),
            "deliver_form": DeliverForm(),
            "logs": history_rows(item),
        },
    )


def _visible(request: HttpRequest, pk: int) -> IpServiceRequest:
    return get_visible_or_404(
        IpServiceRequest.objects.all(), user=request.user, perm="ip_services.view_request", pk=pk
    )


@login_required
@require_POST
def request_transition(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return redirect(item)
    return run(
        request,
        lambda: services.request_transition(
            request_id=item.pk,
            action=form.cleaned_data["action"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        ),
        _("Done."),
        item.get_absolute_url(),
    )


@staff_required
@require_POST
def request_assign(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a service specialist."))
        return redirect(item)
    return run(
        request,
        lambda: services.request_assign(
            request_id=item.pk, actor=request.user, assignee_id=form.cleaned_data["assignee"].pk
        ),
        _("Assigned."),
        item.get_absolute_url(),
    )


@login_required
@require_POST
def request_deliver(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible(request, pk)
    form = DeliverForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Attach the report and summarise the findings."))
        return redirect(item)
    return run(
        request,
        lambda: services.request_deliver(
            request_id=item.pk,
            actor=request.user,
            report=form.cleaned_data["report"],
            summary=form.cleaned_data["summary"],
        ),
        _("The report has been delivered to the requester."),
        item.get_absolute_url(),
    )


@login_required
@require_POST
def request_material(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible(request, pk)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("Choose a file."))
        return redirect(item)
    return run(
        request,
        lambda: services.request_add_material(
            request_id=item.pk,
            actor=request.user,
            uploaded_file=uploaded,
            note=request.POST.get("note", "")[:500],
        ),
        _("File added."),
        item.get_absolute_url(),
    )
