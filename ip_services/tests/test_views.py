from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from ip_services import services
from ip_services.models import (
    DisclaimerAcknowledgement,
    Dispute,
    InfringementAlert,
    IpAsset,
    IpServiceRequest,
)

from .conftest import pdf_file

pytestmark = pytest.mark.django_db


def make_request(user, title="专利检索"):
    services.disclaimer_acknowledge(user=user)
    return services.request_create(
        requester=user, service_type="search_analysis", title=title, description="检索分析"
    )


def make_dispute(staff, owner, title="某侵权诉讼"):
    return services.dispute_open(
        actor=staff, owner=owner, title=title, kind="litigation", summary="事实", amount_claimed=100000
    )


def test_first_request_goes_through_the_disclaimer(client_for, users):
    client = client_for("holder")
    response = client.get(reverse("ip_services:request_create"))
    assert response.status_code == 302
    assert reverse("ip_services:disclaimer") in response["Location"]
    page = client.get(reverse("ip_services:disclaimer")).content.decode()
    assert "平台不承担专利侵权连带责任" in page
    client.post(reverse("ip_services:disclaimer"), {"next": reverse("ip_services:request_create")})
    assert not DisclaimerAcknowledgement.objects.exists()  # the box was not ticked
    response = client.post(
        reverse("ip_services:disclaimer"), {"agree": "1", "next": reverse("ip_services:request_create")}
    )
    assert response.status_code == 302
    ack = DisclaimerAcknowledgement.objects.get(user=users["holder"])
    assert ack.acknowledged_at is not None
    assert client.get(reverse("ip_services:request_create")).status_code == 200


def test_search_request_journey_through_the_pages(client_for, users):
    holder, staff = client_for("holder"), client_for("staff")
    services.disclaimer_acknowledge(user=users["holder"])
    response = holder.post(
        reverse("ip_services:request_create"),
        {"service_type": "search_analysis", "title": "肝纤维化复方专利检索", "description": "评估新颖性"},
    )
    item = IpServiceRequest.objects.get()
    assert response.status_code == 302
    staff.post(reverse("ip_services:request_assign", args=[item.pk]), {"assignee": users["staff"].pk})
    staff.post(reverse("ip_services:request_transition", args=[item.pk]), {"action": "start"})
    staff.post(
        reverse("ip_services:request_deliver", args=[item.pk]),
        {"report": pdf_file(), "summary": "具备新颖性和创造性"},
    )
    item.refresh_from_db()
    assert item.state == IpServiceRequest.State.DELIVERED
    page = holder.get(item.get_absolute_url()).content.decode()
    assert "具备新颖性和创造性" in page
    assert "检索报告.pdf" in page
    holder.post(reverse("ip_services:request_transition", args=[item.pk]), {"action": "accept"})
    item.refresh_from_db()
    assert item.state == IpServiceRequest.State.ACCEPTED
    page = holder.get(item.get_absolute_url()).content.decode()
    assert "0 个工作日" in page  # delivered the same day it was received


@pytest.mark.parametrize(
    ("role", "status"),
    [("holder", 200), ("other_holder", 404), ("enterprise", 404), ("staff", 200), ("investor", 404)],
)
def test_ip_request_visibility(client_for, users, role, status):
    item = make_request(users["holder"])
    assert client_for(role).get(item.get_absolute_url()).status_code == status


@pytest.mark.parametrize(
    ("role", "status"), [("holder", 200), ("other_holder", 404), ("enterprise", 404), ("staff", 200)]
)
def test_dispute_visibility(client_for, users, role, status):
    dispute = make_dispute(users["staff"], users["holder"])
    assert client_for(role).get(dispute.get_absolute_url()).status_code == status


@pytest.mark.parametrize(
    ("role", "status"), [("holder", 200), ("other_holder", 404), ("enterprise", 404), ("staff", 200)]
)
def test_private_asset_visibility(client_for, patent, role, status):
    assert client_for(role).get(patent.get_absolute_url()).status_code == status


def test_public_asset_is_visible_but_not_editable(client_for, patent):
    IpAsset.objects.filter(pk=patent.pk).update(is_public=True)
    other = client_for("other_holder")
    page = other.get(patent.get_absolute_url()).content.decode()
    assert patent.title in page
    assert "deadline-table" not in page
    assert other.get(reverse("ip_services:asset_edit", args=[patent.pk])).status_code == 403


def test_lists_show_only_own_records(client_for, users):
    mine = make_request(users["holder"], "我的检索")
    theirs = make_request(users["other_holder"], "他人的检索")
    page = client_for("holder").get(reverse("ip_services:request_list")).content.decode()
    assert mine.title in page and theirs.title not in page
    make_dispute(users["staff"], users["other_holder"], "他人的纠纷")
    page = client_for("holder").get(reverse("ip_services:dispute_list")).content.decode()
    assert "他人的纠纷" not in page


def test_another_holder_cannot_act_on_a_request(client_for, users):
    item = make_request(users["holder"])
    response = client_for("other_holder").post(
        reverse("ip_services:request_transition", args=[item.pk]), {"action": "cancel"}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.state == IpServiceRequest.State.INTAKE


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["权利人账号", "标题", "发现日期", "涉嫌侵权方", "链接", "描述", "严重程度", "知识产权号"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("alerts.xlsx", buffer.getvalue())


def test_import_is_all_or_nothing_with_a_row_report(client_for, users):
    staff = client_for("staff")
    bad = _xlsx(
        [
            ["holder", "电商平台仿冒", dt.date(2025, 3, 1), "某公司", "", "", "高", ""],
            ["nobody", "展会疑似侵权", "2025-03-02", "", "", "", "中", ""],
            ["holder", "", "not a date", "", "", "", "极高", ""],
        ]
    )
    page = staff.post(reverse("ip_services:alert_import"), {"file": bad}).content.decode()
    assert not InfringementAlert.objects.exists()
    assert "nobody" in page
    assert 'data-testid="import-report"' in page
    good = _xlsx(
        [
            ["holder", "电商平台仿冒", dt.date(2025, 3, 1), "某公司", "https://example.com/1", "", "高", ""],
            ["other_holder", "展会疑似侵权", "2025-03-02", "", "", "", "低", ""],
        ]
    )
    staff.post(reverse("ip_services:alert_import"), {"file": good})
    assert InfringementAlert.objects.count() == 2
    assert set(InfringementAlert.objects.values_list("source", flat=True)) == {"import"}
    assert InfringementAlert.objects.get(title="电商平台仿冒").severity == "high"


def test_holder_cannot_import(client_for):
    assert client_for("holder").get(reverse("ip_services:alert_import")).status_code == 403


def test_dispute_closed_with_outcome_and_amounts(client_for, users):
    dispute = make_dispute(users["staff"], users["holder"])
    staff = client_for("staff")
    staff.post(reverse("ip_services:dispute_transition", args=[dispute.pk]), {"action": "start"})
    staff.post(
        reverse("ip_services:dispute_close", args=[dispute.pk]),
        {"outcome": "settled", "amount_recovered": "60000", "note": "调解结案"},
    )
    dispute.refresh_from_db()
    assert dispute.state == Dispute.State.CLOSED
    assert dispute.outcome == "settled"
    assert dispute.amount_recovered == 60000
    assert dispute.closed_at is not None
    # The holder cannot reopen it.
    client_for("holder").post(
        reverse("ip_services:dispute_transition", args=[dispute.pk]), {"action": "reopen", "reason": "x"}
    )
    dispute.refresh_from_db()
    assert dispute.state == Dispute.State.CLOSED


def test_pages_render(client_for, users, patent):
    make_request(users["holder"])
    make_dispute(users["staff"], users["holder"])
    for role in ("staff", "holder"):
        client = client_for(role)
        for name in [
            "ip_services:asset_list",
            "ip_services:asset_create",
            "ip_services:deadline_list",
            "ip_services:request_list",
            "ip_services:watch_list",
            "ip_services:alert_list",
            "ip_services:dispute_list",
            "ip_services:dispute_create",
        ]:
            assert client.get(reverse(name)).status_code == 200, (role, name)
    staff = client_for("staff")
    for name in ["ip_services:alert_create", "ip_services:alert_import", "ip_services:alert_template"]:
        assert staff.get(reverse(name)).status_code == 200, name
    assert client_for("holder").get(patent.get_absolute_url()).status_code == 200


def _bulk(users, count):
    services.disclaimer_acknowledge(user=users["holder"])
    soon = dt.date.today().replace(year=dt.date.today().year - 10) + dt.timedelta(days=40)
    for i in range(count):
        services.request_create(
            requester=users["holder"], service_type="valuation", title=f"评估{i}", description="x"
        )
        make_dispute(users["staff"], users["holder"], f"纠纷{i}")
        services.alert_create(
            actor=users["staff"], owner=users["holder"], title=f"告警{i}", detected_on=dt.date(2025, 1, 1)
        )
        services.asset_create(
            actor=users["holder"],
            kind="trademark",
            title=f"商标{i}",
            grant_date=soon,
            status="granted",
            owners="x",
        )


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm per-process caches (content types, calendar)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "name",
    [
        "ip_services:request_list",
        "ip_services:dispute_list",
        "ip_services:alert_list",
        "ip_services:asset_list",
        "ip_services:deadline_list",
        "ip_services:watch_list",
    ],
)
def test_list_query_count_does_not_grow(client_for, users, name):
    """The same number of queries for 1 row and for 20 rows."""
    url = reverse(name)
    _bulk(users, 1)
    services.watch_create(actor=users["holder"], title="关键词监测0", keywords="肝纤维化")
    one = {role: _queries(client_for(role), url) for role in ("staff", "holder")}
    _bulk(users, 19)
    for i in range(19):
        services.watch_create(actor=users["holder"], title=f"关键词监测{i + 1}", keywords="肝纤维化")
    twenty = {role: _queries(client_for(role), url) for role in ("staff", "holder")}
    assert one == twenty
    assert max(twenty.values()) <= 12
