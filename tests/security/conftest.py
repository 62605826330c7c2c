"""Security tests: the permission matrix's world, built once per module inside a transaction that is rolled
back at the end (each test then runs in its own savepoint)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import TestCase, override_settings


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    from tests.security.matrix.world import build_world

    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            w = build_world()
        yield w
        transaction.set_rollback(True)


# The schemathesis run's case counts: each xdist worker hands its counts to the controller, which prints the
# merged summary (without xdist the single process prints its own).
def pytest_sessionfinish(session):
    from tests.security import fuzzstats

    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["fuzzstats"] = fuzzstats.dump()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    from tests.security import fuzzstats

    fuzzstats.merge(getattr(node, "workeroutput", {}).get("fuzzstats", {}))


def pytest_terminal_summary(terminalreporter):
    from tests.security import fuzzstats

    for line in fuzzstats.summary_lines():
        terminalreporter.write_line(line)
