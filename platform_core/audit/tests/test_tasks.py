from __future__ import annotations

import pytest

from platform_core.audit.models import ProbeMark
from platform_core.audit.tasks import heartbeat, probe_mark

pytestmark = pytest.mark.django_db


def test_heartbeat_is_idempotent():
    assert heartbeat.delay().get() == "heartbeat"
    heartbeat.delay()
    mark = ProbeMark.objects.get(key="heartbeat")
    assert mark.attempts == 2
    assert ProbeMark.objects.count() == 1


def test_heartbeat_with_token_writes_its_own_key():
    heartbeat.delay(token="abc")
    assert ProbeMark.objects.filter(key="heartbeat:abc", value="abc").exists()


def test_probe_mark_twice_keeps_one_row_and_first_value():
    probe_mark.delay(key="k1", value="first")
    probe_mark.delay(key="k1", value="second")
    mark = ProbeMark.objects.get(key="k1")
    assert (mark.value, mark.attempts) == ("first", 2)
