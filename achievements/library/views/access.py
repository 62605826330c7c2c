"""Access requests: the enterprise asks, the holder grants, denies or revokes (with the audit trail)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.errors import DomainError
from platform_core.workflow.engine import workflow_for

from ..forms import AccessRequestForm, NoteForm
from ..models import AccessRequest
from ..selectors.detail import entry_view, library_entry
from ..services import access as services
from .common import labelled_logs

STATE_FILTERS = [("", _("All"))] + list(AccessRequest.State.choices)


@login_required
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    achievement = library_entry(pk)
    view = entry_view(achievement, request.user)
    if not request.user.has_perm("library.request_access", achievement):
        raise Http404
    form = AccessRequestForm(request.POST or None, confidential=view.confidential)
    if request.method == "POST" and form.is_valid():
        try:
            services.access_request_create(
                achievement_id=pk,
                requester=request.user,
                message=form.cleaned_data["message"],
                sections=form.cleaned_data["sections"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your request was sent to the holder."))
            return redirect("library:detail", pk=pk)
    return render(request, "library/access_request_form.html", {"a": achievement, "view": view, "form": form})


def _list(request: HttpRequest, queryset, *, incoming: bool) -> HttpResponse:
    state = request.GET.get("state") or ""
    if state in AccessRequest.State.values:
        queryset = queryset.filter(state=state)
    rows = list(
        queryset.select_related("achievement", "requester", "requester__organization").order_by(
            "-created_at"
        )[:200]
    )
    return render(
        request,
        "library/access_requests.html",
        {"requests": rows, "incoming": incoming, "state": state, "states": STATE_FILTERS},
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return _list(request, AccessRequest.objects.filter(requester=request.user), incoming=False)


@login_required
def incoming(request: HttpRequest) -> HttpResponse:
    """访问申请审批: requests about the holder's achievements (staff see all)."""
    queryset = AccessRequest.objects.all()
    if not request.user.has_perm("library.manage"):
        queryset = queryset.filter(achievement__holder=request.user)
    return _list(request, queryset, incoming=True)


def _load(request: HttpRequest, pk: int) -> AccessRequest:
    obj = (
        AccessRequest.objects.select_related("achievement", "achievement__holder", "requester", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if obj is None or not request.user.has_perm("library.view_accessrequest", obj):
        raise Http404
    return obj


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _load(request, pk)
    wf = workflow_for(AccessRequest)
    return render(
        request,
        "library/access_request_detail.html",
        {
            "obj": obj,
            "actions": wf.available(obj, request.user),
            "form": NoteForm(),
            "logs": labelled_logs(obj),
        },
    )


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    obj = _load(request, pk)
    service = services.ACTIONS.get(action)
    if service is None:
        raise Http404
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        service(request_id=obj.pk, actor=request.user, note=note)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done."))
    return redirect("library:access_request", pk=obj.pk)
