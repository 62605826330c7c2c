"""Library search: Chinese keywords, facets, sorting, paging, and that only public text is searchable."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from achievements.library.models import SearchDocument
from achievements.library.selectors.search import LibraryFilters, facet_counts, filtered, library_search
from achievements.library.selectors.sql import fetch, results_sql

from .conftest import REGISTERED_NOTE, SECRET


def search(params: str, **kwargs):
    return library_search(LibraryFilters.from_params(QueryDict(params)), **kwargs)


def titles(page) -> set[str]:
    return {r["title"] for r in page.results}


def test_keyword_finds_domain_terms(library):
    assert titles(search("q=肝纤维化")) == {library["fibrosis"].name}


def test_compound_term_has_no_false_match(library):
    """人工肝 must not match 人工智能 … 肝 (PERFORMANCE.md pitfall)."""
    found = titles(search("q=人工肝"))
    assert found == {library["liver_support"].name}
    assert library["ai"].name not in found


def test_two_character_word(library):
    found = titles(search("q=肝病"))
    assert library["followup"].name in found
    assert library["fibrosis"].name not in found


def test_all_terms_must_match(library):
    assert titles(search("q=人工智能 超声")) == {library["ai"].name}
    assert titles(search("q=人工智能 颗粒")) == set()


def test_phrase_of_several_words(library):
    assert titles(search("q=肝脏超声辅助诊断")) == {library["ai"].name}


def test_confidential_and_registered_text_are_never_searchable(library):
    assert SearchDocument.objects.filter(plain__contains=SECRET).count() == 0
    assert SearchDocument.objects.filter(plain__contains=REGISTERED_NOTE).count() == 0
    assert search(f"q={SECRET}").results == []


def test_facets_count_every_dimension(library):
    counts = facet_counts(LibraryFilters.from_params(QueryDict("")))
    assert counts["total"] == 4
    facets = {name: {v: n for v, _label, n in values} for name, values in counts["facets"].items()}
    assert facets["technical_field"] == {"big_data_ai": 2, "tcm": 1, "medical_device": 1}
    assert facets["maturity"] == {"pilot": 2, "industrial": 1, "lab": 1}
    assert facets["scenario"]["health_management"] == 2
    assert facets["cooperation_mode"]["license"] == 4
    assert facets["ip_status"]["granted"] == 1
    assert facets["trl"]["8"] == 1
    assert facets["region"]["北京市"] == 2
    assert facets["holder_type"]["enterprise"] == 1


def test_facet_counts_follow_the_keyword_and_other_filters(library):
    counts = facet_counts(LibraryFilters.from_params(QueryDict("q=超声&maturity=lab")))
    facets = {name: {v: n for v, _l, n in values} for name, values in counts["facets"].items()}
    assert counts["total"] == 0
    # the maturity facet ignores its own filter (so the other values can still be chosen)
    assert facets["maturity"] == {"pilot": 1}


def test_filters_and_sorting(library):
    page = search("maturity=pilot,industrial&sort=trl")
    assert [r["trl"] for r in page.results] == [8, 6, 5]
    page = search("technical_field=big_data_ai&sort=trl_asc")
    assert [r["trl"] for r in page.results] == [3, 5]
    page = search("scenario=public_health")
    assert titles(page) == {library["followup"].name}
    page = search("region=上海市&holder_type=enterprise")
    assert titles(page) == {library["liver_support"].name}
    page = search("ip_status=granted")
    assert titles(page) == {library["fibrosis"].name}


def test_paging_without_counting(library):
    first = search("sort=newest", page=1, page_size=3)
    second = search("sort=newest", page=2, page_size=3)
    assert first.has_next and not second.has_next
    assert len(first.results) == 3 and len(second.results) == 1
    assert not titles(first) & titles(second)
    assert first.total == 4


def test_facet_cache_is_invalidated_by_publication(library, make_entry):
    filters = LibraryFilters.from_params(QueryDict("q=肝纤维化"))
    assert facet_counts(filters)["total"] == 1
    make_entry("肝纤维化无创诊断试剂盒", field="diagnostic_reagent", kind="diagnostic_reagent")
    assert facet_counts(filters)["total"] == 2


@pytest.mark.parametrize(
    "params",
    [
        "",
        "q=肝",
        "q=人工智能 超声",
        "q=肝脏超声辅助诊断",
        "technical_field=big_data_ai&maturity=lab,pilot",
        "scenario=health_management,clinical&cooperation_mode=equity",
        "trl=5,8&region=上海市,河北省",
        "trl=none&maturity=none",
        "holder_type=hospital&ip_status=granted,none",
    ],
)
def test_page_query_and_facet_query_agree(library, params):
    """The page's SQL and the facet counts' ORM filter select exactly the same entries."""
    filters = LibraryFilters.from_params(QueryDict(params))
    sql, sql_params = results_sql(
        filters, user_id=None, sort="newest", cap=None, offset=0, limit=100, with_plain=False
    )
    from_sql = {row["achievement_id"] for row in fetch(sql, sql_params)}
    from_orm = set(filtered(filters).values_list("achievement_id", flat=True))
    assert from_sql == from_orm
    assert facet_counts(filters)["total"] == len(from_orm)


def test_relevance_puts_title_matches_first(library, make_entry):
    make_entry("慢性肝病中医健康管理方案", summary="包含随访管理内容", field="tcm", kind="new_therapy")
    page = search("q=随访管理")
    assert page.sort == "relevance"
    assert page.results[0]["title"] == library["followup"].name


def test_highlighted_results(client, library):
    response = client.get("/library/", {"q": "肝纤维化"})
    assert response.status_code == 200
    assert "<mark>肝纤维化</mark>" in response.content.decode()


def test_bad_parameters_are_ignored_not_errors(client, library):
    response = client.get(
        "/library/", {"page": "abc", "trl": "99", "sort": "drop table", "page_size": "9999"}
    )
    assert response.status_code == 200
    api = client.get("/api/v1/library/", {"page": "abc"})
    assert api.status_code == 400
