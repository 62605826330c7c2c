"""Steps shared by the spine journeys (test_spine.py: stretches 1–2, test_spine_market.py: stretches 3–5)."""

from __future__ import annotations

import time

from .conftest import DEMO_PASSWORD, EXTERNAL_SERVER, STEP_TIMEOUT_MS, login

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def unique_tag() -> str:
    return str(int(time.time() * 1000))[-7:]


def submit(page, selector: str = "form button[type=submit]", timeout: float = STEP_TIMEOUT_MS) -> None:
    with page.expect_navigation(timeout=timeout):
        page.click(selector, timeout=timeout)


def page_text(page) -> str:
    return page.locator("main").inner_text() if page.locator("main").count() else page.inner_text("body")


def zh(label) -> str:
    """The Chinese of a lazy label (a state's display name), as the pages show it."""
    from django.utils import translation

    with translation.override("zh-hans"):
        return str(label)


def badge(page) -> str:
    """The text of the page's state badges (``{% state_badge %}``)."""
    return " ".join(page.locator(".badge").all_inner_texts())


def set_field(page, name: str, value, scope: str = "") -> None:
    """Fill the form control ``name`` whatever its widget: text, textarea, select, radio or checkbox."""
    prefix = f"{scope} " if scope else ""
    values = value if isinstance(value, list) else [value]
    boxes = page.locator(
        f"{prefix}input[name='{name}'][type=checkbox], {prefix}input[name='{name}'][type=radio]"
    )
    if boxes.count():
        for v in values:
            page.locator(f"{prefix}input[name='{name}'][value='{v}']").check()
        return
    control = page.locator(f"{prefix}[name='{name}']").first
    if control.evaluate("e => e.tagName") == "SELECT":
        control.select_option([str(v) for v in values])
    else:
        control.fill(str(value))


def register_and_approve(new_page, shot, *, username: str, role: str, org: str, kind: str, name: str):
    visitor = new_page()
    visitor.goto("/accounts/register/")
    visitor.check(f"input[name=role][value={role}]")
    visitor.fill("input[name=username]", username)
    visitor.fill("input[name=display_name]", name)
    visitor.fill("input[name=email]", f"{username}@example.com")
    visitor.fill("input[name=phone]", "13900000000")
    visitor.fill("input[name=organization_name]", org)
    visitor.select_option("select[name=organization_kind]", kind)
    visitor.fill("input[name=province]", "北京市")
    visitor.fill("input[name=city]", "北京市")
    visitor.fill("input[name=password1]", "Liver-2025-secure")
    visitor.fill("input[name=password2]", "Liver-2025-secure")
    visitor.check("input[name=agree]")
    submit(visitor)
    shot(visitor, "01-registered")

    staff = new_page()
    login(staff, "staff")
    staff.goto("/accounts/approvals/")
    assert staff.locator("tr", has_text=username).count() == 1
    with staff.expect_navigation():
        staff.get_by_test_id(f"approve-{username}").click()
    staff.context.close()

    login(visitor, username, "Liver-2025-secure")
    assert visitor.url.endswith("/dashboard/"), visitor.url
    return visitor


def transition(page, action: str, timeout: float = STEP_TIMEOUT_MS) -> None:
    submit(page, f"[data-testid=action-{action}]", timeout=timeout)


def new_user(username: str, role: str, org_name: str, kind: str):
    """An approved account made by staff (registration itself is covered in stretch 1)."""
    from platform_core.accounts.models import Organization
    from platform_core.accounts.services import user_create

    organization, _ = Organization.objects.get_or_create(name=org_name, defaults={"kind": kind})
    user = user_create(
        username=username, password=DEMO_PASSWORD, roles=[role], email=f"{username}@example.com",
        display_name="钱经理", organization=organization,
    )  # fmt: skip
    if EXTERNAL_SERVER:  # the test settings hash with MD5; a running server checks with its own hashers
        from django.contrib.auth.hashers import PBKDF2PasswordHasher

        hasher = PBKDF2PasswordHasher()
        user.password = hasher.encode(DEMO_PASSWORD, hasher.salt())
        user.save(update_fields=["password"])
    return user


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
