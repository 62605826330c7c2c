"""Complaints: filing by anyone, working-day clocks, the complainant's confirmation or reopening, escalation once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from platform_core.errors import PermissionDeniedError, ValidationFailed
from platform_core.notifications.models import Notification
from platform_core.workdays import add_working_days
from quality_metrics.models import Complaint
from quality_metrics.services import complaints as svc


def test_anyone_files_a_complaint_with_working_day_clocks(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = svc.complaint_file(
            actor=None,
            name="路人甲",
            email="jia@example.com",
            subject="答复太慢",
            description="咨询一周未答复",
        )
    assert complaint.code.startswith("TS-") and complaint.state == "submitted"
    assert complaint.acknowledge_due == add_working_days(complaint.received_on, 1)
    assert complaint.resolve_due == add_working_days(complaint.received_on, 10)
    assert (
        mail.outbox
        and complaint.code in mail.outbox[0].subject
        and complaint.track_token in mail.outbox[0].body
    )


def test_an_anonymous_complaint_needs_a_contact(db):
    with pytest.raises(ValidationFailed):
        svc.complaint_file(actor=None, name="匿名", subject="s", description="d")
    assert not Complaint.objects.exists()


def test_full_cycle_with_reopening(users):
    holder, staff = users["holder"], users["staff"]
    complaint = svc.complaint_file(actor=holder, name="", subject="评估报告有误", description="技术参数写错")
    assert complaint.complainant == holder and complaint.email == holder.email
    svc.complaint_act(complaint_id=complaint.pk, action="acknowledge", actor=staff)
    svc.complaint_act(complaint_id=complaint.pk, action="investigate", actor=staff)
    with pytest.raises(Exception, match="调查情况"):
        svc.complaint_act(complaint_id=complaint.pk, action="resolve", actor=staff, reason="已更正")
    svc.complaint_record_investigation(complaint_id=complaint.pk, actor=staff, investigation="报告录入错误")
    svc.complaint_act(complaint_id=complaint.pk, action="resolve", actor=staff, reason="已更正并重新出具报告")
    # another holder may not answer for the complainant
    with pytest.raises(PermissionDeniedError):
        svc.complaint_act(complaint_id=complaint.pk, action="confirm", actor=users["other_holder"])
    complaint = svc.complaint_act(complaint_id=complaint.pk, action="reopen", actor=holder, reason="仍有错误")
    assert complaint.state == "reopened" and complaint.resolved_at is None
    svc.complaint_act(complaint_id=complaint.pk, action="investigate", actor=staff)
    svc.complaint_act(complaint_id=complaint.pk, action="resolve", actor=staff, reason="全部更正")
    complaint = svc.complaint_act(complaint_id=complaint.pk, action="confirm", actor=holder)
    assert (complaint.state, complaint.handler) == ("closed", staff)
    assert complaint.confirmed_at and complaint.closed_at


def test_a_late_complaint_is_escalated_once(users):
    complaint = svc.complaint_file(actor=users["holder"], name="", subject="迟迟未受理", description="…")
    Complaint.objects.filter(pk=complaint.pk).update(acknowledge_due=dt.date(2020, 1, 2))
    admin_notes = Notification.objects.filter(recipient=users["admin"])
    assert svc.complaints_escalate_late() == 1
    assert svc.complaints_escalate_late() == 0
    assert admin_notes.count() == 1
    assert "受理时限" in admin_notes.get().title
    complaint.refresh_from_db()
    assert complaint.escalated_at is not None


def test_a_complaint_opens_an_improvement_action(users):
    complaint = svc.complaint_file(actor=users["holder"], name="", subject="流程繁琐", description="…")
    action = svc.complaint_open_action(
        complaint_id=complaint.pk,
        actor=users["staff"],
        title="简化形式审查材料",
        problem="材料清单重复",
        measures="合并材料清单",
        owner=users["staff"],
        deadline_days=15,
    )
    assert (action.source, action.complaint, action.source_reference) == (
        "complaint",
        complaint,
        complaint.code,
    )
