"""Conformity audits: sampling closed cases, the checklist, findings, and the conformity indicator."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps

from platform_core.errors import InvalidTransition, ValidationFailed
from quality_metrics import measures, periods
from quality_metrics.checklists import checklist_for
from quality_metrics.services import audits as svc
from quality_metrics.services.cases import cases_refresh


@pytest.fixture
def closed_reviews(write_log):
    model = apps.get_model("achievements", "Achievement")
    for pk in range(1, 6):
        write_log(
            model,
            pk,
            "achievement",
            [
                ("submit", "draft", "submitted", "2025-03-03 10:00"),
                ("accept", "submitted", "accepted", "2025-03-05 10:00"),
            ],
        )
    cases_refresh()


def test_audit_sample_check_complete_and_conformity(closed_reviews, users):
    staff = users["staff"]
    audit = svc.audit_create(
        actor=staff,
        title="2025 年一季度形式审查规范性审核",
        service_type="formal_review",
        sample_from=dt.date(2025, 3, 1),
        sample_to=dt.date(2025, 3, 31),
        sample_size=4,
        auditor=staff,
    )
    items = svc.audit_sample(audit_id=audit.pk, actor=staff)
    assert len(items) == 4 and len({i.object_id for i in items}) == 4
    assert svc.audit_sample(audit_id=audit.pk, actor=staff) == []
    with pytest.raises(ValidationFailed):
        svc.audit_item_check(item_id=items[0].pk, actor=staff, answers={})
    svc.audit_act(audit_id=audit.pk, action="start", actor=staff)
    codes = [c for c, _ in checklist_for("formal_review")]
    for item in items[:3]:
        svc.audit_item_check(item_id=item.pk, actor=staff, answers=dict.fromkeys(codes, True))
    failing = dict.fromkeys(codes, True) | {"reasons_itemised": False}
    with pytest.raises(ValidationFailed):
        svc.audit_item_check(item_id=items[3].pk, actor=staff, answers=failing)
    with pytest.raises(InvalidTransition):
        svc.audit_act(audit_id=audit.pk, action="complete", actor=staff)
    item = svc.audit_item_check(
        item_id=items[3].pk, actor=staff, answers=failing, finding="退回理由未逐项列出"
    )
    assert item.conforming is False
    audit = svc.audit_act(audit_id=audit.pk, action="complete", actor=staff, summary="总体规范")
    period = periods.containing("quarter")
    result = measures.conformity(period.start_at, period.end_at)
    assert (result.numerator, result.denominator, result.value) == (3, 4, 75.0)
    action = svc.audit_item_open_action(
        item_id=item.pk, actor=staff, title="规范退回理由", measures="培训", owner=staff, deadline_days=5
    )
    assert action.source == "audit" and "退回理由未逐项列出" in action.problem
