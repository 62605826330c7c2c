"""Project-wide fixtures: one user per role, logged-in clients, API clients."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from platform_core.accounts.models import Organization, User
from platform_core.accounts.roles import Role
from platform_core.accounts.services import user_create

ROLE_USERS = {
    "admin": [Role.ADMIN],
    "staff": [Role.STAFF],
    "holder": [Role.HOLDER],
    "other_holder": [Role.HOLDER],
    "enterprise": [Role.ENTERPRISE],
    "other_enterprise": [Role.ENTERPRISE],
    "evaluator": [Role.EVALUATOR],
    "other_evaluator": [Role.EVALUATOR],
    "investor": [Role.INVESTOR],
}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached per-user and per-library values (unread counts, pages)
    must not leak into a later test that reuses a primary key after a rollback."""
    from django.core.cache import cache

    from achievements.library.selectors import pagecache

    cache.clear()
    pagecache.clear_process_cache()  # the in-process detail bodies, like a new worker
    yield


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    from platform_core import workdays

    workdays.invalidate_cache()
    yield
    workdays.invalidate_cache()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def org(db) -> Organization:
    return Organization.objects.create(name="测试医院", kind=Organization.Kind.HOSPITAL, province="北京市")


@pytest.fixture
def make_user(db):
    def make(key: str, roles: list[str] | None = None, organization: Organization | None = None) -> User:
        existing = User.objects.filter(username=key).first()
        if existing:
            return existing
        if organization is None:
            organization, _ = Organization.objects.get_or_create(
                name=f"{key} 所属机构", defaults={"kind": Organization.Kind.OTHER}
            )
        return user_create(
            username=key,
            password="pw-12345-test",
            roles=roles if roles is not None else ROLE_USERS[key],
            email=f"{key}@example.com",
            display_name=key,
            organization=organization,
        )

    return make


@pytest.fixture
def users(make_user) -> dict[str, User]:
    return {key: make_user(key) for key in ROLE_USERS}


@pytest.fixture
def client_for(users):
    """``client_for("holder")`` → a Django test client logged in as that role ("anonymous" → none)."""
    from django.test import Client

    def make(role: str) -> Client:
        c = Client()
        if role != "anonymous":
            c.force_login(users[role])
        return c

    return make


@pytest.fixture
def api_for(users):
    def make(role: str) -> APIClient:
        c = APIClient()
        if role != "anonymous":
            c.force_authenticate(users[role])
        return c

    return make
