from __future__ import annotations

import pytest

from ip_services import services
from ip_services.models import Dispute, IpServiceRequest

from .conftest import pdf_file

pytestmark = pytest.mark.django_db
BASE = "/api/v1/ip"


def test_request_flow_through_the_api(api_for, users):
    holder, staff = api_for("holder"), api_for("staff")
    payload = {"service_type": "search_analysis", "title": "专利检索", "description": "新颖性"}
    refused = holder.post(f"{BASE}/requests/", payload, format="json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "disclaimer_required"
    disclaimer = holder.get(f"{BASE}/disclaimer/").json()
    assert "平台不承担专利侵权连带责任" in disclaimer["text"]
    assert disclaimer["acknowledged_at"] is None
    assert holder.post(f"{BASE}/disclaimer/").json()["acknowledged_at"] is not None
    created = holder.post(f"{BASE}/requests/", payload, format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    assert api_for("other_holder").get(f"{BASE}/requests/{pk}/").status_code == 404
    assert (
        staff.post(
            f"{BASE}/requests/{pk}/assign/", {"assignee": users["staff"].pk}, format="json"
        ).status_code
        == 200
    )
    assert (
        staff.post(f"{BASE}/requests/{pk}/transition/", {"action": "start"}, format="json").status_code == 200
    )
    delivered = staff.post(
        f"{BASE}/requests/{pk}/deliver/", {"report": pdf_file(), "summary": "可专利"}, format="multipart"
    )
    assert delivered.status_code == 200, delivered.content
    assert delivered.json()["state"] == "delivered"
    assert delivered.json()["working_days"] == 0
    assert delivered.json()["clock_finished"] is True
    accepted = holder.post(f"{BASE}/requests/{pk}/transition/", {"action": "accept"}, format="json")
    assert accepted.status_code == 200
    assert IpServiceRequest.objects.get(pk=pk).state == "accepted"


def test_asset_api_computes_deadlines_and_hides_others(api_for, users):
    response = api_for("holder").post(
        f"{BASE}/assets/",
        {
            "kind": "invention",
            "title": "一种中药组合物",
            "filing_date": "2018-03-15",
            "grant_date": "2021-06-01",
            "status": "granted",
            "owners": "某医院",
            "claims_summary": "权利要求 1：……",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["expiry_date"] == "2038-03-14"
    deadlines = api_for("holder").get(f"{BASE}/assets/{pk}/deadlines/").json()
    assert deadlines and all(d["kind"] == "annuity" for d in deadlines)
    assert api_for("other_holder").get(f"{BASE}/assets/{pk}/").status_code == 404
    assert api_for("other_holder").get(f"{BASE}/assets/").json()["count"] == 0
    bad = api_for("holder").post(
        f"{BASE}/assets/", {"kind": "nonsense", "title": "x", "owners": "y"}, format="json"
    )
    assert bad.status_code == 400


@pytest.mark.parametrize(
    ("role", "status"), [("holder", 200), ("other_holder", 404), ("enterprise", 404), ("staff", 200)]
)
def test_dispute_api_visibility(api_for, users, role, status):
    dispute = services.dispute_open(
        actor=users["staff"], owner=users["holder"], title="诉讼", kind="litigation", summary="x"
    )
    assert api_for(role).get(f"{BASE}/disputes/{dispute.pk}/").status_code == status


def test_dispute_close_through_the_api(api_for, users):
    staff = api_for("staff")
    created = staff.post(
        f"{BASE}/disputes/",
        {
            "owner": users["holder"].pk,
            "title": "商标侵权调解",
            "kind": "mediation",
            "summary": "x",
            "amount_claimed": "200000",
            "parties": [{"name": "某公司", "role": "respondent"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert (
        api_for("holder").post(f"{BASE}/disputes/{pk}/close/", {"outcome": "lost"}, format="json").status_code
        == 403
    )
    assert Dispute.objects.get(pk=pk).outcome == ""
    closed = staff.post(
        f"{BASE}/disputes/{pk}/close/",
        {"outcome": "resolved_in_favour", "amount_recovered": "150000"},
        format="json",
    )
    assert closed.status_code == 200
    dispute = Dispute.objects.get(pk=pk)
    assert (dispute.outcome, dispute.amount_recovered, dispute.state) == (
        "resolved_in_favour",
        150000,
        "closed",
    )


def test_list_endpoints_query_count_does_not_grow(api_for, users):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    services.disclaimer_acknowledge(user=users["holder"])
    urls = [
        f"{BASE}/requests/",
        f"{BASE}/assets/",
        f"{BASE}/disputes/",
        f"{BASE}/alerts/",
        f"{BASE}/deadlines/?days=3650",
    ]

    def add(n, offset):
        for i in range(n):
            services.request_create(
                requester=users["holder"], service_type="valuation", title=f"t{offset + i}", description="x"
            )
            services.asset_create(
                actor=users["holder"],
                kind="trademark",
                title=f"商标{offset + i}",
                grant_date=dt.date(2020, 1, 1),
                status="granted",
                owners="x",
            )
            services.dispute_open(
                actor=users["staff"],
                owner=users["holder"],
                title=f"d{offset + i}",
                kind="litigation",
                summary="x",
            )
            services.alert_create(
                actor=users["staff"],
                owner=users["holder"],
                title=f"a{offset + i}",
                detected_on=dt.date(2025, 1, 1),
            )

    def count(url):
        client = api_for("holder")
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    add(1, 0)
    one = [count(u) for u in urls]
    add(19, 1)
    assert [count(u) for u in urls] == one
