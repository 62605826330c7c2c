"""django-axes: an account is locked after 100 failed logins within the hour, with a message in Chinese."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LOCKED_ZH = "该账户已被锁定"


def fail(client: Client, username: str, n: int) -> list[int]:
    return [
        client.post(LOGIN, {"username": username, "password": f"wrong-{i}"}).status_code for i in range(n)
    ]


def test_settings_allow_at_most_100_failures_per_hour_per_account():
    assert settings.AXES_FAILURE_LIMIT == 100
    assert settings.AXES_COOLOFF_TIME == 1
    assert "username" in settings.AXES_LOCKOUT_PARAMETERS


def test_101st_failed_login_is_refused_with_the_chinese_lockout_page(make_user):
    user = make_user("holder")
    client = Client()
    statuses = fail(client, "holder", 99)
    assert set(statuses) == {200}  # the login form with its error, not yet locked
    last = client.post(LOGIN, {"username": "holder", "password": "wrong-100"})
    assert last.status_code == 429  # the 100th failure locks
    response = client.post(LOGIN, {"username": "holder", "password": "wrong-101"})
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED_ZH in html and "100" in html
    assert "请在一小时后重试" in html
    # even the right password is refused now, and no session was opened
    right = Client().post(LOGIN, {"username": "holder", "password": "pw-12345-test"})
    assert right.status_code == 429
    assert "_auth_user_id" not in right.client.session
    attempt = AccessAttempt.objects.get(username=user.username)
    assert attempt.failures_since_start >= 100
    assert AccessFailureLog.objects.filter(username="holder").count() >= 100


@pytest.fixture
def limit_5(settings):
    """The same mechanism with a small limit, so the remaining tests stay fast."""
    settings.AXES_FAILURE_LIMIT = 5


def test_failures_by_email_count_for_the_same_account(make_user, limit_5):
    make_user("holder")  # email holder@example.com
    client = Client()
    fail(client, "holder", 3)
    fail(client, "HOLDER@example.com", 2)
    response = client.post(LOGIN, {"username": "holder", "password": "wrong"})
    assert response.status_code == 429


def test_other_accounts_are_not_locked(make_user, limit_5):
    make_user("holder")
    make_user("enterprise")
    fail(Client(REMOTE_ADDR="10.0.0.1"), "holder", 5)
    assert (
        Client(REMOTE_ADDR="10.0.0.3").post(LOGIN, {"username": "holder", "password": "x"}).status_code == 429
    )
    ok = Client(REMOTE_ADDR="10.0.0.2").post(LOGIN, {"username": "enterprise", "password": "pw-12345-test"})
    assert ok.status_code == 302


def test_fewer_failures_then_success_resets_the_counter(make_user, limit_5):
    make_user("holder")
    client = Client()
    fail(client, "holder", 4)
    assert client.post(LOGIN, {"username": "holder", "password": "pw-12345-test"}).status_code == 302
    assert not AccessAttempt.objects.filter(username="holder").exists()


def test_english_lockout_message(make_user, limit_5):
    make_user("holder")
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch's cookie
    fail(client, "holder", 5)
    response = client.post(LOGIN, {"username": "holder", "password": "x"})
    assert response.status_code == 429
    assert "locked after 5 failed login attempts" in response.content.decode()
