"""Security pages as a person sees them: the Chinese lockout page and the admins' audit log."""

from __future__ import annotations

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def unlock_afterwards():
    yield
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()  # the journeys share one database: leave no account locked


def test_locked_account_sees_the_chinese_lockout_page(new_page, shot, settings, unlock_afterwards):
    settings.AXES_FAILURE_LIMIT = 3  # the same mechanism as the 100 of production, quicker to reach
    page = new_page()
    for _ in range(3):
        login(page, "holder2", "wrong-password")
    assert page.get_by_test_id("lockout").is_visible()
    text = page.get_by_test_id("lockout").inner_text()
    assert "该账户已被锁定" in text and "请在一小时后重试" in text
    shot(page, "lockout-zh")


@pytest.mark.urls("platform_core.audit.tests.urls")
def test_admin_filters_and_exports_the_audit_log(new_page, shot):
    failed = new_page()
    login(failed, "staff", "wrong-password")

    page = new_page()
    login(page, "admin")
    page.goto("/audit/")
    table = page.get_by_test_id("audit-table")
    assert table.locator("tbody tr").count() > 0
    shot(page, "1-audit-log")
    page.select_option("select[name=source]", "login_failures")
    with page.expect_navigation():
        page.click("form button.btn-primary")
    sources = table.locator("tbody tr").evaluate_all("rows => rows.map(r => r.dataset.source)")
    assert sources and set(sources) == {"login_failures"}
    assert "staff" in table.inner_text()
    shot(page, "2-login-failures")
    with page.expect_download() as download:
        page.get_by_test_id("export-csv").click()
    with open(download.value.path(), encoding="utf-8-sig") as fh:
        content = fh.read()
    assert content.splitlines()[0].startswith("时间,来源")
    assert "staff" in content
