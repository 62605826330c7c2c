"""Improvement actions: from an indicator below its band, the workflow, escalation once, verification by re-measuring."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps

from platform_core.errors import PermissionDeniedError
from platform_core.notifications.models import Notification
from quality_metrics import periods
from quality_metrics.models import ImprovementAction
from quality_metrics.services import improvements as svc
from quality_metrics.services.snapshots import snapshots_compute


@pytest.fixture
def low_conversion(write_log):
    """Q1 2025: 1 of 4 accepted achievements converted → 25% (需改进)."""
    model = apps.get_model("achievements", "Achievement")
    for pk in (1, 2, 3, 4):
        write_log(model, pk, "achievement", [("accept", "submitted", "accepted", "2025-02-03 10:00")])
    write_log(model, 1, "achievement", [("convert", "agreement_signed", "converted", "2025-03-03 10:00")])
    return model


def test_an_indicator_below_its_band_opens_one_action_per_period(low_conversion, users):
    period = periods.Period("quarter", dt.date(2025, 1, 1))
    snapshots_compute(period=period)
    created = svc.actions_from_snapshots(period=period)
    assert [(a.indicator, a.baseline_value) for a in created] == [("conversion_rate", 25.0)]
    action = created[0]
    assert "需改进" in action.problem and "25.0%" in action.problem
    assert action.measures.startswith("a) 加强科技成果筛选机制")
    assert svc.actions_from_snapshots(period=period) == []
    assert ImprovementAction.objects.count() == 1


def test_workflow_and_verification_by_re_measuring(low_conversion, write_log, users):
    staff, owner = users["staff"], users["other_holder"]
    action = svc.action_create(
        actor=staff,
        title="提升成果转化率",
        source="indicator",
        indicator="conversion_rate",
        period=periods.containing("quarter"),
        problem="转化率低",
        owner=owner,
        deadline_days=10,
    )
    with pytest.raises(PermissionDeniedError):
        svc.action_act(action_id=action.pk, action="start", actor=users["holder"])
    svc.action_act(action_id=action.pk, action="start", actor=owner)
    svc.action_act(action_id=action.pk, action="complete", actor=owner, reason="建立成果筛选机制")
    # re-measured now: still 25% (the conversions are cumulative) → sent back with the value
    action = svc.action_verify(action_id=action.pk, actor=staff)
    assert action.state == "in_progress"
    assert action.verification_value == 25.0 and "需改进" in action.verification_note
    # two more conversions: 3 of 4 = 75% (良好) → verified
    for pk in (2, 3):
        write_log(
            low_conversion,
            pk,
            "achievement",
            [("convert", "agreement_signed", "converted", "2025-03-05 10:00")],
        )
    svc.action_act(action_id=action.pk, action="complete", actor=owner, reason="加强对接")
    action = svc.action_verify(action_id=action.pk, actor=staff, note="复测")
    assert (action.state, action.verification_value, action.verification_band) == ("verified", 75.0, "good")


def test_an_overdue_action_is_escalated_once_not_once_per_run(users):
    action = svc.action_create(
        actor=users["staff"],
        title="整改",
        source="other",
        problem="问题",
        owner=users["staff"],
        deadline_days=5,
    )
    ImprovementAction.objects.filter(pk=action.pk).update(due_date=dt.date(2020, 1, 1))
    action.refresh_from_db()
    assert action.is_overdue
    assert svc.actions_escalate_overdue() == 1
    assert svc.actions_escalate_overdue() == 0
    assert svc.actions_escalate_overdue() == 0
    notes = Notification.objects.filter(recipient=users["admin"], title__contains=action.code)
    assert notes.count() == 1
    action.refresh_from_db()
    assert action.escalated_at is not None


def test_a_non_indicator_action_needs_a_verification_note(users):
    from platform_core.errors import ValidationFailed

    staff = users["staff"]
    action = svc.action_create(
        actor=staff, title="t", source="audit", problem="p", owner=staff, deadline_days=3
    )
    svc.action_act(action_id=action.pk, action="start", actor=staff)
    svc.action_act(action_id=action.pk, action="complete", actor=staff, reason="done")
    with pytest.raises(ValidationFailed):
        svc.action_verify(action_id=action.pk, actor=staff)
    action = svc.action_verify(action_id=action.pk, actor=staff, note="抽查 5 份记录均已整改")
    assert action.state == "verified" and action.verification_note == "抽查 5 份记录均已整改"
