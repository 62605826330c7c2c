"""Cached reads behind the library's busiest pages (issue 12: the load test).

- ``list_body``: the rendered results, facets and pager of a list page, the same for every reader but
  the favourite marks (part of the key). Keyed by the library's generation (bumped on every change of a
  library entry), the normalised filters, page and page size, the full query string and the language.
- ``anonymous_detail``: the detail page a visitor who is not logged in sees (public sections only), as
  rendered HTML and plain data, never a model instance (confidential fields are decrypted on load). Keyed
  by the achievement and the language, checked against the generation, and deleted whenever the
  achievement or one of its sections is saved (``forget_entry``, connected in ``apps.py``).
- ``similar``: the similar entries of a detail page, the same for every reader.
- ``reader_detail_body``: the body of a signed-in reader's detail page (not staff's), kept **in the worker
  process's memory only** (it may hold sections above the public level, which never go to Redis), keyed by
  what decides it: the entry, the language, the library's generation, the entry's change stamp (bumped by
  ``forget_entry``) and the reader's view state (sections visible and granted, level, access request). The
  reader's access is worked out on every request; only the rendering of an identical body is saved.

- ``visitor_page``: the whole page a visitor who is not logged in gets (list or detail), as HTML with its
  CSRF token replaced by a placeholder; each visitor's own token is put back when it is served. Keyed by
  the path and query string, the language, the generation and (detail) the entry's change stamp; skipped
  when the visitor has a message waiting.

Every Redis entry also expires after ``PAGE_TTL`` seconds, which bounds what a change outside these paths
could leave stale.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from ..services.indexing import generation

PAGE_TTL = 300
READER_BODIES_MAX = 256  # per worker process: ~20 KB each

_reader_bodies: OrderedDict = OrderedDict()
_reader_lock = threading.Lock()


def render_fragment(template_name: str, context: dict[str, Any], request: Any) -> str:
    """A page fragment rendered without the context processors (the menu and the unread count belong to
    the page around it, rendered per request): only ``request`` and ``user`` are added."""
    from django.template import Context, engines

    template = engines["django"].get_template(template_name).template
    ctx = Context({"request": request, "user": request.user, **context})
    ctx.request = request  # {% querystring %} reads the request from the context
    return template.render(ctx)


def list_key(filters: Any, page: int, page_size: int, current: int) -> str:
    data = json.dumps([filters.as_params(), page, page_size], sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha1(data.encode(), usedforsecurity=False).hexdigest()
    return f"library:list:{current}:{digest}"


def _favourites(user: Any, ids: list[int]) -> set[int]:
    """Which of ``ids`` the reader saved (one query for a signed-in reader)."""
    if not ids or not getattr(user, "is_authenticated", False):
        return set()
    from ..models import Favourite

    return set(
        Favourite.objects.filter(user_id=user.pk, achievement_id__in=ids).values_list(
            "achievement_id", flat=True
        )
    )


def list_body(request: Any, filters: Any, page: int, page_size: int, *, build, render) -> tuple[Any, int]:
    """The rendered results, facets and pager of a list page, and the number of matches.

    ``build()`` gives the page's data (the same for every reader but the favourite marks of its rows);
    ``render(data, favourites)`` its HTML with the reader's favourite marks. The HTML holds nothing reader-specific but those marks, which are
    part of its key (readers with the same marks on the page share it), and links built from the full
    query string, which is part of the key too. Keys carry the library's generation."""
    from django.utils import translation
    from django.utils.safestring import mark_safe

    base = list_key(filters, page, page_size, generation())
    query = json.dumps(sorted(request.GET.lists()), ensure_ascii=False)
    variant = hashlib.sha1(
        f"{query}|{translation.get_language()}".encode(), usedforsecurity=False
    ).hexdigest()
    meta_key = f"{base}:meta"
    signed_in = getattr(request.user, "is_authenticated", False)
    found = cache.get_many([meta_key, f"{base}:html:{variant}:[]"])
    meta = found.get(meta_key)
    data = None
    if meta is None:
        data = build()  # the page query marks the reader's favourites itself (no extra query)
        meta = {"ids": [r["id"] for r in data["rows"]], "total": data["page"].total}
        cache.set(meta_key, meta, PAGE_TTL)
        favourites = {r["id"] for r in data["rows"] if r.get("is_favourite")}
    else:
        favourites = _favourites(request.user, meta["ids"]) if signed_in else set()
    html_key = f"{base}:html:{variant}:{sorted(favourites)}"
    html = found.get(html_key) if not favourites else cache.get(html_key)
    if html is None:
        if data is None:
            data = build()
        html = str(render(data, favourites))
        cache.set(html_key, html, PAGE_TTL)
    return mark_safe(html), meta["total"]  # noqa: S308 (our own template's output)


def detail_key(pk: int, language: str) -> str:
    return f"library:detail:anonymous:{pk}:{language}"


def anonymous_detail(pk: int, build) -> dict[str, Any]:
    """The detail page for visitors who are not logged in (public sections only; plain data and HTML, no
    model instance): ``build()`` on a miss, after a change of the library or of this achievement."""
    from django.utils import translation

    key = detail_key(pk, translation.get_language())
    current = generation()
    cached = cache.get(key)
    if cached is not None and cached[0] == current:
        return cached[1]
    data = build()
    cache.set(key, (current, data), PAGE_TTL)
    return data


def similar_key(pk: int) -> str:
    return f"library:similar:{generation()}:{pk}"


def similar(pk: int, build) -> list[dict[str, Any]]:
    key = similar_key(pk)
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, PAGE_TTL)
    return found


CSRF_PLACEHOLDER = "__csrf_token__"  # "_" is outside the token's alphabet: no token can contain it
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


def visitor_page_key(request: Any, *parts: Any) -> str:
    from django.utils import translation

    raw = json.dumps([request.get_full_path(), translation.get_language(), *parts], ensure_ascii=False)
    return "library:page:" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


def visitor_page(request: Any, key_parts: Callable[[], tuple], render: Callable[[], Any]) -> Any:
    """The page for a visitor who is not logged in, from the cache (``render()`` on a miss); ``key_parts()``
    gives what besides the URL and language it depends on. Signed-in readers, and visitors with a message
    waiting (it is shown once), always get ``render()``."""
    from django.contrib.messages import get_messages
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    if getattr(request.user, "is_authenticated", False) or len(get_messages(request)):
        return render()
    key = visitor_page_key(request, *key_parts())
    html = cache.get(key)
    if html is None:
        response = render()
        if response.status_code == 200 and not response.streaming:
            html = response.content.decode(response.charset)
            token = _CSRF_INPUT.search(html)
            cache.set(key, html.replace(token.group(1), CSRF_PLACEHOLDER) if token else html, PAGE_TTL)
        return response
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))


def entry_stamp(pk: int) -> int:
    return int(cache.get(stamp_key(pk), 0))


def stamp_key(pk: int) -> str:
    return f"library:detail:stamp:{pk}"


def _bump_stamp(pk: int) -> None:
    key = stamp_key(pk)
    try:
        cache.incr(key)
    except ValueError:  # not there yet (or expired): any new value differs from the 0 readers assumed
        cache.set(key, 1, None)


def reader_detail_body(pk: int, state: tuple, build) -> str:
    """The body of a signed-in reader's detail page from this process's memory, ``build()`` on a miss."""
    from django.utils import translation

    key = (pk, translation.get_language(), generation(), entry_stamp(pk), state)
    with _reader_lock:
        html = _reader_bodies.get(key)
        if html is not None:
            _reader_bodies.move_to_end(key)
            return html
    html = str(build())
    with _reader_lock:
        _reader_bodies[key] = html
        while len(_reader_bodies) > READER_BODIES_MAX:
            _reader_bodies.popitem(last=False)
    return html


def clear_process_cache() -> None:
    """Forget the in-process bodies (tests: each starts like a new process)."""
    with _reader_lock:
        _reader_bodies.clear()


def forget_entry(achievement_id: int | None) -> None:
    """Drop the cached anonymous detail page of one achievement and bump its change stamp, which retires the
    signed-in readers' bodies kept in every process (now and after the transaction commits)."""
    if not achievement_id:
        return
    from django.conf import settings
    from django.db import transaction

    keys = [detail_key(achievement_id, code) for code, _name in settings.LANGUAGES]

    def forget() -> None:
        cache.delete_many(keys)
        _bump_stamp(achievement_id)

    forget()
    transaction.on_commit(forget)
