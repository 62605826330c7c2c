"""Behaviour events written outside any transaction: on PostgreSQL one round trip that does not wait for the
WAL flush; inside a transaction a savepoint, the surrounding transaction's own durability untouched."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from achievements.library.models import BehaviourEvent
from achievements.library.services import behaviour
from platform_core.accounts.models import User


@pytest.mark.django_db(transaction=True)
def test_events_outside_a_transaction_are_one_statement():
    user = User.objects.create_user(username="reader", password="x-Pass-123456")
    behaviour.discard()
    with CaptureQueriesContext(connection) as ctx:
        assert behaviour._write(
            [
                {
                    "kind": "search",
                    "user_id": user.pk,
                    "query": "肝纤维化",
                    "filters": {"maturity": ["pilot"]},
                },
                {"kind": "search", "user_id": user.pk, "query": "人工肝", "results": 3},
            ]
        )
    events = list(BehaviourEvent.objects.filter(user=user).order_by("id"))
    assert [(e.query, e.filters, e.results) for e in events] == [
        ("肝纤维化", {"maturity": ["pilot"]}, None),
        ("人工肝", {}, 3),
    ]
    sql = [q["sql"] for q in ctx.captured_queries]
    if connection.vendor == "postgresql":
        assert len(sql) == 1 and sql[0].startswith("SET LOCAL synchronous_commit TO OFF; INSERT INTO")
        with connection.cursor() as cursor:  # the setting did not outlive its implicit transaction
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"


@pytest.mark.django_db(transaction=True)
def test_events_inside_a_transaction_leave_it_durable():
    user = User.objects.create_user(username="reader2", password="x-Pass-123456")
    with transaction.atomic():
        behaviour.record(kind="view", user=user)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW synchronous_commit")
                assert cursor.fetchone()[0] == "on"
    assert BehaviourEvent.objects.filter(user=user, kind="view").count() == 1
