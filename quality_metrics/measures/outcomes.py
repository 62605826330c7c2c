"""Outcome rates of the later stages: docking success, incubation success, IP protection (000 §7.1.2.5–7)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q, Sum

from platform_core.workflow.models import TransitionLog

from ..sources import source_model
from .result import Measurement, ratio

DOCKING_MODEL = "matching.DockingProject"
DOCKING_WORKFLOW = "docking_project"
AGREEMENT_SIGNED = "agreement_signed"

INCUBATION_MODEL = "incubation.IncubationProject"
INCUBATION_SUCCESS = ("entered_market", "raised_financing")

DISPUTE_MODEL = "ip_services.Dispute"
DISPUTE_RESOLVED = ("resolved_in_favour", "settled")


def docking_success(start_at: dt.datetime, end_at: dt.datetime) -> Measurement:
    """Docking projects with a signed agreement by the period's end ÷ projects started by then."""
    model = source_model(DOCKING_MODEL)
    if model is None:
        return Measurement.no_source(DOCKING_MODEL)
    started = model._default_manager.filter(created_at__lt=end_at).count()
    signed = TransitionLog.objects.filter(
        workflow=DOCKING_WORKFLOW, to_state=AGREEMENT_SIGNED, created_at__lt=end_at
    ).aggregate(
        total=Count("object_id", distinct=True),
        in_period=Count("object_id", distinct=True, filter=Q(created_at__gte=start_at)),
    )
    return ratio(signed["total"], started, {"signed_in_period": signed["in_period"]})


def incubation_success(start_at: dt.datetime, end_at: dt.datetime) -> Measurement:
    """Incubated projects that entered the market or raised financing by the period's end ÷ incubated ones."""
    model = source_model(INCUBATION_MODEL)
    if model is None:
        return Measurement.no_source(INCUBATION_MODEL)
    success = tuple(getattr(model, "SUCCESS_OUTCOMES", INCUBATION_SUCCESS))
    counts = model._default_manager.filter(admitted_at__lt=end_at).aggregate(
        incubated=Count("id"),
        successful=Count("id", filter=Q(outcome__in=success, outcome_recorded_at__lt=end_at)),
        successful_in_period=Count(
            "id",
            filter=Q(outcome__in=success, outcome_recorded_at__gte=start_at, outcome_recorded_at__lt=end_at),
        ),
        entered_market=Count("id", filter=Q(outcome=success[0], outcome_recorded_at__lt=end_at)),
    )
    return ratio(
        counts["successful"],
        counts["incubated"],
        {
            "successful_in_period": counts["successful_in_period"],
            "entered_market": counts["entered_market"],
            "raised_financing": counts["successful"] - counts["entered_market"],
        },
    )


def _money(value) -> str:
    return str((value or Decimal("0")).quantize(Decimal("0.01")))


def ip_protection(start_at: dt.datetime, end_at: dt.datetime) -> Measurement:
    """Disputes concluded as resolved or settled by the period's end ÷ disputes concluded; plus losses recovered."""
    model = source_model(DISPUTE_MODEL)
    if model is None:
        return Measurement.no_source(DISPUTE_MODEL)
    resolved = tuple(getattr(model, "RESOLVED_OUTCOMES", DISPUTE_RESOLVED))
    concluded = model._default_manager.filter(state="closed", closed_at__lt=end_at).exclude(outcome="")
    in_period = Q(closed_at__gte=start_at)
    counts = concluded.aggregate(
        handled=Count("id"),
        resolved=Count("id", filter=Q(outcome__in=resolved)),
        handled_in_period=Count("id", filter=in_period),
        resolved_in_period=Count("id", filter=in_period & Q(outcome__in=resolved)),
        recovered=Sum("amount_recovered"),
        recovered_in_period=Sum("amount_recovered", filter=in_period),
        claimed=Sum("amount_claimed"),
    )
    details = {
        "handled_in_period": counts["handled_in_period"],
        "resolved_in_period": counts["resolved_in_period"],
        "amount_recovered": _money(counts.get("recovered")),
        "amount_recovered_in_period": _money(counts.get("recovered_in_period")),
        "amount_claimed": _money(counts.get("claimed")),
    }
    return ratio(counts["resolved"], counts["handled"], details)
