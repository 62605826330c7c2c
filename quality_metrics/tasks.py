"""Celery tasks (thin, idempotent; schedules are django-celery-beat rows staff can edit in the admin)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.utils import timezone

from . import periods
from .services.cases import cases_refresh
from .services.snapshots import snapshots_compute

RETRY = {"acks_late": True, "autoretry_for": (OperationalError,), "retry_backoff": True, "max_retries": 3}


def _day(day: str | None) -> dt.date:
    return dt.date.fromisoformat(day) if day else timezone.localdate()


@shared_task(**RETRY)
def metric_snapshots_compute(*, period_key: str) -> int:
    """Compute the seven indicators of one period (``quarter:2025-04-01``); running it twice changes nothing."""
    return len(snapshots_compute(period=periods.parse(period_key)))


@shared_task(**RETRY)
def metric_snapshots_daily(*, day: str | None = None) -> int:
    """Daily: the current month, quarter, half-year and year, and the previous ones (late records)."""
    today = _day(day)
    count = 0
    cases_refresh()
    for period in periods.current_periods(today):
        for p in (period, period.previous()):
            count += len(snapshots_compute(period=p, refresh_cases=False))
    return count


@shared_task(**RETRY)
def metric_snapshots_period_close(*, day: str | None = None) -> int:
    """On the first day of a period: finalise the periods that just closed, and open an improvement action for
    every indicator that ended in its lowest band."""
    from .services.improvements import actions_from_snapshots

    today = _day(day)
    count = 0
    for period in periods.closed_on(today):
        count += len(snapshots_compute(period=period))
        actions_from_snapshots(period=period)
    return count


@shared_task(**RETRY)
def service_cases_scan() -> int:
    """Read the new transition-log rows, update the service cases, survey the users of newly closed cases."""
    from .services.surveys import case_surveys_send

    result = cases_refresh()
    return case_surveys_send(case_ids=result.newly_completed) if result.newly_completed else 0


@shared_task(**RETRY)
def survey_campaign_scheduled(*, kind: str, day: str | None = None) -> int | None:
    """The quarterly or half-yearly survey about the period that just ended (never sent twice)."""
    from .services.surveys import campaign_scheduled

    campaign = campaign_scheduled(kind=kind, today=_day(day))
    return campaign.pk if campaign else None


@shared_task(**RETRY)
def survey_campaign_send(*, campaign_id: int) -> int:
    from .models import SurveyCampaign
    from .services.surveys import campaign_send

    if not SurveyCampaign.objects.filter(pk=campaign_id).exists():
        return 0
    return campaign_send(campaign_id=campaign_id)


@shared_task(**RETRY)
def survey_reminders() -> int:
    from .services.surveys import reminders_send

    return reminders_send()


@shared_task(**RETRY)
def complaints_escalation() -> int:
    from .services.complaints import complaints_escalate_late

    return complaints_escalate_late()


@shared_task(**RETRY)
def improvement_actions_escalation() -> int:
    from .services.improvements import actions_escalate_overdue

    return actions_escalate_overdue()


@shared_task(**RETRY)
def platform_evaluation_report(*, evaluation_id: int, actor_id: int | None = None) -> str:
    from .models import PlatformEvaluation
    from .services.platform_evaluation import evaluation_render_and_archive

    if not PlatformEvaluation.objects.filter(pk=evaluation_id).exists():
        return ""
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return evaluation_render_and_archive(evaluation_id=evaluation_id, actor=actor).archive_code
