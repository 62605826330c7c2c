"""Achievement conversion rate (000 §7.1.2.1) from the achievement workflow's transition log."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from platform_core.workflow.models import TransitionLog

from ..sources import source_model
from .result import Measurement, ratio

ACHIEVEMENT_MODEL = "achievements.Achievement"
ACHIEVEMENT_WORKFLOW = "achievement"
ACCEPTED = "accepted"  # 受理: the achievement entered the platform's service
CONVERTED = "converted"  # 成功转化


def conversion_rate(start_at: dt.datetime, end_at: dt.datetime) -> Measurement:
    """Achievements converted by the period's end ÷ achievements accepted by then (one query)."""
    if source_model(ACHIEVEMENT_MODEL) is None:
        return Measurement.no_source(ACHIEVEMENT_MODEL)
    counts = TransitionLog.objects.filter(
        workflow=ACHIEVEMENT_WORKFLOW, to_state__in=(ACCEPTED, CONVERTED), created_at__lt=end_at
    ).aggregate(
        accepted=Count("object_id", distinct=True, filter=Q(to_state=ACCEPTED)),
        converted=Count("object_id", distinct=True, filter=Q(to_state=CONVERTED)),
        converted_in_period=Count(
            "object_id", distinct=True, filter=Q(to_state=CONVERTED, created_at__gte=start_at)
        ),
        accepted_in_period=Count(
            "object_id", distinct=True, filter=Q(to_state=ACCEPTED, created_at__gte=start_at)
        ),
    )
    return ratio(
        counts["converted"],
        counts["accepted"],
        {
            "converted_in_period": counts["converted_in_period"],
            "accepted_in_period": counts["accepted_in_period"],
        },
    )
