"""Pages of the library for each role, navigation, comparison, the demo data."""

from __future__ import annotations

import pytest

from achievements.library import navigation

from .conftest import SECRET


@pytest.mark.parametrize(
    ("role", "expected", "absent"),
    [
        (
            "enterprise",
            {"library:index", "library:favourites", "library:recommendations", "library:access_requests"},
            {"library:import"},
        ),
        (
            "holder",
            {"library:index", "library:access_incoming", "library:updates"},
            {"library:publish_queue"},
        ),
        (
            "staff",
            {"library:index", "library:publish_queue", "library:import", "library:manage"},
            {"library:favourites"},
        ),
    ],
)
def test_navigation_per_role(users, role, expected, absent):
    from platform_core.accounts.roles import has_role

    items = [i for i in navigation.items(users[role]) if not i.roles or has_role(users[role], *i.roles)]
    names = {i.url_name for i in items}
    assert expected <= names
    assert not names & absent
    assert all(i.url for i in items)


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("anonymous", "/library/", 200),
        ("anonymous", "/library/favourites/", 302),
        ("enterprise", "/library/favourites/", 200),
        ("enterprise", "/library/recommendations/", 200),
        ("enterprise", "/library/access-requests/", 200),
        ("holder", "/library/access-requests/incoming/", 200),
        ("holder", "/library/updates/", 200),
        ("holder", "/library/publish/", 403),
        ("enterprise", "/library/manage/", 403),
        ("staff", "/library/publish/", 200),
        ("staff", "/library/manage/", 200),
        ("staff", "/library/import/", 200),
        ("staff", "/dashboard/", 200),
        ("enterprise", "/dashboard/", 200),
        ("holder", "/dashboard/", 200),
    ],
)
def test_pages_by_role(client_for, library, role, url, status):
    assert client_for(role).get(url).status_code == status


def test_compare_up_to_three(client_for, library):
    ids = [library[k].pk for k in ("fibrosis", "liver_support", "ai", "followup")]
    response = client_for("enterprise").get("/library/compare/", {"ids": ",".join(map(str, ids))})
    body = response.content.decode()
    assert response.status_code == 200
    assert library["fibrosis"].name in body and library["ai"].name in body
    assert library["followup"].name not in body
    assert SECRET not in body
    assert "最多对比三项成果" in body


def test_detail_shows_similar_entries(client_for, library):
    body = client_for("anonymous").get(f"/library/{library['ai'].pk}/").content.decode()
    assert library["followup"].name in body  # same technical field


def test_home_page_lists_published_entries(client_for, library):
    body = client_for("anonymous").get("/").content.decode()
    assert library["fibrosis"].name in body


def test_demo_seed_is_idempotent(db, monkeypatch):
    from achievements.library import demo
    from achievements.library.models import AccessRequest, ImportJob, SearchDocument
    from platform_core.demo import seed_core

    monkeypatch.setattr(demo, "SIZE", 25)
    seed_core()
    demo.seed()
    counts = (SearchDocument.objects.count(), ImportJob.objects.count(), AccessRequest.objects.count())
    assert counts[0] >= 25 and counts[1] == 1
    assert set(AccessRequest.objects.values_list("state", flat=True)) <= {
        "requested",
        "granted",
        "denied",
        "revoked",
        "withdrawn",
    }
    demo.seed()
    assert (
        SearchDocument.objects.count(),
        ImportJob.objects.count(),
        AccessRequest.objects.count(),
    ) == counts
