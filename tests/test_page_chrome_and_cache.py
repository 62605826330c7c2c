"""The per-process sidebar menu and the shared-client Redis cache backend (issue 12's load-test levers)."""

from __future__ import annotations

import os
import re

import pytest
from django.test import override_settings
from django.urls import reverse


def _active_links(html: str) -> list[str]:
    return re.findall(r'<a class="nav-link py-1 active" href="([^"]+)"', html)


@pytest.mark.django_db
def test_sidebar_marks_the_current_page_and_follows_roles_and_language(client_for):
    staff = client_for("staff")
    dashboard, approvals = reverse("dashboard"), reverse("accounts:pending")
    on_dashboard = staff.get(dashboard).content.decode()
    on_approvals = staff.get(approvals).content.decode()
    assert _active_links(on_dashboard) == [dashboard]
    assert _active_links(on_approvals) == [approvals]
    assert approvals in on_dashboard
    # a page that is not in the menu marks nothing
    assert _active_links(staff.get(reverse("accounts:profile")).content.decode()) == []
    # another role rendered after staff gets its own menu, not staff's
    holder_page = client_for("holder").get(dashboard).content.decode()
    assert approvals not in holder_page and _active_links(holder_page) == [dashboard]
    # the language is part of what the menu is cached by
    staff.cookies["django_language"] = "en"
    english = staff.get(dashboard).content.decode()
    staff.cookies["django_language"] = "zh-hans"
    chinese = staff.get(dashboard).content.decode()
    sidebar = re.compile(r'<nav class="offcanvas-body.*?</nav>', re.S)
    assert sidebar.search(english).group(0) != sidebar.search(chinese).group(0)
    assert "Dashboard" in sidebar.search(english).group(0)
    assert "工作台" in sidebar.search(chinese).group(0)


def _redis_url() -> str:
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def _redis_up(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def test_redis_cache_backend_shares_one_client_per_pool():
    url = _redis_url()
    if not _redis_up(url):
        pytest.skip("no Redis at " + url)
    from django.core.cache import caches

    location = {"BACKEND": "platform_core.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "chrome-test"}
    with override_settings(CACHES={"default": location, "t": location}):
        cache = caches["t"]
        try:
            client = cache._cache.get_client()
            assert cache._cache.get_client(write=True) is client
            cache.set("k", {"a": 1}, 30)
            cache.set_many({"x": "肝", "y": 2}, 30)
            assert cache.get("k") == {"a": 1}
            assert cache.get_many(["x", "y", "missing"]) == {"x": "肝", "y": 2}
            assert cache.incr("y") == 3
            cache.delete_many(["k", "x", "y"])
            assert cache.get("k") is None and cache.get_many(["x", "y"]) == {}
        finally:
            cache.delete_many(["k", "x", "y"])
            cache.close()
