"""Fixtures of the stack tests (marker ``stack``): a migrated template database, per-test copies, processes."""

from __future__ import annotations

import pytest

from . import support


@pytest.fixture(scope="session")
def migrated_template():
    """One migrated PostgreSQL database per session; each test gets a cheap copy (CREATE DATABASE … TEMPLATE)."""
    name = support.unique_name("chengguo_stack_tpl")
    url = support.pg_create(name)
    try:
        support.manage(support.stack_env(url), "migrate", "--noinput", "-v", "0")
        yield name
    finally:
        support.pg_drop(name)


@pytest.fixture
def stack_db(migrated_template):
    """(name, url) of a fresh migrated database, dropped after the test."""
    with support.throwaway_database(migrated_template) as db:
        yield db


@pytest.fixture
def broker():
    """The dedicated Redis DB, empty before and after the test."""
    support.redis_flush()
    yield support.redis_url()
    support.redis_flush()


@pytest.fixture
def processes(tmp_path, request):
    procs = support.Processes(tmp_path)
    try:
        yield procs
    finally:
        procs.stop_all()
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            print(procs.logs())


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)
    return rep
