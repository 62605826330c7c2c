from __future__ import annotations

import datetime as dt

import pytest

from ip_services import services
from ip_services.models import DisclaimerAcknowledgement, IpServiceRequest
from ip_services.selectors import request_clocks
from platform_core import workdays
from platform_core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import history
from platform_core.workflow.models import TransitionLog

from .conftest import pdf_file

pytestmark = pytest.mark.django_db
S = IpServiceRequest.State


def ask(user, **kw):
    return services.request_create(
        requester=user,
        service_type=kw.pop("service_type", IpServiceRequest.ServiceType.SEARCH_ANALYSIS),
        title=kw.pop("title", "肝纤维化复方专利检索"),
        description="评估新颖性、创造性和可专利性",
        **kw,
    )


def test_disclaimer_must_be_acknowledged_before_the_first_request(users):
    with pytest.raises(ValidationFailed) as exc:
        ask(users["holder"])
    assert exc.value.code == "disclaimer_required"
    assert not IpServiceRequest.objects.exists()
    ack = services.disclaimer_acknowledge(user=users["holder"], ip_address="10.0.0.1")
    assert "平台不承担专利侵权连带责任" in ack.text
    assert ack.acknowledged_at is not None
    assert services.disclaimer_acknowledge(user=users["holder"]).pk == ack.pk
    assert DisclaimerAcknowledgement.objects.count() == 1
    assert ask(users["holder"]).state == S.INTAKE


def test_search_delivered_and_accepted_with_a_working_day_clock(users, acknowledged):
    holder, staff = users["holder"], users["staff"]
    request = ask(holder)
    services.request_assign(request_id=request.pk, actor=staff, assignee_id=staff.pk)
    services.request_transition(request_id=request.pk, action="start", actor=staff)
    with pytest.raises(ValidationFailed):
        services.request_deliver(request_id=request.pk, actor=staff, report=None, summary="见报告")
    services.request_deliver(request_id=request.pk, actor=staff, report=pdf_file(), summary="具备新颖性")
    request.refresh_from_db()
    assert request.state == S.DELIVERED
    assert request.delivered_at is not None
    # The holder sends it back once, then accepts the second delivery.
    services.request_transition(
        request_id=request.pk, action="send_back", actor=holder, reason="请补充对比文件"
    )
    services.request_deliver(
        request_id=request.pk, actor=staff, report=pdf_file("补充报告.pdf"), summary="已补充"
    )
    services.request_transition(request_id=request.pk, action="accept", actor=holder)
    request.refresh_from_db()
    assert request.state == S.ACCEPTED
    assert [log.action for log in history(request)] == [
        "create",
        "assign",
        "start",
        "deliver",
        "send_back",
        "deliver",
        "accept",
    ]
    # Pretend the request came in 8 calendar days before its final delivery.
    logs = TransitionLog.objects.filter(object_id=request.pk, workflow="ip_service_request")
    start = dt.datetime(2025, 3, 3, 10, tzinfo=dt.UTC)  # a Monday
    logs.filter(action="create").update(created_at=start)
    logs.filter(action="deliver").update(created_at=start + dt.timedelta(days=8))
    clock = request_clocks([request])[request.pk]
    assert clock.finished
    assert clock.working_days == workdays.working_days_between(dt.date(2025, 3, 3), dt.date(2025, 3, 11)) == 6


def test_only_the_requester_accepts(users, acknowledged):
    request = ask(users["holder"])
    services.request_assign(request_id=request.pk, actor=users["staff"], assignee_id=users["staff"].pk)
    services.request_transition(request_id=request.pk, action="start", actor=users["staff"])
    services.request_deliver(request_id=request.pk, actor=users["staff"], report=pdf_file(), summary="完成")
    with pytest.raises(PermissionDeniedError):
        services.request_transition(request_id=request.pk, action="accept", actor=users["staff"])
    with pytest.raises(PermissionDeniedError):
        services.request_transition(request_id=request.pk, action="accept", actor=users["other_holder"])
    request.refresh_from_db()
    assert request.state == S.DELIVERED


def test_deliver_needs_work_started(users, acknowledged):
    request = ask(users["holder"])
    with pytest.raises(InvalidTransition):
        services.request_deliver(request_id=request.pk, actor=users["staff"], report=pdf_file(), summary="x")
    assert IpServiceRequest.objects.get().state == S.INTAKE


def test_generic_transition_refuses_payload_actions(users, acknowledged):
    request = ask(users["holder"])
    with pytest.raises(ValidationFailed):
        services.request_transition(request_id=request.pk, action="assign", actor=users["staff"])


def test_evaluator_cannot_request(users):
    services.disclaimer_acknowledge(user=users["evaluator"])
    with pytest.raises(PermissionDeniedError):
        ask(users["evaluator"])
