"""The permission matrix's machinery: walk every URL pattern, resolve its arguments against the world, send
one request per (URL name, method, role) inside a rolled-back savepoint and compare with the declared outcome.

An expectation is a mapping role → status (an int or a tuple of acceptable ints), with ``DEFAULT`` for every
role not named. A denial (401/403/404/405, or an anonymous redirect to the login page) must write nothing:
every INSERT/UPDATE/DELETE issued while answering it is reported (sessions, login throttling and the audit
trail excepted).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

DEFAULT = "*"
OK = (200,)
LOGIN = 302  # an anonymous HTML request is redirected to the login page
DENIED_API = (401, 403)
WRITE_OK = (200, 201, 202, 204, 302, 303, 400, 409)  # an allowed write with an empty payload

# Helpers for the common access classes (HTML unless the name says API).
PUBLIC = {DEFAULT: 200}
LOGGED_IN = {"anonymous": LOGIN, DEFAULT: 200}
STAFF_ONLY = {"anonymous": LOGIN, "staff": 200, "admin": 200, DEFAULT: 403}
API_PUBLIC = {DEFAULT: 200}
API_LOGGED_IN = {"anonymous": DENIED_API, DEFAULT: 200}
API_STAFF_ONLY = {"anonymous": DENIED_API, "staff": 200, "admin": 200, DEFAULT: 403}

SKIP_PREFIXES = ("admin/", "static/", "media/", "i18n/", "api/schema/", "api/docs/")
SKIP_NAMES = {"set_language", "api-schema", "api-docs"}
METHODS = ("get", "post", "patch", "delete")
DENIALS = {401, 403, 404, 405}
# Tables a denied request may legitimately write to.
WRITE_ALLOWED_TABLES = ("django_session", "axes_", "audit_", "platform_audit", "library_behaviourevent")
WRITE_RE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?([A-Za-z0-9_]+)"?', re.I)


@dataclass
class Entry:
    """Expected outcomes for one URL name. ``obj`` names the world attribute whose pk fills ``pk`` (or every
    ``*_id``/``pk`` argument); ``kwargs`` (a dict or ``lambda w: {...}``) supplies the others."""

    name: str
    obj: str | None = None
    kwargs: dict | Callable[[Any], dict] | None = None
    get: dict | None = None
    post: dict | None = None
    patch: dict | None = None
    delete: dict | None = None
    xfail_reason: str = ""
    data: dict = field(default_factory=dict)
    allow_writes: tuple[str, ...] = ()  # tables a denial may touch (e.g. a DELETE filtered to zero rows)

    def expected(self, method: str, role: str) -> tuple[int, ...] | None:
        table = getattr(self, method)
        if table is None:
            return None
        value = table.get(role, table.get(DEFAULT))
        if value is None:
            return None
        return value if isinstance(value, tuple) else (value,)


@dataclass
class Route:
    name: str
    route: str
    pattern: URLPattern
    api: bool
    methods: tuple[str, ...]
    module: str


def _callback_methods(callback: Any, api: bool) -> tuple[str, ...]:
    actions = getattr(callback, "actions", None)
    if actions:
        return tuple(m for m in METHODS if m in actions)
    return ("get", "post")


def walk(resolver: URLResolver | None = None, prefix: str = "", ns: str | None = None) -> Iterator[Route]:
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            inner = ns
            if p.namespace:
                inner = f"{ns}:{p.namespace}" if ns else p.namespace
            yield from walk(p, prefix + str(p.pattern), inner)
            continue
        route = prefix + str(p.pattern)
        if not p.name or route.startswith(SKIP_PREFIXES) or p.name in SKIP_NAMES:
            continue
        if "(?P<format>" in route:
            continue
        name = f"{ns}:{p.name}" if ns else p.name
        api = route.startswith("api/")
        callback = p.callback
        module = getattr(callback, "__module__", "") or ""
        if getattr(callback, "cls", None) is not None:
            module = callback.cls.__module__
        yield Route(name, route, p, api, _callback_methods(callback, api), module)


def routes() -> dict[str, Route]:
    found: dict[str, Route] = {}
    for r in walk():
        found.setdefault(r.name, r)
    return found


def model_of(route: Route):
    cls = getattr(route.pattern.callback, "cls", None)
    if cls is not None:
        qs = getattr(cls, "queryset", None)
        if qs is not None:
            return qs.model
        serializer = getattr(cls, "serializer_class", None)
        meta = getattr(serializer, "Meta", None)
        if meta is not None and getattr(meta, "model", None) is not None:
            return meta.model
    return None


def world_object_for(world: Any, model) -> Any:
    for value in vars(world).values():
        if isinstance(value, model):
            return value
    return model.objects.order_by("pk").first()


def resolve_kwargs(entry: Entry, route: Route, world: Any) -> dict:
    names = list(route.pattern.pattern.regex.groupindex)
    given = entry.kwargs(world) if callable(entry.kwargs) else dict(entry.kwargs or {})
    target = None
    if entry.obj:
        target = getattr(world, entry.obj) if "." not in entry.obj else apps.get_model(entry.obj)
        if isinstance(target, type):
            target = target.objects.order_by("pk").first()
    out = {}
    for key in names:
        if key in given:
            out[key] = given[key]
        elif key in ("pk", "id") or key.endswith("_id"):
            out[key] = target.pk if target is not None else 999999
        else:
            out[key] = given.get(key, "x")
    return out


def url_for(route: Route, kwargs: dict) -> str:
    from django.urls import reverse

    return reverse(route.name, kwargs=kwargs)


class Clients:
    def __init__(self, world: Any) -> None:
        self.world = world
        self._html: dict[str, Client] = {}
        self._api: dict[str, APIClient] = {}
        self._cookies: dict[tuple[str, bool], Any] = {}

    def user(self, role: str):
        return None if role == "anonymous" else self.world.users[role]

    def get(self, role: str, api: bool):
        """A logged-in client whose cookies are reset before every request (a case may log out)."""
        cache = self._api if api else self._html
        if role not in cache:
            client = APIClient() if api else Client()
            user = self.user(role)
            if user is not None:
                client.force_login(user)
            cache[role] = client
            self._cookies[role, api] = SimpleCookie(client.cookies.output(header="", sep="\n"))
        client = cache[role]
        client.cookies = SimpleCookie(self._cookies[role, api].output(header="", sep="\n"))
        return client


def writes(queries: list[dict]) -> list[str]:
    found = []
    for q in queries:
        m = WRITE_RE.match(q["sql"])
        if m and not m.group(2).lower().startswith(WRITE_ALLOWED_TABLES):
            found.append(f"{m.group(1).upper()} {m.group(2)}")
    return found


def send(
    clients: Clients, role: str, route: Route, url: str, method: str, data: dict
) -> tuple[int, list[str]]:
    """One request inside a savepoint that is always rolled back: nothing any case does leaks into another."""
    client = clients.get(role, route.api)
    kwargs = {"format": "json"} if route.api and method != "get" else {}
    with CaptureQueriesContext(connection) as ctx:
        sid = transaction.savepoint()
        try:
            status = getattr(client, method)(url, data or {}, **kwargs).status_code
        except Exception:  # noqa: BLE001 - the test client re-raises a view's exception: that is a 500
            status = 500
        finally:
            transaction.savepoint_rollback(sid)
    return status, writes(ctx.captured_queries)


def check_entry(entry: Entry, route: Route, world: Any, clients: Clients, roles) -> tuple[int, list[str]]:
    """Run every declared (method, role) case of one entry; return the count and the failures."""
    failures: list[str] = []
    count = 0
    try:
        url = url_for(route, resolve_kwargs(entry, route, world))
    except Exception as exc:  # noqa: BLE001 - report, do not crash the whole matrix
        return 0, [f"{entry.name}: cannot build URL ({exc!r})"]
    for method in METHODS:
        if getattr(entry, method) is None:
            continue
        for role in roles:
            expected = entry.expected(method, role)
            if expected is None:
                continue
            count += 1
            status, written = send(clients, role, route, url, method, entry.data)
            written = [w for w in written if w.split()[-1] not in entry.allow_writes]
            problem = ""
            if status >= 500:
                problem = f"server error {status}"
            elif status not in expected:
                problem = f"expected {expected}, got {status}"
            elif (
                method != "get" and (status in DENIALS or (role == "anonymous" and status == 302)) and written
            ):
                problem = f"denied ({status}) but wrote: {sorted(set(written))}"
            if problem:
                failures.append(f"{method.upper()} {url} as {role}: {problem}")
    return count, failures
