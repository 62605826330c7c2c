"""Infringement monitoring: watch items, alerts, spreadsheet import, triage and action."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, require_perm, staff_required

from .. import selectors, services
from ..forms import AlertActionForm, AlertForm, ImportForm, TransitionForm, WatchForm
from ..models import InfringementAlert, InfringementWatch
from ..services.monitoring import IMPORT_COLUMNS
from .common import actions_for, history_rows, page_of, run, sorted_by

A = InfringementAlert.State


@login_required
def watch_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "ip_services.use")
    qs = selectors.watches_visible_to(request.user).annotate(alert_count=Count("alerts"))
    qs, sort = sorted_by(
        request, qs, {"title": "title", "created": "created_at", "alerts": "alert_count"}, "-created"
    )
    form = WatchForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner = data.pop("owner", None)
        try:
            services.watch_create(actor=request.user, owner=owner, **data)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Watch item saved."))
            return redirect("ip_services:watch_list")
    return render(
        request,
        "ip_services/watch_list.html",
        {"page": page_of(request, qs), "form": form, "sort": sort, "staff": is_staff_member(request.user)},
    )


@login_required
@require_POST
def watch_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    watch = get_visible_or_404(
        InfringementWatch.objects.all(), user=request.user, perm="ip_services.view_watch", pk=pk
    )
    return run(
        request,
        lambda: services.watch_set_active(watch_id=watch.pk, actor=request.user, active=not watch.is_active),
        _("Saved."),
        watch.get_absolute_url(),
    )


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "ip_services.use")
    qs = selectors.alerts_visible_to(request.user)
    state = request.GET.get("state", "")
    if state == "open":
        qs = qs.filter(state__in=InfringementAlert.OPEN_STATES)
    elif state in A.values:
        qs = qs.filter(state=state)
    severity = request.GET.get("severity", "")
    if severity in InfringementAlert.Severity.values:
        qs = qs.filter(severity=severity)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(suspected_infringer__icontains=q))
    qs, sort = sorted_by(
        request,
        qs,
        {"found": "detected_on", "severity": "severity", "state": "state", "title": "title"},
        "-found",
    )
    return render(
        request,
        "ip_services/alert_list.html",
        {
            "page": page_of(request, qs),
            "states": A.choices,
            "severities": InfringementAlert.Severity.choices,
            "state": state,
            "severity": severity,
            "q": q,
            "sort": sort,
            "staff": is_staff_member(request.user),
        },
    )


@staff_required
def alert_create(request: HttpRequest) -> HttpResponse:
    form = AlertForm(request.POST or None, initial={"severity": InfringementAlert.Severity.MEDIUM})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner = data.pop("owner")
        try:
            alert = services.alert_create(actor=request.user, owner=owner, **data)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Alert recorded."))
            return redirect(alert)
    return render(request, "ip_services/alert_form.html", {"form": form})


@staff_required
def alert_import(request: HttpRequest) -> HttpResponse:
    """Import alerts from Excel: every row valid or nothing imported, with a row-by-row report."""
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.alerts_import(actor=request.user, uploaded_file=form.cleaned_data["file"])
        except DomainError as exc:
            form.add_error("file", str(exc.message))
        else:
            if report.ok:
                messages.success(request, _("%(n)s alerts imported.") % {"n": report.created})
            else:
                messages.error(
                    request, _("Nothing was imported: correct the rows marked below and upload again.")
                )
    return render(
        request,
        "ip_services/alert_import.html",
        {"form": form, "report": report, "columns": [h for _k, h in IMPORT_COLUMNS]},
    )


@staff_required
def alert_template(request: HttpRequest) -> HttpResponse:
    """The import template: headings, one example row, the severity words."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "侵权告警"
    sheet.append([h for _k, h in IMPORT_COLUMNS])
    sheet.append(
        [
            "holder",
            "某电商平台销售疑似仿冒产品",
            "2025-03-01",
            "某生物科技公司",
            "https://example.com/item/1",
            "页面宣传使用了专利配方",
            "高",
            "",
        ]
    )
    for column in "ABCDEFGH":
        sheet.column_dimensions[column].width = 22
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = "attachment; filename=infringement_alerts_template.xlsx"
    return response


@login_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_visible_or_404(
        InfringementAlert.objects.select_related("owner", "asset", "watch", "dispute", "created_by"),
        user=request.user,
        perm="ip_services.view_alert",
        pk=pk,
    )
    staff = is_staff_member(request.user)
    return render(
        request,
        "ip_services/alert_detail.html",
        {
            "alert": alert,
            "actions": actions_for(alert, request.user, exclude={"take_action"}),
            "can_act": staff and alert.state == A.CONFIRMED,
            "action_form": AlertActionForm(),
            "logs": history_rows(alert),
            "staff": staff,
        },
    )


def _alert(request: HttpRequest, pk: int) -> InfringementAlert:
    return get_visible_or_404(
        InfringementAlert.objects.all(), user=request.user, perm="ip_services.view_alert", pk=pk
    )


@login_required
@require_POST
def alert_transition(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return redirect(alert)
    return run(
        request,
        lambda: services.alert_transition(
            alert_id=alert.pk,
            action=form.cleaned_data["action"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        ),
        _("Done."),
        alert.get_absolute_url(),
    )


@staff_required
@require_POST
def alert_action(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert(request, pk)
    form = AlertActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the action and describe it."))
        return redirect(alert)
    if form.cleaned_data["action"] == InfringementAlert.Action.DISPUTE:
        from django.urls import reverse

        return redirect(reverse("ip_services:dispute_create") + f"?alert={alert.pk}")
    return run(
        request,
        lambda: services.alert_take_action(
            alert_id=alert.pk,
            actor=request.user,
            action=form.cleaned_data["action"],
            note=form.cleaned_data["note"],
        ),
        _("Action recorded."),
        alert.get_absolute_url(),
    )
