"""Browser journeys (marker ``e2e``): Debian's chromium driven by Playwright against pytest-django's live server.

Screenshots go to ``artifacts/screenshots/<test>/<step>.png``.

While writing a journey, ``E2E_BASE_URL=http://127.0.0.1:8111 DATABASE_URL=<that server's database>`` runs the
journeys against a server that is already running on a seeded database (no test database, no seeding): the
journeys that create records name them uniquely, so they can be re-run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

# One step (a click, a navigation) may wait this long: the journeys share two cores with the server, its
# eager Celery tasks (PDFs) and, on a busy machine, other work. E2E_TIMEOUT_MS overrides it.
STEP_TIMEOUT_MS = int(os.environ.get("E2E_TIMEOUT_MS", "30000"))
expect.set_options(timeout=STEP_TIMEOUT_MS)

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "demo12345"
EXTERNAL_SERVER = os.environ.get("E2E_BASE_URL", "")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """The test database for the journeys (pytest-django creates one only for tests marked django_db)."""
    from django.test.utils import setup_databases, teardown_databases

    if EXTERNAL_SERVER:  # the running server's own database
        yield
        return
    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def e2e_server(django_db_setup, django_db_blocker):
    """One live server for the whole run, on a test database seeded once with ``seed_demo``.

    Seeding per test (transactional tests flush everything, data migrations included) cost 10-20 s a test;
    instead the journeys share the demo data and each uses its own accounts or leaves things as it found them.
    """
    from django.core.management import call_command
    from pytest_django.live_server_helper import LiveServer

    if EXTERNAL_SERVER:
        yield type("ExternalServer", (), {"url": EXTERNAL_SERVER.rstrip("/")})()
        return
    with django_db_blocker.unblock():
        with open(os.devnull, "w") as devnull:
            call_command("seed_demo", stdout=devnull)
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()


@pytest.fixture(autouse=True)
def _e2e_database_access(django_db_blocker):
    """Tests read and check the shared database directly (no per-test transaction: the server must see it)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def new_page(browser, e2e_server):
    """``new_page(viewport=(w, h))`` → a page in a fresh browser context (own cookies), Chinese browser locale."""
    contexts = []
    violations: list[str] = []

    def make(viewport: tuple[int, int] = (1280, 800), locale: str = "zh-CN", mobile: bool = False):
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]},
            locale=locale,
            is_mobile=mobile,
            has_touch=mobile,
            device_scale_factor=2 if mobile else 1,
            base_url=e2e_server.url,
        )
        context.set_default_timeout(STEP_TIMEOUT_MS)
        context.set_default_navigation_timeout(STEP_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        # every page of every journey runs under the CSP: a blocked script or style is a failure
        page.on(
            "console",
            lambda msg: (
                violations.append(f"{page.url}: {msg.text}")
                if "Content Security Policy" in msg.text
                else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert violations == [], "CSP violations:\n" + "\n".join(violations)


@pytest.fixture
def shot(request):
    """``shot(page, "step")`` saves artifacts/screenshots/<test>/<step>.png and returns its path."""
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    folder = SCREENSHOTS / name
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, step: str, full_page: bool = True) -> Path:
        path = folder / f"{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


def login(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form button[type=submit]")
