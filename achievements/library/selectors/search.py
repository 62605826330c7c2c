"""Library search (000 §5.2.1.2.7): filters, Chinese keywords, facets, sorting, fast paging.

One selector for every database. On PostgreSQL the keyword test is the GIN-indexed tsvector
(``'simple'`` configuration; the document and the query are segmented by the same jieba tokenizer, and a
term of several tokens is a phrase, so 人工肝 never matches 人工智能 + 肝) and, for phrases, a pg_trgm
substring test as a fallback; on SQLite it is token containment on the stored token string. Relevance
ranks a capped candidate set (filters first, then the newest N matches are ranked). Pages are fetched one
row long (``has_next``) instead of counting; the total comes with the facet counts, cached per filter set
and invalidated when the library changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    F,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from achievements.models import Achievement, Maturity

from ..models import HolderKind, IpStatus, SearchDocument
from ..services.indexing import generation
from ..text import Query, parse_query
from .expressions import plain_contains, vector_matches

FACETS: dict[str, Any] = {
    "technical_field": _("Technical field"),
    "maturity": _("Maturity"),
    "scenario": _("Application scenario"),
    "cooperation_mode": _("Cooperation mode"),
    "ip_status": _("IP status"),
    "trl": _("Technology readiness level"),
    "region": _("Region"),
    "holder_type": _("Holder type"),
}
SORTS: dict[str, Any] = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "trl": _("TRL, highest first"),
    "trl_asc": _("TRL, lowest first"),
}
CHOICE_LABELS: dict[str, dict[str, Any]] = {
    "maturity": dict(Maturity.choices),
    "ip_status": dict(IpStatus.choices),
    "holder_type": dict(HolderKind.choices),
}
MAX_PAGE_SIZE = 100
FACET_TTL = 600
NO_VALUE = "none"


def relevance_candidates() -> int:
    """How many of the newest matches a keyword search ranks by relevance (setting
    ``LIBRARY_RELEVANCE_CANDIDATES``, default 400): filters apply first, then ranking reads only these."""
    return int(getattr(settings, "LIBRARY_RELEVANCE_CANDIDATES", 400))


def _values(params: Any, name: str) -> list[str]:
    """Repeated parameters and comma-separated values both work: ?maturity=lab&maturity=pilot or lab,pilot."""
    raw = params.getlist(name) if hasattr(params, "getlist") else params.get(name) or []
    if isinstance(raw, str):
        raw = [raw]
    found: list[str] = []
    for item in raw:
        for value in str(item).replace("，", ",").split(","):
            value = value.strip()[:60]
            if value and value not in found:
                found.append(value)
    return found[:20]


@dataclass
class LibraryFilters:
    q: str = ""
    technical_field: list[str] = field(default_factory=list)
    maturity: list[str] = field(default_factory=list)
    scenario: list[str] = field(default_factory=list)
    cooperation_mode: list[str] = field(default_factory=list)
    ip_status: list[str] = field(default_factory=list)
    trl: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    holder_type: list[str] = field(default_factory=list)
    sort: str = ""

    @classmethod
    def from_params(cls, params: Any) -> LibraryFilters:
        filters = cls(q=(params.get("q") or "").strip()[:200])
        for name in FACETS:
            setattr(filters, name, _values(params, name))
        filters.trl = [v for v in filters.trl if v == NO_VALUE or (v.isdigit() and 1 <= int(v) <= 9)]
        sort = params.get("sort") or ""
        filters.sort = sort if sort in SORTS else ""
        return filters

    @property
    def query(self) -> Query:
        return parse_query(self.q)

    @property
    def effective_sort(self) -> str:
        if self.sort == "relevance" and not self.query:
            return "newest"
        return self.sort or ("relevance" if self.query else "newest")

    def selected(self, facet: str) -> list[str]:
        return getattr(self, facet)

    def facet_state(self) -> dict[str, list[str]]:
        return {name: sorted(getattr(self, name)) for name in FACETS}

    def key(self) -> str:
        data = {"q": " ".join(t.text for t in self.query.terms), **self.facet_state()}
        return hashlib.sha1(
            json.dumps(data, sort_keys=True, ensure_ascii=False).encode(), usedforsecurity=False
        ).hexdigest()

    def as_params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"q": self.q} if self.q else {}
        for name in FACETS:
            if getattr(self, name):
                params[name] = ",".join(getattr(self, name))
        if self.sort:
            params["sort"] = self.sort
        return params

    @property
    def is_empty(self) -> bool:
        return not self.q and not any(getattr(self, name) for name in FACETS)


# --------------------------------------------------------------------------- conditions
def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _delimited_any(column: str, codes: list[str]) -> Q:
    q = Q()
    for code in codes:
        q |= Q(**{f"{column}__contains": f" {code} "})
    return q


def facet_condition(facet: str, values: list[str]) -> Q:
    """The filter of one facet (values of one facet are alternatives: OR)."""
    if not values:
        return Q()
    if facet == "technical_field":
        return Q(technical_field__code__in=values)
    if facet == "maturity":
        return Q(maturity__in=[v for v in values if v != NO_VALUE]) | (
            Q(maturity="") if NO_VALUE in values else Q(pk__in=[])
        )
    if facet == "scenario":
        return _delimited_any("scenario_codes", values)
    if facet == "cooperation_mode":
        return _delimited_any("mode_codes", values)
    if facet == "ip_status":
        return Q(ip_status__in=values)
    if facet == "trl":
        levels = [int(v) for v in values if v.isdigit()]
        q = Q(trl__in=levels) if levels else Q(pk__in=[])
        return q | Q(trl__isnull=True) if NO_VALUE in values else q
    if facet == "region":
        return Q(province__in=values)
    if facet == "holder_type":
        return Q(holder_kind__in=values)
    raise ValueError(facet)


def keyword_condition(query: Query) -> Q:
    """Every term must match. A one-token term is a word of the index (including the dictionary
    sub-words of longer words); a term of several tokens is a phrase (adjacent tokens) or, as a
    fallback for segmentation differences, the same characters in the public text."""
    if not query:
        return Q()
    if _is_postgres():
        words = [t for t in query.terms if not t.is_phrase]
        phrases = [t for t in query.terms if t.is_phrase]
        condition = Q()
        if words:
            condition &= Q(vector_matches(" & ".join(t.tsquery() for t in words)))
        for term in phrases:
            condition &= Q(vector_matches(term.tsquery())) | Q(plain_contains(term.text))
        return condition
    condition = Q()
    for term in query.terms:
        if term.is_phrase:
            condition &= Q(plain__icontains=term.text) | Q(tokens__contains=" " + " ".join(term.tokens) + " ")
        else:
            condition &= Q(tokens__contains=f" {term.tokens[0]} ")
    return condition


def filtered(filters: LibraryFilters, *, exclude_facet: str | None = None) -> QuerySet[SearchDocument]:
    """The library narrowed by the keyword and every facet (but ``exclude_facet``)."""
    queryset = SearchDocument.objects.all()
    condition = keyword_condition(filters.query)
    for name in FACETS:
        if name != exclude_facet:
            condition &= facet_condition(name, filters.selected(name))
    return queryset.filter(condition) if condition else queryset


# --------------------------------------------------------------------------- facets
def _facet_branch(facet: str, filters: LibraryFilters) -> QuerySet:
    base = filtered(filters, exclude_facet=facet).order_by()
    tag = Value(facet, output_field=CharField())
    empty = Value("", output_field=CharField())
    if facet in ("scenario", "cooperation_mode"):
        through = (
            Achievement.scenarios.through if facet == "scenario" else Achievement.cooperation_modes.through
        )
        target = "applicationscenario" if facet == "scenario" else "cooperationmode"
        return (
            through.objects.filter(achievement_id__in=Subquery(base.values("achievement_id")))
            .order_by()
            .values(facet_name=tag, value=F(f"{target}__code"), label=F(f"{target}__name"))
            .annotate(n=Count("pk"))
        )
    column, label = {
        "technical_field": ("technical_field__code", F("technical_field__name")),
        "maturity": ("maturity", empty),
        "ip_status": ("ip_status", empty),
        "trl": ("trl", empty),
        "region": ("province", empty),
        "holder_type": ("holder_kind", empty),
    }[facet]
    return base.values(facet_name=tag, value=Cast(column, CharField()), label=label).annotate(
        n=Count("achievement_id")
    )


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: Any
    values: list[FacetValue]

    @property
    def selected_count(self) -> int:
        return sum(1 for v in self.values if v.selected)


def _value_label(facet: str, value: str, label: str) -> str:
    if facet in CHOICE_LABELS and value in CHOICE_LABELS[facet]:
        return str(CHOICE_LABELS[facet][value])
    if value in ("", "None", NO_VALUE):
        return str(_("Not specified"))
    if facet == "trl":
        return f"TRL {value}"
    return label or value


def facet_counts(filters: LibraryFilters) -> dict[str, Any]:
    """{"total": n, "facets": {name: [(value, label, count), …]}}, one query for all facets, cached per
    filter set until the library changes."""
    key = f"library:facets:{generation()}:{filters.key()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    if _is_postgres():
        from .sql import facets_sql, fetch

        sql, params = facets_sql(filters)
        rows = [
            {"facet_name": r["facet"], "value": r["value"], "label": r["label"], "n": r["n"]}
            for r in fetch(sql, params)
        ]
    else:
        rows = _facet_rows_orm(filters)
    result = _facet_result(rows)
    cache.set(key, result, FACET_TTL)
    return result


def _facet_rows_orm(filters: LibraryFilters) -> list[dict[str, Any]]:
    """The same counts through the ORM (SQLite and other databases)."""
    total_branch = (
        filtered(filters)
        .order_by()
        .values(
            facet_name=Value("total", output_field=CharField()),
            value=Value("", output_field=CharField()),
            label=Value("", output_field=CharField()),
        )
        .annotate(n=Count("achievement_id"))
    )
    branches = [_facet_branch(name, filters) for name in FACETS]
    return list(total_branch.union(*branches, all=True))


def _facet_result(rows: list[dict[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {"total": 0, "facets": {name: [] for name in FACETS}}
    for row in rows:
        name = row["facet_name"]
        if name == "total":
            result["total"] = row["n"]
            continue
        value = "" if row["value"] is None else str(row["value"])
        value = value or NO_VALUE
        result["facets"][name].append((value, _value_label(name, value, row["label"] or ""), row["n"]))
    for name, values in result["facets"].items():
        if name == "trl":
            values.sort(key=lambda v: (v[0] == NO_VALUE, -int(v[0]) if v[0].isdigit() else 0))
        elif name == "maturity":
            order = {code: i for i, code in enumerate(Maturity.values)}
            values.sort(key=lambda v: order.get(v[0], 99))
        else:
            values.sort(key=lambda v: (v[0] == NO_VALUE, -v[2], v[1]))
    return result


def facets_for(filters: LibraryFilters, counts: dict[str, Any]) -> list[Facet]:
    facets = []
    for name, label in FACETS.items():
        selected = set(filters.selected(name))
        values = [FacetValue(v, lbl, n, v in selected) for v, lbl, n in counts["facets"].get(name, [])]
        present = {v.value for v in values}
        for value in selected - present:  # a selected value with no match stays visible (to unselect it)
            values.append(FacetValue(value, _value_label(name, value, value), 0, True))
        facets.append(Facet(name=name, label=label, values=values))
    return facets


# --------------------------------------------------------------------------- results
@dataclass
class SearchPage:
    results: list[dict[str, Any]]
    number: int
    page_size: int
    has_next: bool
    total: int
    facets: list[Facet]
    sort: str
    query: Query
    capped: bool = False

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_number(self) -> int:
        return max(self.number - 1, 1)

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.page_size + 1 if self.results else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.results) - 1 if self.results else 0


DENSE_SHARE = 0.25


def library_size() -> int:
    """Entries in the library (cached until the library changes)."""
    key = f"library:size:{generation()}"
    size = cache.get(key)
    if size is None:
        size = SearchDocument.objects.count()
        cache.set(key, size, FACET_TTL)
    return size


def page_rows(
    filters: LibraryFilters,
    *,
    user: Any = None,
    cap: int | None,
    offset: int,
    limit: int,
    total: int | None = None,
) -> list[dict[str, Any]]:
    """Rows ``offset`` … ``limit`` of the ordered results (one query, see ``sql.results_sql``). ``total``
    (the cached count of matches) lets a keyword that matches a large share of the library take the
    newest-first walk instead of collecting every match."""
    from .sql import fetch, results_sql

    dense = bool(
        total is not None and cap is not None and total > 4 * cap and total > DENSE_SHARE * library_size()
    )
    sql, params = results_sql(
        filters,
        user_id=user.pk if getattr(user, "is_authenticated", False) else None,
        sort=filters.effective_sort,
        cap=cap,
        offset=offset,
        limit=max(limit - offset, 0),
        with_plain=bool(filters.query),
        dense=dense,
    )
    return fetch(sql, params)


def library_search(
    filters: LibraryFilters,
    *,
    user: Any = None,
    page: int = 1,
    page_size: int = 20,
    with_facets: bool = True,
) -> SearchPage:
    """One page of the library: at most two queries (the page; the facets when not cached)."""
    page = max(int(page or 1), 1)
    page_size = min(max(int(page_size or 20), 1), MAX_PAGE_SIZE)
    sort = filters.effective_sort
    cap = relevance_candidates() if sort == "relevance" else None
    offset = (page - 1) * page_size
    counts = facet_counts(filters)
    rows: list[dict[str, Any]] = []
    if cap is None or offset < cap:
        limit = offset + page_size + 1
        if cap is not None:
            limit = min(limit, cap)
        rows = page_rows(filters, user=user, cap=cap, offset=offset, limit=limit, total=counts["total"])
    has_next = len(rows) > page_size
    rows = rows[:page_size]
    capped = cap is not None and counts.get("total") is not None and counts["total"] > cap
    if cap is not None and offset + page_size >= cap:
        has_next = False
    return SearchPage(
        results=rows,
        number=page,
        page_size=page_size,
        has_next=has_next,
        total=counts["total"],
        facets=facets_for(filters, counts) if with_facets else [],
        sort=sort,
        query=filters.query,
        capped=capped,
    )


def vocabulary_labels(counts: dict[str, Any] | None = None) -> dict[str, dict[str, str]]:
    """Labels of codes (scenario and mode names for the result rows): from the facet counts when the page
    has them, else from the vocabularies (one query, cached until the library changes)."""
    if counts is not None:
        return {name: {v: lbl for v, lbl, _n in values} for name, values in counts.get("facets", {}).items()}
    key = f"library:vocabulary:{generation()}"
    labels = cache.get(key)
    if labels is None:
        from achievements.models import ApplicationScenario, CooperationMode

        tag = CharField()
        rows = (
            ApplicationScenario.objects.order_by()
            .values_list(Value("scenario", output_field=tag), "code", "name")
            .union(
                CooperationMode.objects.order_by().values_list(
                    Value("cooperation_mode", output_field=tag), "code", "name"
                ),
                all=True,
            )
        )
        labels = {"scenario": {}, "cooperation_mode": {}}
        for name, code, label in rows:
            labels[name][code] = label
        cache.set(key, labels, FACET_TTL)
    return labels
