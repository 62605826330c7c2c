"""Content-Security-Policy: no inline script may run anywhere; the Swagger UI's one inline script carries a nonce."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def directives(header: str) -> dict[str, list[str]]:
    found = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/register/"])
def test_pages_send_a_csp_without_unsafe_inline_scripts(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    script_src = policy["script-src"]
    assert "'self'" in script_src
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    # a page without an inline script gets no nonce at all
    assert not any(s.startswith("'nonce-") for s in script_src)
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html), "inline <script>"


@pytest.mark.django_db
def test_logged_in_dashboard_has_the_same_policy(client_for):
    response = client_for("staff").get("/dashboard/")
    assert response.status_code == 200
    script_src = directives(response["Content-Security-Policy"])["script-src"]
    assert "'unsafe-inline'" not in script_src


@pytest.mark.django_db
def test_swagger_ui_inline_script_runs_by_nonce_only(client_for):
    response = client_for("staff").get("/api/docs/")
    assert response.status_code == 200
    script_src = directives(response["Content-Security-Policy"])["script-src"]
    assert "'unsafe-inline'" not in script_src
    nonces = [s[len("'nonce-") : -1] for s in script_src if s.startswith("'nonce-")]
    assert len(nonces) == 1
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [f' nonce="{nonces[0]}"']
    assert "SwaggerUIBundle" in html
    # a second request gets another nonce
    again = directives(client_for("staff").get("/api/docs/")["Content-Security-Policy"])["script-src"]
    assert not set(again) & {f"'nonce-{nonces[0]}'"}


INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:json|ld\+json)\")[^>]*>", re.I
)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
ALLOWED = {
    # drf-spectacular's Swagger page: its inline script carries the request's CSP nonce
    "platform_core/audit/templates/drf_spectacular/swagger_ui.html",
}


def project_templates() -> list[Path]:
    found = []
    for path in ROOT.rglob("*.html"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in {".venv", "staticfiles", "media", "artifacts", "node_modules", "static"}:
            continue
        found.append(path)
    return found


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for path in project_templates():
        rel = str(path.relative_to(ROOT))
        if rel in ALLOWED:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text):
            offenders.append(rel)
    assert offenders == [], f"inline scripts/handlers (move them to static JS): {offenders}"
    assert len(project_templates()) > 10
