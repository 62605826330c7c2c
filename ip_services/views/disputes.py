"""IP disputes: opening, parties, evidence, handling and the outcome."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, require_perm, staff_required

from .. import selectors, services
from ..forms import CloseForm, DisputeForm, EvidenceForm, PartyForm, TransitionForm
from ..models import Dispute, InfringementAlert
from .common import actions_for, history_rows, page_of, run, sorted_by

D = Dispute.State


@login_required
def dispute_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "ip_services.use")
    qs = selectors.disputes_visible_to(request.user)
    totals = selectors.dispute_totals(qs)
    state = request.GET.get("state", "")
    if state in D.values:
        qs = qs.filter(state=state)
    kind = request.GET.get("kind", "")
    if kind in Dispute.Kind.values:
        qs = qs.filter(kind=kind)
    outcome = request.GET.get("outcome", "")
    if outcome in Dispute.Outcome.values:
        qs = qs.filter(outcome=outcome)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(title__icontains=q) | Q(case_number__icontains=q) | Q(parties__name__icontains=q)
        ).distinct()
    qs, sort = sorted_by(
        request,
        qs,
        {
            "opened": "created_at",
            "state": "state",
            "kind": "kind",
            "claimed": "amount_claimed",
            "recovered": "amount_recovered",
        },
        "-opened",
    )
    return render(
        request,
        "ip_services/dispute_list.html",
        {
            "page": page_of(request, qs),
            "totals": totals,
            "states": D.choices,
            "kinds": Dispute.Kind.choices,
            "outcomes": Dispute.Outcome.choices,
            "state": state,
            "kind": kind,
            "outcome": outcome,
            "q": q,
            "sort": sort,
            "staff": is_staff_member(request.user),
        },
    )


@login_required
def dispute_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "ip_services.use")
    alert = None
    alert_id = request.GET.get("alert") or request.POST.get("alert")
    if alert_id and str(alert_id).isdigit() and is_staff_member(request.user):
        alert = get_visible_or_404(
            InfringementAlert.objects.all(),
            user=request.user,
            perm="ip_services.view_alert",
            pk=int(alert_id),
        )
    initial = {}
    if alert is not None:
        initial = {
            "owner": alert.owner_id,
            "title": alert.title,
            "summary": alert.description,
            "counterparty": alert.suspected_infringer,
            "assets": [alert.asset_id] if alert.asset_id else [],
        }
    form = DisputeForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        counterparty = data.pop("counterparty", "")
        owner = data.pop("owner", None)
        assets = data.pop("assets")
        parties = [{"name": counterparty, "role": "respondent"}] if counterparty else []
        try:
            dispute = services.dispute_open(
                actor=request.user, owner=owner, assets=assets, parties=parties, alert=alert, **data
            )
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("The dispute has been opened."))
            return redirect(dispute)
    return render(request, "ip_services/dispute_form.html", {"form": form, "alert": alert})


@login_required
def dispute_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from platform_core.attachments.selectors import attachments_for

    dispute = get_visible_or_404(
        Dispute.objects.select_related("owner", "handler"),
        user=request.user,
        perm="ip_services.view_dispute",
        pk=pk,
    )
    evidence = list(dispute.evidence.select_related("collected_by"))
    for item in evidence:
        item.files = list(attachments_for(item))
    staff = is_staff_member(request.user)
    return render(
        request,
        "ip_services/dispute_detail.html",
        {
            "dispute": dispute,
            "parties": dispute.parties.all(),
            "assets": dispute.assets.all(),
            "alerts": dispute.alerts.all(),
            "evidence": evidence,
            "actions": actions_for(dispute, request.user, exclude={"close"}),
            "can_close": staff and dispute.state != D.CLOSED,
            "close_form": CloseForm(),
            "party_form": PartyForm(),
            "evidence_form": EvidenceForm(),
            "can_add_evidence": dispute.state != D.CLOSED,
            "staff": staff,
            "logs": history_rows(dispute),
        },
    )


def _dispute(request: HttpRequest, pk: int) -> Dispute:
    return get_visible_or_404(
        Dispute.objects.all(), user=request.user, perm="ip_services.view_dispute", pk=pk
    )


@login_required
@require_POST
def dispute_transition(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return redirect(dispute)
    return run(
        request,
        lambda: services.dispute_transition(
            dispute_id=dispute.pk,
            action=form.cleaned_data["action"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        ),
        _("Done."),
        dispute.get_absolute_url(),
    )


@staff_required
@require_POST
def dispute_close(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the outcome."))
        return redirect(dispute)
    data = form.cleaned_data
    return run(
        request,
        lambda: services.dispute_close(
            dispute_id=dispute.pk,
            actor=request.user,
            outcome=data["outcome"],
            amount_recovered=data["amount_recovered"],
            note=data["note"],
        ),
        _("The dispute has been closed."),
        dispute.get_absolute_url(),
    )


@staff_required
@require_POST
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk)
    form = PartyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the party: %(e)s") % {"e": form.errors.as_text()})
        return redirect(dispute)
    return run(
        request,
        lambda: services.dispute_add_party(dispute_id=dispute.pk, actor=request.user, **form.cleaned_data),
        _("Party added."),
        dispute.get_absolute_url(),
    )


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Check the evidence record: %(e)s") % {"e": form.errors.as_text()})
        return redirect(dispute)
    data = dict(form.cleaned_data)
    uploaded = data.pop("file", None)
    return run(
        request,
        lambda: services.evidence_add(
            dispute_id=dispute.pk, actor=request.user, files=[uploaded] if uploaded else [], **data
        ),
        _("Evidence recorded."),
        dispute.get_absolute_url() + "#evidence",
    )
