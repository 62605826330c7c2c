"""The unread count in the top bar is cached per user; every change is visible on the next request."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from platform_core.notifications.models import Notification
from platform_core.notifications.services import (
    notification_send,
    notifications_mark_read,
    unread_count,
    unread_key,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.NOTIFICATIONS_UNREAD_TTL = 300  # off in the rest of the suite (settings_test.py)
    cache.clear()
    yield
    cache.clear()


def _badge(client) -> str | None:
    html = client.get(reverse("notifications:list")).content.decode()
    marker = 'data-testid="unread-count">'
    if marker not in html:
        return None
    return html.split(marker, 1)[1].split("<", 1)[0]


def test_count_is_cached_per_user(make_user, django_assert_num_queries):
    user = make_user("enterprise")
    notification_send(recipient=user, title="a", email=False)
    assert unread_count(user) == 1
    assert cache.get(unread_key(user.pk)) == 1
    with django_assert_num_queries(0):
        assert unread_count(user) == 1


def test_new_notification_is_visible_on_the_next_request(client, make_user):
    user = make_user("enterprise")
    client.force_login(user)
    assert _badge(client) is None
    notification_send(recipient=user, title="first", email=False)
    assert _badge(client) == "1"
    notification_send(recipient=user, title="second", email=False)
    assert _badge(client) == "2"


def test_reading_is_visible_on_the_next_request(client, make_user):
    user = make_user("enterprise")
    client.force_login(user)
    first = notification_send(recipient=user, title="first", email=False)
    notification_send(recipient=user, title="second", email=False)
    assert _badge(client) == "2"
    client.get(reverse("notifications:open", args=[first.pk]))
    assert _badge(client) == "1"
    client.post(reverse("notifications:read_all"))
    assert _badge(client) is None


def test_mark_read_service_and_delete_invalidate(make_user):
    user = make_user("enterprise")
    note = notification_send(recipient=user, title="a", email=False)
    notification_send(recipient=user, title="b", email=False)
    assert unread_count(user) == 2
    notifications_mark_read(user=user, notification_ids=[note.pk])
    assert unread_count(user) == 1
    Notification.objects.filter(recipient=user, read_at__isnull=True).get().delete()
    assert unread_count(user) == 0


def test_counts_are_not_shared_between_users(make_user):
    user, other = make_user("enterprise"), make_user("holder")
    notification_send(recipient=user, title="a", email=False)
    assert unread_count(other) == 0
    assert unread_count(user) == 1
