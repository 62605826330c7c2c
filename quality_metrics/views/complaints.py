"""Complaints: the public form (anyone), the complainant's pages, the staff console."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, require_perm, staff_required
from platform_core.workflow.engine import history, workflow_for

from ..forms import ActionForm, ComplaintForm, InvestigationForm, ReasonForm
from ..models import Complaint, SurveyResponse
from ..service_types import SERVICE_TYPES
from ..services import complaints as svc
from .common import paginate


def complaint_new(request: HttpRequest) -> HttpResponse:
    """投诉与建议: anyone may file; without an account a phone or an email is needed."""
    form = ComplaintForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = svc.complaint_file(actor=request.user, **data)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(
                request,
                _("Your complaint %(code)s has been received. We will acknowledge it by %(date)s.")
                % {"code": complaint.code, "date": complaint.acknowledge_due.isoformat()},
            )
            if request.user.is_authenticated:
                return redirect(complaint.get_absolute_url())
            return redirect(complaint.get_track_url())
    return render(request, "quality_metrics/complaint_form.html", {"form": form})


@login_required
def my_complaints(request: HttpRequest) -> HttpResponse:
    page = paginate(request, Complaint.objects.filter(complainant=request.user).order_by("-created_at"))
    return render(request, "quality_metrics/complaint_mine.html", {"page": page})


@staff_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    qs = Complaint.objects.select_related("handler", "complainant").order_by("-created_at")
    state = request.GET.get("state", "")
    if state in Complaint.State.values:
        qs = qs.filter(state=state)
    elif state == "open":
        qs = qs.filter(state__in=Complaint.OPEN_STATES)
    service = request.GET.get("service", "")
    if service:
        qs = qs.filter(service_type=service)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(subject__icontains=q) | Q(name__icontains=q))
    sort = request.GET.get("sort", "")
    if sort in ("created_at", "-created_at", "resolve_due", "-resolve_due", "state", "-state"):
        qs = qs.order_by(sort, "-id")
    return render(
        request,
        "quality_metrics/complaint_list.html",
        {
            "page": paginate(request, qs),
            "state": state,
            "states": Complaint.State.choices,
            "service": service,
            "services": SERVICE_TYPES,
            "q": q,
            "sort": sort,
        },
    )


def _detail_context(request: HttpRequest, complaint: Complaint, *, anonymous: bool = False) -> dict:
    wf = workflow_for(Complaint)
    actor = request.user
    if anonymous:
        # the tracking link stands in for the complainant's account
        available = [
            t for t in wf.transitions if complaint.state in t.sources and t.action in ("confirm", "reopen")
        ]
    else:
        available = wf.available(complaint, actor)
    logs = list(history(complaint))
    for log in logs:
        log.from_label = wf.state_label(log.from_state) if log.from_state else ""
        log.to_label = wf.state_label(log.to_state)
    return {
        "complaint": complaint,
        "transitions": available,
        "logs": logs,
        "reason_form": ReasonForm(),
        "investigation_form": InvestigationForm(initial={"investigation": complaint.investigation}),
        "action_form": ActionForm(initial={"title": complaint.subject, "problem": complaint.description}),
        "anonymous": anonymous,
        "is_staff": actor.has_perm("quality_metrics.handle_complaint") if not anonymous else False,
    }


def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    complaint = get_visible_or_404(
        Complaint.objects.select_related("handler", "complainant", "survey_response"),
        user=request.user,
        perm="quality_metrics.view_complaint",
        pk=pk,
    )
    return render(request, "quality_metrics/complaint_detail.html", _detail_context(request, complaint))


def complaint_track(request: HttpRequest, token: str) -> HttpResponse:
    complaint = Complaint.objects.filter(track_token=token).first()
    if complaint is None:
        raise Http404
    return render(
        request, "quality_metrics/complaint_detail.html", _detail_context(request, complaint, anonymous=True)
    )


@require_POST
def complaint_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    complaint = get_object_or_404(Complaint, pk=pk)
    token = request.POST.get("token", "")
    if token:
        # the complainant without an account acts through the tracking link
        if token != complaint.track_token or action not in ("confirm", "reopen"):
            raise Http404
        actor = complaint.complainant or _TokenComplainant(complaint)
        back = complaint.get_track_url()
    else:
        if not request.user.is_authenticated or not request.user.has_perm(
            "quality_metrics.view_complaint", complaint
        ):
            raise Http404
        actor = request.user
        back = complaint.get_absolute_url()
    try:
        svc.complaint_act(
            complaint_id=complaint.pk, action=action, actor=actor, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("Done."))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(back)


class _TokenComplainant:
    """The holder of a complaint's tracking link, as an actor: the workflow's complainant check passes for
    this complaint only. It has no account (the log records no actor)."""

    is_authenticated = False
    pk = None

    def __init__(self, complaint: Complaint) -> None:
        self.complaint_token_for = complaint.pk

    def has_perm(self, perm, obj=None) -> bool:
        return False

    def __str__(self) -> str:
        return _("the complainant")


@staff_required
@require_POST
def complaint_investigation(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = get_object_or_404(Complaint, pk=pk)
    require_perm(request.user, "quality_metrics.handle_complaint", complaint)
    form = InvestigationForm(request.POST)
    if form.is_valid():
        try:
            svc.complaint_record_investigation(
                complaint_id=complaint.pk,
                actor=request.user,
                investigation=form.cleaned_data["investigation"],
            )
            messages.success(request, _("The findings have been saved."))
        except DomainError as exc:
            messages.error(request, str(exc.message))
    return redirect(complaint.get_absolute_url())


@staff_required
@require_POST
def complaint_action(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = get_object_or_404(Complaint, pk=pk)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the improvement action's fields."))
        return redirect(complaint.get_absolute_url())
    action = svc.complaint_open_action(complaint_id=complaint.pk, actor=request.user, **form.cleaned_data)
    messages.success(request, _("Improvement action %(code)s opened.") % {"code": action.code})
    return redirect(action.get_absolute_url())


@staff_required
@require_POST
def complaint_from_response(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn a survey answer into a complaint (GB/T 19012: feedback received through any channel)."""
    response = get_object_or_404(SurveyResponse.objects.select_related("invitation__user"), pk=pk)
    invitation = response.invitation
    try:
        complaint = svc.complaint_file(
            actor=invitation.user,
            name=invitation.name or str(invitation.user or ""),
            email=invitation.email,
            subject=_("Feedback from a satisfaction survey"),
            description=response.comment
            or _("Low satisfaction score: %(score).1f") % {"score": response.score or 0},
            service_type=response.service_type,
            source=Complaint.Source.SURVEY,
            survey_response=response,
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(response.get_absolute_url())
    messages.success(
        request, _("Complaint %(code)s created from the survey answer.") % {"code": complaint.code}
    )
    return redirect(complaint.get_absolute_url())
