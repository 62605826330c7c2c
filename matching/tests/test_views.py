"""Pages per role render; list pages have a query count that does not grow with the rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from matching.models import Demand

from .conftest import make_demand


@pytest.mark.parametrize(
    ("role", "name", "status"),
    [
        ("enterprise", "matching:demand_mine", 200), ("enterprise", "matching:demand_create", 200), ("enterprise", "matching:overview", 200),
        ("enterprise", "matching:project_list", 200), ("holder", "matching:challenges", 200), ("holder", "matching:overview", 200),
        ("holder", "matching:demand_create", 403), ("investor", "matching:demand_library", 200), ("staff", "matching:demand_queue", 200),
        ("enterprise", "matching:demand_queue", 403), ("staff", "matching:weights", 200), ("holder", "matching:weights", 403),
        ("staff", "matching:event_list", 200), ("staff", "matching:event_create", 200), ("enterprise", "matching:event_create", 403),
        ("staff", "matching:agreement_list", 200), ("staff", "matching:template_list", 200), ("staff", "matching:implementation_list", 200),
        ("anonymous", "matching:demand_library", 200), ("anonymous", "matching:project_list", 302),
    ],
)  # fmt: skip
def test_pages(client_for, role, name, status):
    assert client_for(role).get(reverse(name)).status_code == status


def test_detail_pages_render(client_for, demand, signed):
    assert client_for("enterprise").get(demand.get_absolute_url()).status_code == 200
    assert client_for("staff").get(signed.project.get_absolute_url()).status_code == 200
    assert client_for("staff").get(signed.get_absolute_url()).status_code == 200
    assert client_for("holder").get(signed.implementation.get_absolute_url()).status_code == 200
    assert (
        client_for("holder")
        .get(reverse("matching:achievement_matches", args=[signed.project.achievement_id]))
        .status_code
        == 200
    )
    assert (
        client_for("other_holder")
        .get(reverse("matching:achievement_matches", args=[signed.project.achievement_id]))
        .status_code
        == 404
    )


def test_demand_form_creates_and_submits(users, client_for):
    from achievements.models import TechnicalField

    data = {
        "title": "寻求肝癌早筛标志物",
        "technical_field": TechnicalField.objects.get(code="diagnostic_reagent").pk,
        "description": "甲胎蛋白异质体",
        "confidentiality": "registered",
        "submit": "1",
    }
    response = client_for("enterprise").post(reverse("matching:demand_create"), data)
    demand = Demand.objects.get()
    assert response.status_code == 302 and demand.state == "submitted"


def _bulk_demands(users, n):
    for i in range(n):
        make_demand(
            users["enterprise"], publish_by=users["staff"], title=f"需求 {i}", confidentiality="public"
        )


@pytest.mark.parametrize("name", ["matching:demand_library", "matching:demand_mine"])
def test_demand_lists_query_count_constant(users, client_for, django_assert_max_num_queries, name):
    client = client_for("enterprise")
    _bulk_demands(users, 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse(name)).status_code == 200
    _bulk_demands(users, 19)
    with CaptureQueriesContext(connection) as twenty:
        assert client.get(reverse(name)).status_code == 200
    assert len(twenty) == len(one)


def test_project_list_query_count_constant(users, client_for, achievement):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from matching.services.docking import project_open

    from .conftest import make_published

    client = client_for("staff")
    project_open(
        achievement_id=achievement.pk,
        enterprise=users["enterprise"],
        actor=users["enterprise"],
        source="inquiry",
    )
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("matching:project_list")).status_code == 200
    others = [make_published(users, name=f"成果{i}", index=False) for i in range(3)]
    for a in others:
        project_open(
            achievement_id=a.pk, enterprise=users["enterprise"], actor=users["enterprise"], source="inquiry"
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("matching:project_list")).status_code == 200
    assert len(many) == len(one)


def test_agreement_and_implementation_lists_query_count(users, client_for, signed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("staff")
    for name in ("matching:agreement_list", "matching:implementation_list", "matching:event_list"):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name)).status_code == 200
        assert len(ctx) < 30, name


@pytest.mark.parametrize("role", ["enterprise", "holder", "staff", "investor"])
def test_dashboard_widget(client_for, role):
    response = client_for(role).get(reverse("dashboard"))
    assert response.status_code == 200
    assert 'data-testid="matching-widget"' in response.content.decode()


def test_navigation_per_role(users):
    from platform_core.navigation import items_for

    labels = {
        role: {str(i.label) for i in items_for(users[role])}
        for role in ("enterprise", "holder", "staff", "investor")
    }
    assert {"Technology demands", "Post a demand", "Smart matching", "My docking projects"} <= labels[
        "enterprise"
    ] or {"技术需求", "发布需求", "智能匹配", "我的对接项目"} <= labels["enterprise"]
    assert {"对接项目", "挑战榜"} <= labels["holder"]
    assert {"需求审核", "对接项目管理", "技术对接会", "合作协议", "转化实施"} <= labels["staff"]
    assert "需求库" in labels["investor"]


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_queue_challenges_events_query_counts_constant(users, client_for):
    import datetime as dt

    from django.utils import timezone

    from matching.services import events as event_services

    staff, holder = client_for("staff"), client_for("holder")

    def more(n):
        for i in range(n):
            from matching.services.demands import demand_transition

            d = make_demand(users["enterprise"], title=f"待审 {i}")
            demand_transition(demand_id=d.pk, actor=users["enterprise"], action="submit")
            make_demand(
                users["enterprise"], publish_by=users["staff"], title=f"揭榜 {i}", is_challenge=True,
                deadline=timezone.localdate() + dt.timedelta(days=9), confidentiality="public",
            )  # fmt: skip
            start = timezone.now() + dt.timedelta(days=5 + i)
            event_services.event_save(
                actor=users["staff"],
                title=f"对接会 {i}",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
            )

    more(1)
    counts = [
        _count(staff, reverse("matching:demand_queue")),
        _count(holder, reverse("matching:challenges")),
        _count(staff, reverse("matching:event_list")),
    ]
    more(4)
    assert [
        _count(staff, reverse("matching:demand_queue")),
        _count(holder, reverse("matching:challenges")),
        _count(staff, reverse("matching:event_list")),
    ] == counts


def test_agreement_and_implementation_list_counts_constant(users, client_for, signed):
    from matching.models import AgreementTemplate
    from matching.services import agreements as agreement_services
    from matching.services import docking as docking_services

    from .conftest import TERMS, advance, make_published

    staff = client_for("staff")
    before = [
        _count(staff, reverse("matching:agreement_list")),
        _count(staff, reverse("matching:implementation_list")),
    ]
    other = make_published(users, name="另一成果", index=False)
    project = docking_services.inquiry_create(
        achievement_id=other.pk, actor=users["other_enterprise"], message="询价"
    )
    project = advance(project, users["staff"], "contact", "start_negotiation")
    terms = docking_services.terms_propose(project_id=project.pk, actor=users["staff"], **TERMS)
    docking_services.terms_agree(terms_id=terms.pk, actor=users["staff"])
    agreement_services.agreement_draft(
        project_id=project.pk,
        actor=users["staff"],
        template_id=AgreementTemplate.objects.get(code="transfer").pk,
    )
    assert [
        _count(staff, reverse("matching:agreement_list")),
        _count(staff, reverse("matching:implementation_list")),
    ] == before
