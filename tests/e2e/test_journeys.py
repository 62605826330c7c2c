"""Journeys a person takes: each demo role logs in to its Chinese dashboard and switches to English;
a visitor registers as an enterprise, waits for staff approval, then logs in; the same on a phone."""

from __future__ import annotations

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e]

ROLES = [
    # username, Chinese role label, English role label
    ("admin", "平台管理员", "Platform administrator"),
    ("staff", "服务专员", "Service specialist"),
    ("holder", "成果持有方", "Achievement holder"),
    ("enterprise", "企业", "Enterprise"),
    ("evaluator", "评估专家", "Evaluator"),
    ("investor", "投资机构", "Investor"),
]


def switch_language(page, testid: str) -> None:
    with page.expect_navigation():
        page.click(f"[data-testid={testid}]")


def test_each_role_lands_on_its_chinese_dashboard_and_switches_to_english(new_page, shot):
    for username, label_zh, label_en in ROLES:
        page = new_page()
        login(page, username)
        assert page.url.endswith("/dashboard/"), f"{username} landed on {page.url}"
        assert page.locator("html").get_attribute("lang") == "zh-hans"
        assert page.get_by_test_id("role-label").inner_text() == label_zh
        assert "工作台" in page.locator("h1").inner_text()
        shot(page, f"{username}-zh")

        switch_language(page, "lang-en")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.get_by_test_id("role-label").inner_text() == label_en
        assert "Dashboard" in page.locator("h1").inner_text()
        shot(page, f"{username}-en")
        # the menu belongs to this role: only staff and admins see the approvals queue
        approvals = page.locator("aside a[href='/accounts/approvals/']")
        assert approvals.count() == (1 if username in {"admin", "staff"} else 0), username
        page.context.close()


def test_registration_waits_for_staff_approval(new_page, shot):
    from platform_core.accounts.models import User

    visitor = new_page()
    visitor.goto("/accounts/register/")
    visitor.check("input[name=role][value=enterprise]")
    visitor.fill("input[name=username]", "e2e_company")
    visitor.fill("input[name=display_name]", "钱经理")
    visitor.fill("input[name=email]", "e2e_company@example.com")
    visitor.fill("input[name=phone]", "13800000000")
    visitor.fill("input[name=organization_name]", "河北肝康生物科技有限公司")
    visitor.select_option("select[name=organization_kind]", "enterprise")
    visitor.fill("input[name=province]", "河北省")
    visitor.fill("input[name=city]", "石家庄市")
    visitor.fill("input[name=password1]", "Liver-2025-secure")
    visitor.fill("input[name=password2]", "Liver-2025-secure")
    visitor.check("input[name=agree]")
    shot(visitor, "1-register-form")
    with visitor.expect_navigation():
        visitor.click("form button[type=submit]")
    shot(visitor, "2-registered")
    user = User.objects.get(username="e2e_company")
    assert user.approval_status == User.Approval.PENDING

    login(visitor, "e2e_company", "Liver-2025-secure")
    assert "/accounts/login/" in visitor.url
    assert "您的注册正在等待平台工作人员审核" in visitor.content()
    shot(visitor, "3-pending-login-refused")

    staff = new_page()
    login(staff, "staff")
    staff.goto("/accounts/approvals/")
    row = staff.locator("tr", has_text="e2e_company")
    assert row.count() == 1
    shot(staff, "4-approval-queue")
    with staff.expect_navigation():
        staff.get_by_test_id("approve-e2e_company").click()
    shot(staff, "5-approved")
    user.refresh_from_db()
    assert user.approval_status == User.Approval.APPROVED

    login(visitor, "e2e_company", "Liver-2025-secure")
    assert visitor.url.endswith("/dashboard/")
    assert visitor.get_by_test_id("role-label").inner_text() == "企业"
    shot(visitor, "6-first-login")


def test_phone_viewport_dashboard_and_menu(new_page, shot):
    page = new_page(viewport=(375, 812), mobile=True)
    page.goto("/")
    shot(page, "1-home")
    assert _no_horizontal_scroll(page)
    login(page, "holder")
    assert page.get_by_test_id("role-label").inner_text() == "成果持有方"
    assert _no_horizontal_scroll(page)
    shot(page, "2-dashboard")
    # the left menu folds into an off-canvas panel opened from the top bar
    page.click("button[data-bs-target='#sidebar']")
    page.locator("#sidebar.show").wait_for()
    shot(page, "3-menu", full_page=False)
    page.click("#sidebar .btn-close")
    page.locator("#sidebar.show").wait_for(state="detached")
    switch_language(page, "lang-en")
    assert page.get_by_test_id("role-label").inner_text() == "Achievement holder"
    assert _no_horizontal_scroll(page)
    shot(page, "4-dashboard-en")


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_api_docs_render_under_the_csp(new_page, shot):
    page = new_page()
    login(page, "staff")
    page.goto("/api/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "成果转化协作平台 API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 0
    shot(page, "api-docs", full_page=False)
