"""Fixtures of the quality_metrics app: transition-log rows written exactly as the engine writes them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from platform_core import workdays
from platform_core.workflow.models import TransitionLog


def at(text: str) -> dt.datetime:
    """``"2025-03-03 09:00"`` → an aware datetime in Asia/Shanghai."""
    return timezone.make_aware(dt.datetime.fromisoformat(text))


@pytest.fixture
def write_log(db):
    """``write_log(model, pk, workflow, [(action, from, to, "2025-03-03 09:00"), ...])``.

    Each row's ``working_days`` is the working days since the record's previous row, as the engine does.
    """

    def write(model, object_id: int, workflow: str, steps, actor=None) -> list[TransitionLog]:
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        rows = []
        previous = (
            TransitionLog.objects.filter(content_type=content_type, object_id=object_id)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        for action, source, target, when in steps:
            created = at(when)
            rows.append(
                TransitionLog.objects.create(
                    content_type=content_type,
                    object_id=object_id,
                    workflow=workflow,
                    action=action,
                    from_state=source,
                    to_state=target,
                    actor=actor,
                    created_at=created,
                    working_days=(
                        workdays.working_days_between(
                            workdays.local_date(previous), workdays.local_date(created)
                        )
                        if previous
                        else None
                    ),
                )
            )
            previous = created
        return rows

    return write


@pytest.fixture
def complaint_for(users):
    """``complaint_for("holder", state="resolved")`` → a complaint moved along the real workflow."""
    from quality_metrics.services import complaints as svc

    def make(role: str | None = "holder", *, state: str = "submitted", subject: str = "答复太慢"):
        user = users[role] if role else None
        complaint = svc.complaint_file(
            actor=user,
            name="" if user else "路人",
            email="" if user else "walker@example.com",
            subject=subject,
            description="咨询一周未答复",
        )
        staff = users["staff"]
        steps = {
            "submitted": [],
            "acknowledged": ["acknowledge"],
            "investigating": ["acknowledge", "investigate"],
            "resolved": ["acknowledge", "investigate", "resolve"],
        }[state]
        for step in steps:
            if step == "resolve":
                svc.complaint_record_investigation(
                    complaint_id=complaint.pk, actor=staff, investigation="属实"
                )
            complaint = svc.complaint_act(
                complaint_id=complaint.pk, action=step, actor=staff, reason="已处理"
            )
        return complaint

    return make
