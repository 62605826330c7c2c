"""Incubation fund (5.4.1.2): programmes, applications, awards, disbursements; banks and investors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, staff_required

from .. import selectors, services
from ..forms import AwardForm, DisbursementForm, FundApplicationForm, TransitionForm
from ..models import FinancingContact, FundApplication
from .common import actions_for, history_rows, page_of, run, sorted_by


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    staff = is_staff_member(request.user)
    programmes = selectors.programmes_with_totals()
    if not staff:
        programmes = programmes.filter(is_active=True)
    applications = selectors.fund_applications_visible_to(request.user)
    if staff:
        state = request.GET.get("state", "")
        if state in FundApplication.State.values:
            applications = applications.filter(state=state)
    else:
        state = ""
    applications, sort = sorted_by(
        request,
        applications,
        {"created": "created_at", "amount": "amount_requested", "state": "state", "project": "project__name"},
        "-created",
    )
    return render(
        request,
        "incubation/fund.html",
        {
            "programmes": programmes.order_by("-opens_on"),
            "page": page_of(request, applications),
            "states": FundApplication.State.choices,
            "state": state,
            "sort": sort,
            "staff": staff,
        },
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programmes_with_totals().filter(pk=pk).first()
    if programme is None or (not programme.is_active and not is_staff_member(request.user)):
        raise Http404
    form = FundApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.fund_application_submit(
                programme_id=programme.pk,
                project_id=data["project"].pk,
                actor=request.user,
                amount_requested=data["amount_requested"],
                use_of_funds=data["use_of_funds"],
                milestones=data["milestones"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Your fund application has been submitted."))
            return redirect(application)
    return render(
        request,
        "incubation/programme_detail.html",
        {"programme": programme, "form": form, "can_apply": form.fields["project"].queryset.exists()},
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_visible_or_404(
        FundApplication.objects.select_related("programme", "project", "applicant"),
        user=request.user,
        perm="incubation.view_fund_application",
        pk=pk,
    )
    disbursements = list(application.disbursements.select_related("recorded_by"))
    return render(
        request,
        "incubation/application_detail.html",
        {
            "application": application,
            "actions": actions_for(application, request.user, exclude={"approve"}),
            "can_approve": application.state == FundApplication.State.UNDER_REVIEW
            and is_staff_member(request.user),
            "award_form": AwardForm(initial={"amount_awarded": application.amount_requested}),
            "disbursement_form": DisbursementForm(),
            "disbursements": disbursements,
            "paid": sum((d.amount for d in disbursements), start=0),
            "logs": history_rows(application),
        },
    )


@login_required
@require_POST
def application_transition(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_visible_or_404(
        FundApplication.objects.all(), user=request.user, perm="incubation.view_fund_application", pk=pk
    )
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return redirect(application)
    return run(
        request,
        lambda: services.fund_application_transition(
            application_id=application.pk,
            action=form.cleaned_data["action"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        ),
        _("Done."),
        application.get_absolute_url(),
    )


@staff_required
@require_POST
def application_approve(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_visible_or_404(
        FundApplication.objects.all(), user=request.user, perm="incubation.view_fund_application", pk=pk
    )
    form = AwardForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the amount awarded."))
        return redirect(application)
    return run(
        request,
        lambda: services.fund_application_approve(
            application_id=application.pk,
            actor=request.user,
            amount_awarded=form.cleaned_data["amount_awarded"],
            reason=form.cleaned_data["reason"],
        ),
        _("The award has been approved."),
        application.get_absolute_url(),
    )


@staff_required
@require_POST
def disbursement_create(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_visible_or_404(
        FundApplication.objects.all(), user=request.user, perm="incubation.view_fund_application", pk=pk
    )
    form = DisbursementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the disbursement: %(e)s") % {"e": form.errors.as_text()})
        return redirect(application)
    return run(
        request,
        lambda: services.disbursement_record(
            application_id=application.pk, actor=request.user, **form.cleaned_data
        ),
        _("Disbursement recorded."),
        application.get_absolute_url(),
    )


@login_required
def contact_list(request: HttpRequest) -> HttpResponse:
    """The directory of banks, investors and other financing channels."""
    qs = FinancingContact.objects.select_related("organization")
    if not is_staff_member(request.user):
        qs = qs.filter(is_active=True)
    kind = request.GET.get("kind", "")
    if kind in FinancingContact.Kind.values:
        qs = qs.filter(kind=kind)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(focus__icontains=q))
    qs, sort = sorted_by(request, qs, {"name": "name", "kind": "kind"}, "kind")
    return render(
        request,
        "incubation/contact_list.html",
        {
            "page": page_of(request, qs),
            "kinds": FinancingContact.Kind.choices,
            "kind": kind,
            "q": q,
            "sort": sort,
        },
    )
