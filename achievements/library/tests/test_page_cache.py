"""The cached library pages (selectors/pagecache.py): every change is visible on the next request, and no
reader is ever served a page rendered for a reader whose access differs."""

from __future__ import annotations

import pytest

from achievements.library.models import Favourite
from achievements.models import ApplicationScenario

from .conftest import REGISTERED_NOTE, SECRET

HEART = "bi-heart-fill"


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_list_is_cached_and_a_publication_shows_on_the_next_request(
    client_for, library, make_entry, django_assert_num_queries
):
    client = client_for("anonymous")
    assert "扶正化瘀抗肝纤维化中药颗粒" in _get(client, "/library/?technical_field=tcm")
    with django_assert_num_queries(0):  # page, facets and HTML from the cache
        _get(client, "/library/?technical_field=tcm")
    make_entry("新发布的护肝中药复方")
    assert "新发布的护肝中药复方" in _get(client, "/library/?technical_field=tcm")


def test_keyword_page_follows_an_unpublication(client_for, library, users):
    from achievements.library.services.publication import achievement_unpublish

    client = client_for("enterprise")
    assert "生物型人工肝支持系统" in _get(client, "/library/?q=人工肝")
    achievement_unpublish(achievement_id=library["liver_support"].pk, actor=users["staff"], reason="过期")
    assert "生物型人工肝支持系统" not in _get(client, "/library/?q=人工肝")


def test_favourite_marks_are_per_reader_and_follow_changes(client_for, library, users):
    entry = library["fibrosis"]
    mine, other = client_for("enterprise"), client_for("other_enterprise")
    assert HEART not in _get(mine, "/library/?technical_field=tcm")
    Favourite.objects.create(user=users["enterprise"], achievement=entry)
    assert HEART in _get(mine, "/library/?technical_field=tcm")
    assert HEART not in _get(other, "/library/?technical_field=tcm")
    assert HEART not in _get(client_for("anonymous"), "/library/?technical_field=tcm")
    Favourite.objects.filter(user=users["enterprise"]).delete()
    assert HEART not in _get(mine, "/library/?technical_field=tcm")


def test_anonymous_detail_is_cached_and_follows_an_edit(client_for, library, django_assert_num_queries):
    entry = library["fibrosis"]
    client = client_for("anonymous")
    assert entry.summary in _get(client, f"/library/{entry.pk}/")
    with django_assert_num_queries(0):
        _get(client, f"/library/{entry.pk}/")
    entry.summary = "改写后的简介：扶正化瘀"
    entry.save()
    assert "改写后的简介：扶正化瘀" in _get(client, f"/library/{entry.pk}/")
    entry.scenarios.set(ApplicationScenario.objects.exclude(code="clinical")[:1])
    new_scenario = entry.scenarios.get().name
    assert new_scenario in _get(client, f"/library/{entry.pk}/")


def test_a_section_made_confidential_disappears_for_visitors_on_the_next_request(client_for, make_entry):
    entry = make_entry("公开背景的成果", background="公开的研究背景文字", levels={"background": "public"})
    client = client_for("anonymous")
    assert "公开的研究背景文字" in _get(client, f"/library/{entry.pk}/")
    entry.confidentiality = {**(entry.confidentiality or {}), "background": "registered"}
    entry.save()
    assert "公开的研究背景文字" not in _get(client, f"/library/{entry.pk}/")


@pytest.mark.parametrize("first", ["anonymous", "enterprise"])
def test_visitors_and_signed_in_readers_never_share_a_detail_page(client_for, library, first):
    entry = library["fibrosis"]
    pages = {}
    for role in (first, "anonymous" if first == "enterprise" else "enterprise"):
        pages[role] = _get(client_for(role), f"/library/{entry.pk}/")
    assert REGISTERED_NOTE in pages["enterprise"] and REGISTERED_NOTE not in pages["anonymous"]
    assert SECRET not in pages["enterprise"] and SECRET not in pages["anonymous"]
    # the visitor's page again, now cached: still without the registered section
    assert REGISTERED_NOTE not in _get(client_for("anonymous"), f"/library/{entry.pk}/")


def test_no_model_instance_is_cached_for_visitors(client_for, library):
    """Confidential fields are decrypted on load: the cache holds the public page's HTML, not the record."""
    from django.conf import settings
    from django.core.cache import cache

    from achievements.library.selectors.pagecache import detail_key

    entry = library["fibrosis"]
    _get(client_for("anonymous"), f"/library/{entry.pk}/")
    cached = cache.get(detail_key(entry.pk, settings.LANGUAGE_CODE))
    assert cached is not None
    assert SECRET not in repr(cached) and "Achievement" not in repr(type(cached[1]["a"]))


def _queries(client, url: str) -> tuple[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        html = _get(client, url)
    return html, len(ctx.captured_queries)


def _in_shared_cache(text: str) -> bool:
    """Whether any value in the shared cache (locmem in tests, standing in for Redis) holds ``text``."""
    from django.core.cache import cache

    return any(text.encode() in value for value in cache._cache.values())


def test_signed_in_readers_with_the_same_access_share_a_body_that_never_reaches_the_shared_cache(
    client_for, library, users
):
    from achievements.library.selectors import pagecache
    from achievements.library.services import access

    entry = library["fibrosis"]
    url = f"/library/{entry.pk}/"
    first = _get(client_for("enterprise"), url)  # fills every cache (similar entries, generation, body)
    pagecache.clear_process_cache()
    _, uncached = _queries(client_for("enterprise"), url)  # the body rendered again, the rest cached
    second, shared = _queries(client_for("other_enterprise"), url)
    assert REGISTERED_NOTE in first and REGISTERED_NOTE in second and SECRET not in second
    assert shared <= uncached - 2  # the other reader's page read no section lists: the body was shared
    assert not _in_shared_cache(REGISTERED_NOTE)

    # a grant changes the reader's state: their body is rendered for them, the other reader's is not
    request = access.access_request_create(
        achievement_id=entry.pk, requester=users["enterprise"], message="评估", sections=[]
    )
    access.access_request_grant(request_id=request.pk, actor=users["holder"])
    assert SECRET in _get(client_for("enterprise"), url)
    assert SECRET not in _get(client_for("other_enterprise"), url)
    assert not _in_shared_cache(SECRET)


def test_signed_in_readers_see_an_edit_on_the_next_request(client_for, library):
    entry = library["fibrosis"]
    url = f"/library/{entry.pk}/"
    reader = client_for("enterprise")
    assert entry.summary in _get(reader, url)
    entry.summary = "改写后的简介：登录读者"
    entry.save()
    assert "改写后的简介：登录读者" in _get(reader, url)
    entry.scenarios.set(ApplicationScenario.objects.exclude(code="clinical")[:1])
    assert entry.scenarios.get().name in _get(reader, url)


def test_staff_detail_is_rendered_every_time(client_for, library, users):
    """Staff's page carries the entry's workflow log, which changes without an edit of the entry."""
    from platform_core.workflow.engine import history

    entry = library["fibrosis"]
    staff = client_for("staff")
    _get(staff, f"/library/{entry.pk}/")
    _, first = _queries(staff, f"/library/{entry.pk}/")
    _, again = _queries(staff, f"/library/{entry.pk}/")
    assert first == again and history(entry).exists()


def _token(html: str) -> str:
    import re

    return re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', html).group(1)


@pytest.mark.parametrize("path", ["list", "detail"])
def test_visitors_share_a_cached_page_but_each_gets_a_working_csrf_token(library, path):
    """The whole page is cached for visitors; the CSRF token in it (the language switch) is each visitor's."""
    from django.core.cache import cache
    from django.test import Client

    from achievements.library.selectors.pagecache import CSRF_PLACEHOLDER

    url = "/library/?technical_field=tcm" if path == "list" else f"/library/{library['fibrosis'].pk}/"
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_html = _get(first, url)
    cached = [v for k, v in cache._cache.items() if ":library:page:" in k]
    assert cached and CSRF_PLACEHOLDER.encode() in cached[0] and _token(first_html).encode() not in cached[0]
    second_html = _get(second, url)  # from the cache
    assert CSRF_PLACEHOLDER not in second_html and _token(second_html) != _token(first_html)
    for client, html in ((first, first_html), (second, second_html)):
        switched = client.post(
            "/i18n/setlang/", {"language": "en", "next": url, "csrfmiddlewaretoken": _token(html)}
        )
        assert switched.status_code == 302
    assert "Achievement library" in _get(second, url)  # the English page is cached apart from the Chinese one


def test_signed_in_readers_never_get_the_visitors_page(client_for, library):
    entry = library["fibrosis"]
    _get(client_for("anonymous"), f"/library/{entry.pk}/")
    _get(client_for("anonymous"), "/library/")
    assert 'data-testid="user-menu"' in _get(client_for("enterprise"), f"/library/{entry.pk}/")
    assert 'data-testid="user-menu"' in _get(client_for("enterprise"), "/library/")
