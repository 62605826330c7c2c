"""Agreements: list, the agreement page (clauses, review checklist, signing, registration), the
optimistic-locked editor, the PDF, and the staff template pages."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.attachments.selectors import attachments_for
from platform_core.errors import ConflictError, DomainError
from platform_core.permissions import get_visible_or_404, require_perm, staff_required
from platform_core.reports.selectors import reports_for

from .. import selectors
from ..forms import AgreementEditForm, ReasonForm, RegistrationForm, SignForm, WaiveForm
from ..models import Agreement, AgreementTemplate, RiskFlag, TemplateClause
from ..services import agreements as agreement_services
from .common import attempt, available_actions, form_errors, labelled_logs, paginate, sort_param

AGREEMENT_SORTS = ("title", "state", "signed_on", "value", "updated_at")


def _load(request: HttpRequest, pk: int) -> Agreement:
    qs = Agreement.objects.select_related(
        "project", "project__achievement", "project__enterprise_org", "template", "reviewed_by"
    )
    return get_visible_or_404(qs, user=request.user, perm="matching.view_agreement", pk=pk)


def agreement_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    sort, toggles = sort_param(request, AGREEMENT_SORTS, "-updated_at")
    qs = selectors.visible_agreements(request.user).for_list().order_by(sort, "-id")
    state = request.GET.get("state", "")
    if state in Agreement.State.values:
        qs = qs.filter(state=state)
    if request.GET.get("unregistered"):
        qs = qs.filter(state=Agreement.State.SIGNED, registered_on__isnull=True)
    return render(
        request,
        "matching/agreement_list.html",
        {
            "page": paginate(request, qs),
            "toggles": toggles,
            "sort": sort,
            "states": Agreement.State.choices,
            "state": state,
        },
    )


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _load(request, pk)
    manage = request.user.has_perm("matching.manage_agreement", agreement)
    flags = list(agreement.risk_flags.select_related("handled_by"))
    order = {"open": 0, "waived": 1, "resolved": 2}
    flags.sort(
        key=lambda f: (order.get(f.status, 3), {"high": 0, "medium": 1, "low": 2}.get(f.severity, 3), f.pk)
    )
    for flag in flags:
        flag.waive_form = WaiveForm(prefix=f"w{flag.pk}")
    ctx = {
        "agreement": agreement,
        "clauses": list(agreement.clauses.all()),
        "flags": flags,
        "open_flags": [f for f in flags if f.status == RiskFlag.Status.OPEN],
        "manage": manage,
        "actions": available_actions(agreement, request.user, exclude=("sign",)),
        "can_sign": manage and agreement.state == Agreement.State.APPROVED,
        "sign_form": SignForm(initial={"value": agreement.value}),
        "registration_form": RegistrationForm(instance=agreement),
        "reason_form": ReasonForm(),
        "signed_copies": list(attachments_for(agreement, kind="signed_copy")),
        "reports": list(reports_for(agreement)),
        "logs": labelled_logs(agreement),
        "reminder_days": agreement_services.reminder_workdays(),
        "implementation": getattr(agreement, "implementation", None)
        if agreement.state == Agreement.State.SIGNED
        else None,
    }
    return render(request, "matching/agreement_detail.html", ctx)


def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _load(request, pk)
    require_perm(request.user, "matching.manage_agreement", agreement)
    clauses = list(agreement.clauses.all())
    initial = {
        "version": agreement.version,
        "title": agreement.title,
        "party_a": agreement.party_a,
        "party_b": agreement.party_b,
        "value": agreement.value,
    }
    form = AgreementEditForm(request.POST or None, initial=initial, clauses=clauses)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement_services.agreement_update(
                agreement_id=pk,
                actor=request.user,
                version=data["version"],
                clauses=form.clauses(),
                title=data["title"],
                party_a=data["party_a"],
                party_b=data["party_b"],
                value=data["value"],
            )
        except ConflictError as exc:
            form.add_error(None, str(exc.message))
            status = 409
        except DomainError as exc:
            form.add_error(None, str(exc.message))
            status = exc.status_code
        else:
            messages.success(request, _("Draft saved; the review checklist has run again."))
            return redirect(agreement.get_absolute_url() + "#review")
    return render(
        request, "matching/agreement_edit.html", {"agreement": agreement, "form": form}, status=status
    )


@require_POST
def agreement_transition(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _load(request, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: agreement_services.agreement_transition(
                agreement_id=pk,
                actor=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            ),
            _("Done."),
        )
    return redirect(agreement.get_absolute_url())


@require_POST
def risk_waive(request: HttpRequest, pk: int) -> HttpResponse:
    flag = RiskFlag.objects.filter(pk=pk).first()
    if flag is None:
        raise Http404
    agreement = _load(request, flag.agreement_id)
    form = WaiveForm(request.POST, prefix=f"w{pk}")
    if form.is_valid():
        attempt(
            request,
            lambda: agreement_services.risk_waive(
                flag_id=pk, actor=request.user, reason=form.cleaned_data["reason"]
            ),
            _("Risk accepted with the reason recorded."),
        )
    else:
        form_errors(request, form)
    return redirect(agreement.get_absolute_url() + "#review")


@require_POST
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _load(request, pk)
    form = SignForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        attempt(
            request,
            lambda: agreement_services.agreement_sign(
                agreement_id=pk,
                actor=request.user,
                signed_on=data["signed_on"],
                value=data["value"],
                signed_copy=data["signed_copy"],
            ),
            _("Signing recorded: the signed copy is archived and an implementation project has been opened."),
        )
    else:
        form_errors(request, form)
    return redirect(agreement.get_absolute_url())


@require_POST
def agreement_registration(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _load(request, pk)
    form = RegistrationForm(request.POST, instance=Agreement.objects.get(pk=pk))
    if form.is_valid():
        attempt(
            request,
            lambda: agreement_services.agreement_registration_update(
                agreement_id=pk, actor=request.user, **form.cleaned_data
            ),
            _("Registration recorded."),
        )
    else:
        form_errors(request, form)
    return redirect(agreement.get_absolute_url() + "#registration")


@require_POST
def agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _load(request, pk)
    report = attempt(
        request, lambda: agreement_services.agreement_pdf_request(agreement_id=pk, actor=request.user)
    )
    if report and report is not True:
        return redirect("reports:detail", report.pk)
    return redirect(agreement.get_absolute_url())


@staff_required
def template_list(request: HttpRequest) -> HttpResponse:
    templates = AgreementTemplate.objects.prefetch_related("clauses").order_by("contract_type", "code")
    return render(request, "matching/template_list.html", {"templates": templates})


@staff_required
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = AgreementTemplate.objects.filter(pk=pk).first()
    if template is None:
        raise Http404
    if request.method == "POST":
        clause = TemplateClause.objects.filter(pk=request.POST.get("clause"), template=template).first()
        body = (request.POST.get("body") or "").strip()
        if clause is None or not body:
            messages.error(request, _("A clause needs its text."))
        else:
            agreement_services.template_clause_update(
                clause_id=clause.pk,
                actor=request.user,
                body=body,
                title=request.POST.get("title") or clause.title,
            )
            messages.success(request, _("Clause saved; new drafts use it."))
        return redirect("matching:template_detail", pk)
    from ..drafting import PLACEHOLDERS

    return render(
        request,
        "matching/template_detail.html",
        {"template": template, "clauses": template.clauses.all(), "placeholders": PLACEHOLDERS},
    )
