"""The exact records behind every indicator value (drill-down pages and record exports)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.workflow.models import TransitionLog

from ..measures import outcomes, spine
from ..models import AuditItem, ServiceCase, SurveyResponse
from ..periods import Period
from ..sources import source_model


@dataclass
class Drilldown:
    columns: list[str]
    rows: QuerySet | None  # None: the source app has not shipped its records yet
    cells: Callable[[Any], list[Any]]
    url: Callable[[Any], str] = lambda obj: ""
    note: str = ""
    prefetch: tuple[str, ...] = field(default_factory=tuple)


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"


def _yes(flag: bool) -> str:
    return _("Yes") if flag else _("No")


def _url(obj: Any) -> str:
    getter = getattr(obj, "get_absolute_url", None)
    try:
        return getter() if getter else ""
    except Exception:  # noqa: BLE001 - a record without a page is listed without a link
        return ""


def _logged(workflow: str, state: str, end_at) -> Exists:
    return Exists(
        TransitionLog.objects.filter(
            workflow=workflow, to_state=state, created_at__lt=end_at, object_id=OuterRef("pk")
        )
    )


def conversion_rate(period: Period) -> Drilldown:
    model = source_model(spine.ACHIEVEMENT_MODEL)
    columns = [_("Achievement"), _("Holder"), _("Current state"), _("Converted by the period end")]
    if model is None:
        return Drilldown(columns, None, lambda o: [])
    accepted = TransitionLog.objects.filter(
        workflow=spine.ACHIEVEMENT_WORKFLOW, to_state=spine.ACCEPTED, created_at__lt=period.end_at
    ).values("object_id")
    rows = (
        model._default_manager.filter(pk__in=accepted)
        .annotate(converted_flag=_logged(spine.ACHIEVEMENT_WORKFLOW, spine.CONVERTED, period.end_at))
        .select_related("holder")
        .order_by("-converted_flag", "name", "pk")
    )
    return Drilldown(
        columns, rows, lambda a: [a.name, str(a.holder), a.get_state_display(), _yes(a.converted_flag)], _url
    )


def satisfaction(period: Period) -> Drilldown:
    rows = (
        SurveyResponse.objects.filter(submitted_at__gte=period.start_at, submitted_at__lt=period.end_at)
        .exclude(score=None)
        .select_related("invitation__campaign")
        .order_by("-submitted_at")
    )
    return Drilldown(
        [_("Submitted at"), _("Campaign"), _("Service"), _("Score (0–100)"), _("Comments")],
        rows,
        lambda r: [
            _when(r.submitted_at),
            r.invitation.campaign.title,
            r.get_service_type_display() or "—",
            round(r.score, 1),
            r.comment[:80],
        ],
        lambda r: r.get_absolute_url(),
    )


def timeliness(period: Period) -> Drilldown:
    rows = (
        ServiceCase.objects.filter(responded_at__gte=period.start_at, responded_at__lt=period.end_at)
        .select_related("content_type")
        .order_by("-responded_at")
    )
    return Drilldown(
        [
            _("Service"),
            _("Record"),
            _("Requested at"),
            _("First response at"),
            _("Response time (working days)"),
            _("Completion time (working days)"),
        ],
        rows,
        lambda c: [
            c.get_service_type_display(),
            str(c.record) if c.record is not None else f"#{c.object_id}",
            _when(c.started_at),
            _when(c.responded_at),
            c.response_days,
            c.completion_days if c.completion_days is not None else "—",
        ],
        lambda c: _url(c.record),
        note=_(
            "First responses given in the period; completion times are listed where the case is complete."
        ),
        prefetch=("record",),
    )


def conformity(period: Period) -> Drilldown:
    rows = (
        AuditItem.objects.filter(
            audit__completed_at__gte=period.start_at,
            audit__completed_at__lt=period.end_at,
            conforming__isnull=False,
        )
        .select_related("audit")
        .order_by("audit__code", "id")
    )
    return Drilldown(
        [_("Audit"), _("Service"), _("Record"), _("Conforming"), _("Finding")],
        rows,
        lambda i: [
            i.audit.code,
            i.get_service_type_display(),
            i.record_label,
            _yes(i.conforming),
            i.finding or "—",
        ],
        lambda i: i.audit.get_absolute_url(),
    )


def docking_success(period: Period) -> Drilldown:
    model = source_model(outcomes.DOCKING_MODEL)
    columns = [_("Docking project"), _("Current state"), _("Agreement signed by the period end")]
    if model is None:
        return Drilldown(columns, None, lambda o: [])
    rows = (
        model._default_manager.filter(created_at__lt=period.end_at)
        .annotate(signed_flag=_logged(outcomes.DOCKING_WORKFLOW, outcomes.AGREEMENT_SIGNED, period.end_at))
        .order_by("-signed_flag", "-created_at", "-pk")
    )
    return Drilldown(columns, rows, lambda d: [str(d), d.get_state_display(), _yes(d.signed_flag)], _url)


def incubation_success(period: Period) -> Drilldown:
    model = source_model(outcomes.INCUBATION_MODEL)
    columns = [_("Incubation project"), _("Stage"), _("Outcome"), _("Outcome recorded at"), _("Success")]
    if model is None:
        return Drilldown(columns, None, lambda o: [])
    success = tuple(getattr(model, "SUCCESS_OUTCOMES", outcomes.INCUBATION_SUCCESS))
    rows = model._default_manager.filter(admitted_at__lt=period.end_at).order_by("name", "pk")

    def cells(p):
        counted = (
            p.outcome in success
            and p.outcome_recorded_at is not None
            and p.outcome_recorded_at < period.end_at
        )
        return [
            p.name,
            p.get_state_display(),
            p.get_outcome_display(),
            _when(p.outcome_recorded_at),
            _yes(counted),
        ]

    return Drilldown(columns, rows, cells, _url)


def ip_protection(period: Period) -> Drilldown:
    model = source_model(outcomes.DISPUTE_MODEL)
    columns = [_("Dispute"), _("Outcome"), _("Closed at"), _("Amount claimed"), _("Amount recovered")]
    if model is None:
        return Drilldown(columns, None, lambda o: [])
    rows = (
        model._default_manager.filter(state="closed", closed_at__lt=period.end_at)
        .exclude(outcome="")
        .order_by("-closed_at", "-pk")
    )
    return Drilldown(
        columns,
        rows,
        lambda d: [
            d.title,
            d.get_outcome_display(),
            _when(d.closed_at),
            d.amount_claimed or "—",
            d.amount_recovered or "—",
        ],
        _url,
    )


BUILDERS: dict[str, Callable[[Period], Drilldown]] = {
    "conversion_rate": conversion_rate,
    "satisfaction": satisfaction,
    "timeliness": timeliness,
    "conformity": conformity,
    "docking_success": docking_success,
    "incubation_success": incubation_success,
    "ip_protection": ip_protection,
}


def drilldown(code: str, period: Period) -> Drilldown:
    return BUILDERS[code](period)
