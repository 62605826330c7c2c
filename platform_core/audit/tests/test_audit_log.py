from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from platform_core.accounts.roles import Role
from platform_core.accounts.services import user_approve, user_register
from platform_core.audit.models import AuditEvent
from platform_core.audit.registry import AuditEntry, AuditSource, register_source, unregister_source
from platform_core.audit.services import audit_event_record

pytestmark = [pytest.mark.django_db, pytest.mark.urls("platform_core.audit.tests.urls")]


def register_and_approve(n: int, staff, prefix: str = "reg") -> None:
    for i in range(n):
        user = user_register(
            username=f"{prefix}{i}",
            email=f"{prefix}{i}@example.com",
            password="pw-12345-test",
            role=Role.HOLDER,
            display_name=f"注册人{i}",
            organization_name="测试医院",
            organization_kind="hospital",
        )
        user_approve(user_id=user.pk, actor=staff, reason="资料齐全")


@pytest.fixture
def history(users):
    register_and_approve(1, users["staff"])
    audit_event_record(kind="export", actor=users["staff"], summary="成果清单导出", target=users["holder"])
    Client().post("/accounts/login/", {"username": "holder", "password": "wrong"})


def rows(response) -> list:
    return list(response.context["entries"])


def test_admin_sees_transitions_events_and_login_failures(client_for, history):
    response = client_for("admin").get("/audit/")
    assert response.status_code == 200
    sources = {e.source for e in rows(response)}
    assert sources == {"transitions", "events", "login_failures"}
    html = response.content.decode()
    assert "成果清单导出" in html and "资料齐全" in html and "holder" in html
    times = [e.at for e in rows(response)]
    assert times == sorted(times, reverse=True)


@pytest.mark.parametrize(
    ("role", "status"), [("staff", 403), ("holder", 403), ("evaluator", 403), ("investor", 403)]
)
def test_only_admins_see_the_audit_log(client_for, history, role, status):
    before = AuditEvent.objects.count()
    assert client_for(role).get("/audit/").status_code == status
    assert client_for(role).get("/audit/export.csv").status_code == status
    assert AuditEvent.objects.count() == before  # a refused export records nothing


def test_anonymous_is_sent_to_login(client):
    response = client.get("/audit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_filters(client_for, history, users):
    admin = client_for("admin")
    only_failures = rows(admin.get("/audit/", {"source": "login_failures"}))
    assert only_failures and {e.source for e in only_failures} == {"login_failures"}
    assert {e.actor for e in only_failures} == {"holder"}
    by_actor = rows(admin.get("/audit/", {"actor": "staff"}))
    assert {e.source for e in by_actor} == {"transitions", "events"}  # staff approved and exported
    assert all(e.actor == str(users["staff"]) for e in by_actor)
    assert rows(admin.get("/audit/", {"q": "成果清单"}))[0].summary == "成果清单导出"
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert rows(admin.get("/audit/", {"date_from": tomorrow})) == []
    assert admin.get("/audit/", {"date_from": "not-a-date"}).status_code == 200  # bad input is no 500


def test_export_csv_records_an_export_event(client_for, history):
    AuditEvent.objects.create(kind="other", summary='=HYPERLINK("http://evil")')
    response = client_for("admin").get("/audit/export.csv", {"source": "events"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="audit-log-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(table) == 1 + 2  # header + the two events that existed before the export
    summaries = [r[5] for r in table[1:]]
    assert "成果清单导出" in summaries
    assert '\'=HYPERLINK("http://evil")' in summaries  # no formula reaches the spreadsheet
    export = AuditEvent.objects.get(kind="export", actor__username="admin")
    assert export.detail["rows"] == 2 and export.ip_address == "127.0.0.1"


def test_query_count_does_not_grow_with_rows(client_for, users, django_assert_max_num_queries):
    admin = client_for("admin")
    register_and_approve(1, users["staff"])
    admin.get("/audit/")  # warm up session/caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert len(rows(admin.get("/audit/"))) >= 1
    register_and_approve(20, users["staff"], prefix="more")
    with CaptureQueriesContext(connection) as many:
        assert len(rows(admin.get("/audit/"))) >= 20
    assert len(many) == len(one)


def test_paging_newer_older(client_for, users):
    for i in range(55):
        audit_event_record(kind="export", actor=users["staff"], summary=f"导出 {i}")
    admin = client_for("admin")
    first = admin.get("/audit/", {"source": "events"})
    assert len(rows(first)) == 50 and first.context["has_next"]
    second = admin.get("/audit/", {"source": "events", "page": 2})
    assert len(rows(second)) == 5 and not second.context["has_next"]
    assert {e.summary for e in rows(first)}.isdisjoint({e.summary for e in rows(second)})


def test_a_registered_source_joins_the_log(client_for):
    def grants(query, limit):
        return [
            AuditEntry(
                at=timezone.now(),
                source="grants",
                source_label="授权",
                action="grant",
                summary="机密字段授权",
            )
        ][:limit]

    register_source(AuditSource("grants", "授权", grants))
    try:
        response = client_for("admin").get("/audit/", {"source": "grants"})
        assert [e.summary for e in rows(response)] == ["机密字段授权"]
    finally:
        unregister_source("grants")
