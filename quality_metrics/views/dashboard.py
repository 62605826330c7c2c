"""The quality dashboard (staff and admins): values and bands, trends, funnel, waiting times, workload, drill-down."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from platform_core.permissions import require_perm, staff_required

from .. import indicators, periods
from ..exports import FORMATS, table_response
from ..models import MetricSnapshot
from ..selectors import dashboard as sel
from ..selectors.drilldown import drilldown
from ..service_types import SERVICE_TYPES
from .common import paginate, period_choices, period_from, period_or_404

TREND_WINDOWS = {"month": 12, "quarter": 8, "half_year": 6, "year": 5}


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "quality_metrics.view_dashboard")
    trend_type = request.GET.get("trend", "quarter")
    if trend_type not in TREND_WINDOWS:
        trend_type = "quarter"
    period = period_from(request)
    trend = sel.trend(trend_type, TREND_WINDOWS[trend_type])
    funnel = sel.funnel(period)
    waiting = sel.waiting_times(period)
    workload = sel.workload(period)
    staff_load = sel.staff_workload(period)
    charts = {
        "trend": trend,
        "funnel": funnel,
        "waiting": waiting,
        "workload": workload,
        "labels": {
            "response": _("Mean response time"),
            "completion": _("Mean completion time"),
            "received": _("Requests received"),
            "completed": _("Completed"),
            "open_now": _("Open now"),
            "count": pgettext("quality", "Achievements"),
            "workdays": _("Working days"),
        },
    }
    return render(
        request,
        "quality_metrics/dashboard.html",
        {
            "grid": sel.current_grid(),
            "current_periods": periods.current_periods(),
            "trend": trend,
            "trend_type": trend_type,
            "trend_types": periods.PeriodType.choices,
            "period": period,
            "period_choices": period_choices(),
            "funnel": funnel,
            "waiting": waiting,
            "workload": workload,
            "staff_load": staff_load,
            "charts": charts,
        },
    )


@staff_required
def indicator_detail(request: HttpRequest, code: str, period_type: str, start: str) -> HttpResponse:
    if code not in indicators.INDICATORS:
        raise Http404
    period = period_or_404(period_type, start)
    cell = sel.cell(code, period)
    table = drilldown(code, period)
    page = paginate(request, table.rows) if table.rows is not None else None
    rows = []
    if page is not None:
        objects = list(page.object_list)
        if table.prefetch:
            prefetch_related_objects(objects, *table.prefetch)
        rows = [{"cells": table.cells(o), "url": table.url(o)} for o in objects]
    history = MetricSnapshot.objects.filter(indicator=code, period_type=period_type).order_by(
        "-period_start"
    )[:12]
    return render(
        request,
        "quality_metrics/indicator_detail.html",
        {
            "definition": indicators.get(code),
            "period": period,
            "cell": cell,
            "table": table,
            "page": page,
            "rows": rows,
            "history": history,
            "previous": period.previous(),
            "next": period.next(),
            "formats": FORMATS,
        },
    )


@staff_required
def indicator_export(request: HttpRequest, code: str, period_type: str, start: str, fmt: str) -> HttpResponse:
    if code not in indicators.INDICATORS or fmt not in FORMATS:
        raise Http404
    period = period_or_404(period_type, start)
    table = drilldown(code, period)
    if table.rows is None:
        raise Http404

    def rows():
        for chunk_start in range(0, table.rows.count(), 500):
            objects = list(table.rows[chunk_start : chunk_start + 500])
            if table.prefetch:
                prefetch_related_objects(objects, *table.prefetch)
            for obj in objects:
                yield table.cells(obj)

    return table_response(fmt, f"{code}_{period.type}_{period.start}", table.columns, rows())


@staff_required
def snapshots_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    qs = MetricSnapshot.objects.order_by("indicator", "period_type", "period_start")
    period_type = request.GET.get("period_type", "")
    if period_type in periods.PeriodType.values:
        qs = qs.filter(period_type=period_type)
    columns = [
        _("Indicator"),
        _("Code"),
        _("Period type"),
        _("Period"),
        _("Start"),
        _("End (exclusive)"),
        _("Value"),
        _("Band"),
        _("Numerator"),
        _("Denominator"),
        pgettext("quality", "Status"),
        _("Computed at"),
    ]
    rows = (
        [
            str(s.get_indicator_display()),
            s.indicator,
            str(s.get_period_type_display()),
            s.period.label,
            s.period_start,
            s.period_end,
            s.value,
            str(s.band_label) if s.band else "",
            s.numerator,
            s.denominator,
            str(s.get_status_display()),
            s.computed_at,
        ]
        for s in qs.iterator()
    )
    return table_response(fmt, "indicator_snapshots", columns, rows)


@staff_required
@require_POST
def recompute(request: HttpRequest) -> HttpResponse:
    """Recompute the current periods in the background (the same job as the daily schedule)."""
    require_perm(request.user, "quality_metrics.compute_snapshots")
    from ..tasks import metric_snapshots_daily

    sel.live_forget()  # the next view measures again, even before the job has stored the snapshots
    transaction.on_commit(lambda: metric_snapshots_daily.delay())
    messages.success(request, _("The indicators are being recomputed; refresh the page in a moment."))
    return redirect("quality_metrics:dashboard")


@staff_required
def funnel_stage(request: HttpRequest, stage: str) -> HttpResponse:
    if stage not in [c for c, _l, _s in sel.FUNNEL]:
        raise Http404
    period = period_from(request)
    records = sel.funnel_records(stage, period)
    page = paginate(request, records) if records is not None else None
    label = {c: lab for c, lab, _s in sel.FUNNEL}[stage]
    return render(
        request,
        "quality_metrics/funnel_stage.html",
        {"stage": stage, "label": label, "period": period, "page": page, "available": records is not None},
    )


@staff_required
def cases(request: HttpRequest) -> HttpResponse:
    """Service cases behind the waiting-time and workload charts."""
    period = period_from(request)
    service = request.GET.get("service", "")
    kind = request.GET.get("kind", "responded")
    if kind not in sel.CASE_KINDS:
        kind = "responded"
    qs = sel.service_cases(service=service, kind=kind, period=period)
    page = paginate(request, qs)
    page.object_list = list(page.object_list)
    prefetch_related_objects(page.object_list, "record")
    return render(
        request,
        "quality_metrics/cases.html",
        {
            "page": page,
            "period": period,
            "period_choices": period_choices(),
            "service": service,
            "services": SERVICE_TYPES,
            "kind": kind,
            "kinds": [
                ("received", pgettext("quality", "Received")),
                ("responded", _("First responses")),
                ("completed", _("Completed")),
                ("open", _("Open now")),
            ],
        },
    )
