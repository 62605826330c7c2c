"""Docking projects: lists per role, the project page (state, negotiation, terms, pricing support,
documents, agreement) and its forms."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.accounts.roles import is_staff_member
from platform_core.attachments.selectors import attachments_for
from platform_core.permissions import get_visible_or_404, require_perm

from .. import selectors
from ..forms import CloseForm, DocumentForm, DraftForm, NegotiationForm, ReasonForm, TermsForm, ValuationForm
from ..models import DockingProject, ProposedTerms, ValuationWorksheet
from ..services import agreements as agreement_services
from ..services import docking as docking_services
from .common import attempt, available_actions, back, form_errors, labelled_logs, paginate, sort_param

PROJECT_SORTS = ("title", "state", "created_at", "updated_at")


def _load(request: HttpRequest, pk: int) -> DockingProject:
    qs = DockingProject.objects.select_related(
        "achievement", "achievement__holder", "achievement__organization", "achievement__technical_field",
        "demand", "enterprise", "enterprise_org", "assigned_to",
    )  # fmt: skip
    return get_visible_or_404(qs, user=request.user, perm="matching.view_dockingproject", pk=pk)


def project_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    sort, toggles = sort_param(request, PROJECT_SORTS, "-updated_at")
    qs = selectors.visible_projects(request.user).for_list().order_by(sort, "-id")
    state = request.GET.get("state", "")
    if state in DockingProject.State.values:
        qs = qs.filter(state=state)
    source = request.GET.get("source", "")
    if source in DockingProject.Source.values:
        qs = qs.filter(source=source)
    stats = (
        selectors.docking_success(selectors.visible_projects(request.user))
        if is_staff_member(request.user)
        else None
    )
    return render(
        request,
        "matching/project_list.html",
        {
            "page": paginate(request, qs),
            "toggles": toggles,
            "sort": sort,
            "states": DockingProject.State.choices,
            "sources": DockingProject.Source.choices,
            "state": state,
            "source": source,
            "stats": stats,
        },
    )


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _load(request, pk)
    user = request.user
    manage = user.has_perm("matching.manage_dockingproject", project)
    terms = list(project.terms.select_related("created_by"))
    agreed = next((t for t in terms if t.agreed), None)
    sheet = ValuationWorksheet.objects.filter(project=project).first()
    ctx = {
        "project": project,
        "actions": available_actions(project, user, exclude=("sign_agreement", "close")),
        "can_close": any(t.action == "close" for t in available_actions(project, user)),
        "manage": manage,
        "can_note": user.has_perm("matching.note_dockingproject", project),
        "can_upload": user.has_perm("matching.upload_dockingproject", project),
        "negotiations": list(project.negotiations.select_related("recorded_by")),
        "terms": terms,
        "agreed": agreed,
        "sheet": sheet,
        "comparables": selectors.comparable_deals(project) if manage else [],
        "documents": list(attachments_for(project)),
        "agreements": list(project.agreements.select_related("template")),
        "logs": labelled_logs(project),
        "reason_form": ReasonForm(),
        "close_form": CloseForm(),
        "negotiation_form": NegotiationForm(),
        "terms_form": TermsForm(instance=agreed or (terms[0] if terms else None)) if manage else None,
        "valuation_form": ValuationForm(instance=sheet) if manage else None,
        "document_form": DocumentForm(kinds=list(docking_services.DOCUMENT_KINDS.items())),
        "draft_form": DraftForm() if manage else None,
    }
    return render(request, "matching/project_detail.html", ctx)


@require_POST
def project_transition(request: HttpRequest, pk: int) -> HttpResponse:
    project = _load(request, pk)
    action = request.POST.get("action", "")
    if action == "close":
        form = CloseForm(request.POST)
        if not form.is_valid():
            form_errors(request, form)
            return redirect(project.get_absolute_url())
        reason, close_reason = form.cleaned_data["reason"], form.cleaned_data["close_reason"]
    else:
        form = ReasonForm(request.POST)
        form.is_valid()
        reason, close_reason = form.cleaned_data.get("reason", ""), ""
    attempt(
        request,
        lambda: docking_services.project_transition(
            project_id=project.pk, actor=request.user, action=action, reason=reason, close_reason=close_reason
        ),
        _("Done."),
    )
    return redirect(project.get_absolute_url())


@require_POST
def negotiation_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _load(request, pk)
    form = NegotiationForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: docking_services.negotiation_add(project_id=pk, actor=request.user, **form.cleaned_data),
            _("Negotiation record added."),
        )
    else:
        form_errors(request, form)
    return redirect(project.get_absolute_url() + "#negotiation")


@require_POST
def terms_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _load(request, pk)
    require_perm(request.user, "matching.manage_dockingproject", project)
    form = TermsForm(request.POST)
    if form.is_valid():
        terms = attempt(
            request,
            lambda: docking_services.terms_propose(project_id=pk, actor=request.user, **form.cleaned_data),
            _("Terms recorded."),
        )
        if terms and terms is not True and "agree" in request.POST:
            attempt(
                request,
                lambda: docking_services.terms_agree(terms_id=terms.pk, actor=request.user),
                _("Marked as agreed by both sides."),
            )
    else:
        form_errors(request, form)
    return redirect(project.get_absolute_url() + "#terms")


@require_POST
def terms_agree(request: HttpRequest, pk: int) -> HttpResponse:
    terms = ProposedTerms.objects.filter(pk=pk).first()
    if terms is None:
        raise Http404
    project = _load(request, terms.project_id)
    attempt(
        request,
        lambda: docking_services.terms_agree(terms_id=pk, actor=request.user),
        _("Marked as agreed by both sides."),
    )
    return redirect(project.get_absolute_url() + "#terms")


@require_POST
def valuation_save(request: HttpRequest, pk: int) -> HttpResponse:
    project = _load(request, pk)
    form = ValuationForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: docking_services.valuation_update(project_id=pk, actor=request.user, **form.cleaned_data),
            _("Valuation computed."),
        )
    else:
        form_errors(request, form)
    return redirect(project.get_absolute_url() + "#pricing")


@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    project = _load(request, pk)
    form = DocumentForm(request.POST, request.FILES, kinds=list(docking_services.DOCUMENT_KINDS.items()))
    if form.is_valid():
        data = form.cleaned_data
        attempt(
            request,
            lambda: docking_services.project_document_upload(
                project_id=pk,
                actor=request.user,
                uploaded_file=data["file"],
                kind=data["kind"],
                note=data["note"],
            ),
            _("Document uploaded."),
        )
    else:
        form_errors(request, form)
    return redirect(project.get_absolute_url() + "#documents")


@require_POST
def agreement_draft(request: HttpRequest, pk: int) -> HttpResponse:
    project = _load(request, pk)
    form = DraftForm(request.POST)
    if form.is_valid():
        agreement = attempt(
            request,
            lambda: agreement_services.agreement_draft(
                project_id=pk,
                actor=request.user,
                template_id=form.cleaned_data["template"].pk,
                title=form.cleaned_data["title"],
            ),
            _("Draft generated from the template and the agreed terms; the review checklist has run."),
        )
        if agreement and agreement is not True:
            return redirect(agreement.get_absolute_url())
    else:
        form_errors(request, form)
    return back(request, project.get_absolute_url())
