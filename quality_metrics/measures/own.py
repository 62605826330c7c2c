"""The indicators fed by this app's own records: user satisfaction and service conformity."""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, Q, Sum

from ..sources import source_model
from .result import NO_DATA, Measurement, ratio


def satisfaction(start_at: dt.datetime, end_at: dt.datetime) -> Measurement:
    """Mean score (0–100) of the survey responses submitted in the period."""
    model = source_model("quality_metrics.SurveyResponse")
    if model is None:
        return Measurement.no_source("quality_metrics.SurveyResponse")
    rows = model._default_manager.filter(
        submitted_at__gte=start_at, submitted_at__lt=end_at, score__isnull=False
    )
    agg = rows.aggregate(n=Count("id"), total=Sum("score"), mean=Avg("score"))
    by_kind = list(
        rows.values("invitation__campaign__kind").annotate(n=Count("id"), mean=Avg("score")).order_by()
    )
    details = {
        "by_campaign_kind": [
            {"kind": r["invitation__campaign__kind"], "responses": r["n"], "mean": r["mean"]} for r in by_kind
        ]
    }
    if not agg["n"]:
        return Measurement(None, 0, 0, details, NO_DATA)
    return Measurement(float(agg["total"]) / agg["n"], float(agg["total"]), agg["n"], details)


def conformity(start_at: dt.datetime, end_at: dt.datetime) -> Measurement:
    """Sampled service records found conforming ÷ records audited, in audits completed in the period."""
    model = source_model("quality_metrics.AuditItem")
    if model is None:
        return Measurement.no_source("quality_metrics.AuditItem")
    agg = model._default_manager.filter(
        audit__completed_at__gte=start_at, audit__completed_at__lt=end_at, conforming__isnull=False
    ).aggregate(audited=Count("id"), conforming=Count("id", filter=Q(conforming=True)))
    return ratio(agg["conforming"], agg["audited"])
