"""List pages and list endpoints: the same number of queries for 1 and 20 rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from achievements import services

pytestmark = pytest.mark.django_db


def _count(callable_) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = callable_()
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _submitted(make_draft, users, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        a = make_draft(name=f"成果 {i}")
        services.achievement_submit(achievement_id=a.pk, actor=users["holder"])


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("staff", reverse("achievements:queue")),
        ("staff", reverse("achievements:queue") + "?state=decided"),
        ("holder", reverse("achievements:mine")),
        ("staff", "/api/v1/achievements/?scope=queue"),
        ("holder", "/api/v1/achievements/?scope=mine"),
    ],
)
def test_list_query_count_does_not_grow(client_for, make_draft, users, role, url):
    _submitted(make_draft, users, 1)
    if "decided" in url:
        from achievements.models import Achievement

        for a in Achievement.objects.all():
            services.achievement_review(achievement_id=a.pk, actor=users["staff"], decision="accept")
    client = client_for(role)
    client.get(url)  # warm caches (calendar, content types)
    one = _count(lambda: client.get(url))
    _submitted(make_draft, users, 19, start=1)
    if "decided" in url:
        from achievements.models import Achievement

        for a in Achievement.objects.filter(state="submitted"):
            services.achievement_review(achievement_id=a.pk, actor=users["staff"], decision="accept")
    response = client.get(url)
    body = response.content.decode()
    assert body.count("成果 1") >= 11  # 20 rows really listed ("成果 1", "成果 10".."成果 19")
    twenty = _count(lambda: client.get(url))
    assert twenty == one, f"{url}: {one} queries for 1 row, {twenty} for 20"
