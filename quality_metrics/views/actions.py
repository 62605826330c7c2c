"""Improvement actions (改进措施) and conformity audits (规范性审核)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, require_perm, staff_required
from platform_core.workflow.engine import history, workflow_for

from ..checklists import checklist_for
from ..forms import AuditForm, NewActionForm, PlanForm, ReasonForm, VerifyForm
from ..models import AuditItem, ConformityAudit, ImprovementAction
from ..services import audits as audit_svc
from ..services import improvements as svc
from .common import paginate


def _logs(obj):
    wf = workflow_for(obj)
    logs = list(history(obj))
    for log in logs:
        log.from_label = wf.state_label(log.from_state) if log.from_state else ""
        log.to_label = wf.state_label(log.to_state)
    return logs


@staff_required
def action_list(request: HttpRequest) -> HttpResponse:
    qs = ImprovementAction.objects.select_related("owner").order_by("due_date", "id")
    state = request.GET.get("state", "active")
    if state in ImprovementAction.State.values:
        qs = qs.filter(state=state)
    elif state == "overdue":
        qs = qs.filter(state__in=ImprovementAction.ACTIVE_STATES, due_date__lt=timezone.localdate())
    elif state == "active":
        qs = qs.filter(state__in=(*ImprovementAction.ACTIVE_STATES, ImprovementAction.State.DONE))
    source = request.GET.get("source", "")
    if source in ImprovementAction.Source.values:
        qs = qs.filter(source=source)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(title__icontains=q))
    sort = request.GET.get("sort", "")
    if sort in ("due_date", "-due_date", "created_at", "-created_at"):
        qs = qs.order_by(sort, "id")
    return render(
        request,
        "quality_metrics/action_list.html",
        {
            "page": paginate(request, qs),
            "state": state,
            "states": [
                ("active", _("Not yet verified")),
                ("overdue", _("Overdue")),
                *ImprovementAction.State.choices,
            ],
            "source": source,
            "sources": ImprovementAction.Source.choices,
            "q": q,
            "sort": sort,
        },
    )


@staff_required
def action_new(request: HttpRequest) -> HttpResponse:
    form = NewActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action = svc.action_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            return redirect(action.get_absolute_url())
    return render(
        request,
        "quality_metrics/form_page.html",
        {"form": form, "title": _("New improvement action"), "back": "quality_metrics:action_list"},
    )


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    action = get_visible_or_404(
        ImprovementAction.objects.select_related(
            "owner", "complaint", "audit_item__audit", "platform_evaluation"
        ),
        user=request.user,
        perm="quality_metrics.view_action",
        pk=pk,
    )
    wf = workflow_for(action)
    return render(
        request,
        "quality_metrics/action_detail.html",
        {
            "action": action,
            "transitions": [t for t in wf.available(action, request.user) if t.action != "verify"],
            "can_verify": any(t.action == "verify" for t in wf.available(action, request.user)),
            "can_plan": action.state == "open" and request.user.has_perm("quality_metrics.manage_action"),
            "plan_form": PlanForm(
                initial={
                    "title": action.title,
                    "measures": action.measures,
                    "owner": action.owner_id,
                    "deadline_days": action.deadline_days,
                }
            ),
            "reason_form": ReasonForm(),
            "verify_form": VerifyForm(),
            "logs": _logs(action),
        },
    )


@require_POST
def action_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    obj = get_visible_or_404(
        ImprovementAction.objects.all(), user=request.user, perm="quality_metrics.view_action", pk=pk
    )
    try:
        if action == "verify":
            svc.action_verify(action_id=obj.pk, actor=request.user, note=request.POST.get("note", ""))
        else:
            svc.action_act(
                action_id=obj.pk, action=action, actor=request.user, reason=request.POST.get("reason", "")
            )
        messages.success(request, _("Done."))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(obj.get_absolute_url())


@staff_required
@require_POST
def action_plan(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(ImprovementAction, pk=pk)
    require_perm(request.user, "quality_metrics.manage_action", obj)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            svc.action_plan(action_id=obj.pk, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The plan has been saved."))
        except DomainError as exc:
            messages.error(request, str(exc.message))
    else:
        messages.error(request, _("Please correct the plan's fields."))
    return redirect(obj.get_absolute_url())


# --- conformity audits -----------------------------------------------------------------------------


@staff_required
def audit_list(request: HttpRequest) -> HttpResponse:
    qs = ConformityAudit.objects.select_related("auditor").order_by("-created_at")
    state = request.GET.get("state", "")
    if state in ConformityAudit.State.values:
        qs = qs.filter(state=state)
    return render(
        request,
        "quality_metrics/audit_list.html",
        {"page": paginate(request, qs), "state": state, "states": ConformityAudit.State.choices},
    )


@staff_required
def audit_new(request: HttpRequest) -> HttpResponse:
    form = AuditForm(request.POST or None, initial={"auditor": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            audit = audit_svc.audit_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            return redirect(audit.get_absolute_url())
    return render(
        request,
        "quality_metrics/form_page.html",
        {"form": form, "title": _("New conformity audit"), "back": "quality_metrics:audit_list"},
    )


def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    audit = get_visible_or_404(
        ConformityAudit.objects.select_related("auditor"),
        user=request.user,
        perm="quality_metrics.view_audit",
        pk=pk,
    )
    checklist = checklist_for(audit.service_type)
    items = list(audit.items.select_related("checked_by").prefetch_related("actions", "record"))
    for item in items:
        item.answers = [(code, text, item.checklist.get(code)) for code, text in checklist]
    wf = workflow_for(audit)
    checked = [i for i in items if i.conforming is not None]
    return render(
        request,
        "quality_metrics/audit_detail.html",
        {
            "audit": audit,
            "items": items,
            "checklist": checklist,
            "transitions": wf.available(audit, request.user),
            "can_check": audit.state == "in_progress"
            and request.user.has_perm("quality_metrics.check_audit", audit),
            "conforming": sum(1 for i in checked if i.conforming),
            "checked": len(checked),
            "reason_form": ReasonForm(),
            "action_form": PlanForm(),
            "logs": _logs(audit),
        },
    )


@require_POST
def audit_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    audit = get_visible_or_404(
        ConformityAudit.objects.all(), user=request.user, perm="quality_metrics.view_audit", pk=pk
    )
    try:
        if action == "sample":
            require_perm(request.user, "quality_metrics.check_audit", audit)
            items = audit_svc.audit_sample(audit_id=audit.pk, actor=request.user)
            messages.success(request, _("%(n)d records sampled.") % {"n": len(items)})
        else:
            audit_svc.audit_act(
                audit_id=audit.pk,
                action=action,
                actor=request.user,
                reason=request.POST.get("reason", ""),
                summary=request.POST.get("summary") if "summary" in request.POST else None,
            )
            messages.success(request, _("Done."))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(audit.get_absolute_url())


@require_POST
def audit_item_check(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AuditItem.objects.select_related("audit"), pk=pk)
    audit = item.audit
    if not request.user.is_authenticated or not request.user.has_perm("quality_metrics.view_audit", audit):
        from django.http import Http404

        raise Http404
    require_perm(request.user, "quality_metrics.check_audit", audit)
    answers = {
        code: request.POST.get(f"item-{code}") == "yes" for code, _text in checklist_for(item.service_type)
    }
    missing = [
        code
        for code, _t in checklist_for(item.service_type)
        if request.POST.get(f"item-{code}") not in ("yes", "no")
    ]
    try:
        if missing:
            from platform_core.errors import ValidationFailed

            raise ValidationFailed(_("Answer every checklist item."))
        audit_svc.audit_item_check(
            item_id=item.pk, actor=request.user, answers=answers, finding=request.POST.get("finding", "")
        )
        messages.success(request, _("Record checked: %(label)s") % {"label": item.record_label})
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(f"{audit.get_absolute_url()}#item-{item.pk}")


@staff_required
@require_POST
def audit_item_action(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AuditItem.objects.select_related("audit"), pk=pk)
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the improvement action's fields."))
        return redirect(item.audit.get_absolute_url())
    try:
        action = audit_svc.audit_item_open_action(item_id=item.pk, actor=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(item.audit.get_absolute_url())
    messages.success(request, _("Improvement action %(code)s opened.") % {"code": action.code})
    return redirect(action.get_absolute_url())
