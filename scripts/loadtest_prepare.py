#!/usr/bin/env python
"""Prepare the load test (scripts/loadtest.sh): at least N published achievements in the database (the library
benchmark's loader, jieba-segmented search documents), a staff and an enterprise account with live sessions,
and the URL mix for wrk, written as a Lua table.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chengguo_bench .venv/bin/python scripts/loadtest_prepare.py \
        --n 100000 --out /tmp/loadtest/mix.lua
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KEYWORDS = ["肝纤维化", "肝病", "中药复方", "人工肝", "乙肝", "肝性脑病", "血清标志物", "门静脉高压"]
FIELDS = ["tcm", "", ""]
MATURITIES = ["pilot", "", "", "industrial"]
# share of each kind of request in the mix (out of 100)
MIX = {"list": 35, "list_keyword": 25, "detail": 25, "recommendations": 5, "dashboard": 10}


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _session_for(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    from django.utils.module_loading import import_string

    # the backend that logs people in (axes' backend only guards authenticate() and has no get_user)
    backend = next(b for b in settings.AUTHENTICATION_BACKENDS if hasattr(import_string(b), "get_user"))
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(24 * 3600)
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _user(username: str, role: str):
    from platform_core.accounts.models import Organization, User
    from platform_core.accounts.services import user_create

    user = User.objects.filter(username=username).first()
    if user is None:
        organization, _ = Organization.objects.get_or_create(
            name=f"{username} 所属机构", defaults={"kind": Organization.Kind.OTHER}
        )
        user = user_create(
            username=username,
            password="loadtest-12345",  # noqa: S106 (a throwaway account of the load-test database)
            roles=[role],
            email=f"{username}@example.com",
            display_name=username,
            organization=organization,
        )
    if getattr(user, "approval_status", None) not in (None, User.Approval.APPROVED):
        User.objects.filter(pk=user.pk).update(approval_status=User.Approval.APPROVED)
    return user


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    spec = importlib.util.spec_from_file_location(
        "bench_library", ROOT / "achievements" / "library" / "bench_library.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)  # also drops its own folder from sys.path and sets DJANGO_SETTINGS_MODULE
    bench._setup()

    from achievements.library.models import SearchDocument

    published = SearchDocument.objects.count()
    if published < args.n:
        print(f"[loadtest] {published} search documents; loading up to {args.n} (a few minutes)", flush=True)
        bench.load(args.n, fresh=False)
        published = SearchDocument.objects.count()
    print(f"[loadtest] {published} published achievements in the library", flush=True)

    staff = _user("loadtest_staff", "staff")
    enterprise = _user("loadtest_enterprise", "enterprise")
    rng = random.Random(12)
    ids = list(SearchDocument.objects.order_by("?").values_list("achievement_id", flat=True)[:500])

    requests: list[tuple[str, str]] = []  # (path, who)
    for _ in range(MIX["list"]):
        params = {
            k: v
            for k, v in (("technical_field", rng.choice(FIELDS)), ("maturity", rng.choice(MATURITIES)))
            if v
        }
        params["page"] = str(rng.choice([1, 1, 1, 2, 3]))
        requests.append(("/library/?" + urlencode(params), "anonymous"))
    for _ in range(MIX["list_keyword"]):
        params = {"q": rng.choice(KEYWORDS)}
        if rng.random() < 0.5:
            params["technical_field"] = "tcm"
        if rng.random() < 0.3:
            params["maturity"] = "pilot"
        requests.append(("/library/?" + urlencode(params, quote_via=quote), "enterprise"))
    for i in range(MIX["detail"]):
        requests.append((f"/library/{ids[i % len(ids)]}/", rng.choice(["anonymous", "enterprise"])))
    for _ in range(MIX["recommendations"]):
        requests.append(("/library/recommendations/", "enterprise"))
    for _ in range(MIX["dashboard"]):
        requests.append(("/dashboard/", "staff"))
    rng.shuffle(requests)

    cookies = {"anonymous": "", "enterprise": _session_for(enterprise), "staff": _session_for(staff)}
    lines = ["return {"]
    for path, who in requests:
        lines.append(
            f"  {{path = {_lua_string(path)}, cookie = {_lua_string(cookies[who])}, kind = {_lua_string(who)}}},"
        )
    lines.append("}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"[loadtest] {len(requests)} requests in the mix written to {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
