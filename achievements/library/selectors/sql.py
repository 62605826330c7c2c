# ruff: noqa: S608 - this module assembles SQL from identifiers and fixed fragments; every value is bound
"""The library's results query, written out as SQL (the hot path of every library page and API call).

Building the same query with the ORM costs several milliseconds of Python per request — more than the
database needs to answer it — so the page query is assembled here from the filters with bound parameters
only (never formatted values): facet columns, the keyword test (tsvector on PostgreSQL, token containment
elsewhere), the sort, and the one-row-longer slice that tells whether a next page exists. The facet counts
keep using the ORM (``search.filtered``) and are cached; a test checks both agree on every filter.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from achievements.models import AchievementType, TechnicalField

from ..models import Favourite, SearchDocument
from ..text import Query

DOC = SearchDocument._meta.db_table
FIELD = TechnicalField._meta.db_table
TYPE = AchievementType._meta.db_table
FAVOURITE = Favourite._meta.db_table

COLUMNS = [
    ("achievement_id", "d.achievement_id"),
    ("title", "d.title"),
    ("summary", "d.summary"),
    ("number", "d.number"),
    ("technical_field_id", "d.technical_field_id"),
    ("technical_field__name", "tf.name"),
    ("technical_field__code", "tf.code"),
    ("achievement_type_id", "d.achievement_type_id"),
    ("achievement_type__name", "at.name"),
    ("maturity", "d.maturity"),
    ("trl", "d.trl"),
    ("organization_name", "d.organization_name"),
    ("province", "d.province"),
    ("holder_kind", "d.holder_kind"),
    ("ip_status", "d.ip_status"),
    ("scenario_codes", "d.scenario_codes"),
    ("mode_codes", "d.mode_codes"),
    ("tags", "d.tags"),
    ("published_at", "d.published_at"),
    ("is_stale", "d.is_stale"),
]


def _in(column: str, values: list[Any], params: list[Any]) -> str:
    params.extend(values)
    return f"{column} IN ({', '.join(['%s'] * len(values))})"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def facet_sql(facet: str, values: list[str], params: list[Any]) -> str:
    """The SQL of one facet's filter (values of one facet are alternatives)."""
    from .search import NO_VALUE

    if facet == "technical_field":
        inner = _in("code", values, params)
        return f"d.technical_field_id IN (SELECT id FROM {FIELD} WHERE {inner})"
    if facet in ("scenario", "cooperation_mode"):
        column = "d.scenario_codes" if facet == "scenario" else "d.mode_codes"
        parts = []
        for value in values:
            params.append(f"% {_like_escape(value)} %")
            parts.append(f"{column} LIKE %s ESCAPE '\\'")
        return "(" + " OR ".join(parts) + ")"
    if facet == "trl":
        levels = [int(v) for v in values if v.isdigit()]
        parts = [_in("d.trl", levels, params)] if levels else []
        if NO_VALUE in values:
            parts.append("d.trl IS NULL")
        return "(" + " OR ".join(parts or ["1 = 0"]) + ")"
    if facet == "maturity":
        real = [v for v in values if v != NO_VALUE]
        parts = [_in("d.maturity", real, params)] if real else []
        if NO_VALUE in values:
            parts.append("d.maturity = ''")
        return "(" + " OR ".join(parts or ["1 = 0"]) + ")"
    column = {"ip_status": "d.ip_status", "region": "d.province", "holder_type": "d.holder_kind"}[facet]
    return _in(column, values, params)


def keyword_sql(query: Query, params: list[Any]) -> list[str]:
    """One condition per term (all must hold); the same semantics as ``search.keyword_condition``."""
    clauses: list[str] = []
    if not query:
        return clauses
    if connection.vendor == "postgresql":
        words = [t for t in query.terms if not t.is_phrase]
        if words:
            params.append(" & ".join(t.tsquery() for t in words))
            clauses.append("d.vector @@ (%s)::tsquery")
        for term in query.terms:
            if term.is_phrase:
                params.extend([term.tsquery(), f"%{_like_escape(term.text)}%"])
                clauses.append("(d.vector @@ (%s)::tsquery OR d.plain ILIKE %s ESCAPE '\\')")
        return clauses
    for term in query.terms:
        if term.is_phrase:
            params.extend([f"%{_like_escape(term.text)}%", "% " + _like_escape(" ".join(term.tokens)) + " %"])
            clauses.append("(d.plain LIKE %s ESCAPE '\\' OR d.tokens LIKE %s ESCAPE '\\')")
        else:
            params.append(f"% {_like_escape(term.tokens[0])} %")
            clauses.append("d.tokens LIKE %s ESCAPE '\\'")
    return clauses


def where_sql(filters: Any, params: list[Any]) -> str:
    from .search import FACETS

    clauses = keyword_sql(filters.query, params)
    for name in FACETS:
        values = filters.selected(name)
        if values:
            clauses.append(facet_sql(name, values, params))
    return " AND ".join(clauses) if clauses else "1 = 1"


def results_sql(
    filters: Any,
    *,
    user_id: int | None,
    sort: str,
    cap: int | None,
    offset: int,
    limit: int,
    with_plain: bool,
    dense: bool = False,
) -> tuple[str, list[Any]]:
    """The page query: columns for the list, one row beyond the page, ordered as asked.

    ``dense``: the keyword matches a large share of the library; the newest matches are then found by
    walking the newest-first index (a few hundred rows) instead of collecting every match first.
    """
    select_params: list[Any] = []
    columns = ", ".join(f'{expr} AS "{alias}"' for alias, expr in COLUMNS)
    if with_plain:
        columns += ', d.plain AS "plain"'
    if user_id:
        select_params.append(user_id)
        columns += (
            f", EXISTS(SELECT 1 FROM {FAVOURITE} f WHERE f.user_id = %s AND f.achievement_id = d.achievement_id)"
            ' AS "is_favourite"'
        )
    joins = (
        f"FROM {DOC} d LEFT OUTER JOIN {FIELD} tf ON tf.id = d.technical_field_id "
        f"LEFT OUTER JOIN {TYPE} at ON at.id = d.achievement_type_id"
    )
    where_params: list[Any] = []
    where = where_sql(filters, where_params)
    tie = "d.published_at DESC, d.achievement_id DESC"
    page = "LIMIT %s OFFSET %s"
    if sort == "relevance" and filters.query:
        query: Query = filters.query
        candidates = f"SELECT d.achievement_id FROM {DOC} d WHERE {where} ORDER BY {tie} LIMIT %s"
        if connection.vendor == "postgresql":
            rank = "ts_rank(d.vector, (%s)::tsquery)"
            rank_params: list[Any] = [query.any_tsquery()]
        else:
            parts, rank_params = [], []
            for term in query.terms:
                like = f"%{_like_escape(term.text)}%"
                parts.append(
                    "(CASE WHEN d.title LIKE %s ESCAPE '\\' THEN 3 ELSE 0 END"
                    " + CASE WHEN d.summary LIKE %s ESCAPE '\\' THEN 2 ELSE 0 END"
                    " + CASE WHEN d.tags LIKE %s ESCAPE '\\' THEN 1 ELSE 0 END)"
                )
                rank_params += [like, like, like]
            rank = " + ".join(parts)
        if connection.vendor == "postgresql" and not dense:
            # Every match through the indexes first (a materialised CTE keeps the planner from walking the
            # newest-first index and testing the large tsvector row by row), then the newest ``cap`` of
            # them are ranked.
            sql = (
                f"WITH m AS MATERIALIZED (SELECT d.achievement_id, d.published_at FROM {DOC} d WHERE {where}), "
                "c AS (SELECT m.achievement_id FROM m ORDER BY m.published_at DESC, m.achievement_id DESC LIMIT %s) "
                f"SELECT {columns} FROM c JOIN {DOC} d ON d.achievement_id = c.achievement_id "
                f"LEFT OUTER JOIN {FIELD} tf ON tf.id = d.technical_field_id "
                f"LEFT OUTER JOIN {TYPE} at ON at.id = d.achievement_type_id "
                f"ORDER BY {rank} DESC, {tie} {page}"
            )
            return sql, [*where_params, cap, *select_params, *rank_params, limit, offset]
        sql = (
            f"SELECT {columns} {joins} WHERE d.achievement_id IN ({candidates}) "
            f"ORDER BY {rank} DESC, {tie} {page}"
        )
        return sql, [*select_params, *where_params, cap, *rank_params, limit, offset]
    order = {
        "trl": f"d.trl IS NULL, d.trl DESC, {tie}",
        "trl_asc": f"d.trl IS NULL, d.trl ASC, {tie}",
    }.get(sort, tie)
    sql = f"SELECT {columns} {joins} WHERE {where} ORDER BY {order} {page}"
    return sql, [*select_params, *where_params, limit, offset]


SCENARIO = "achievements_applicationscenario"
MODE = "achievements_cooperationmode"


def facets_sql(filters: Any) -> tuple[str, list[Any]]:
    """PostgreSQL: every facet count in one statement. The keyword is tested once (a materialised set of
    the matching rows' facet columns); each facet then counts that set under the other facets' filters."""
    from .search import FACETS

    params: list[Any] = []
    keyword = " AND ".join(keyword_sql(filters.query, params)) or "1 = 1"
    matches = (
        "m AS MATERIALIZED (SELECT d.achievement_id, d.technical_field_id, d.maturity, d.trl, d.province, "
        f"d.holder_kind, d.ip_status, d.scenario_codes, d.mode_codes FROM {DOC} d WHERE {keyword})"
    )

    def others(exclude: str | None) -> str:
        parts = []
        for name in FACETS:
            values = filters.selected(name)
            if name != exclude and values:
                parts.append(facet_sql(name, values, params))
        return " AND ".join(parts) or "1 = 1"

    branches = [
        f"SELECT 'total' AS facet, '' AS value, '' AS label, count(*) AS n FROM m d WHERE {others(None)}"
    ]
    branches.append(
        "SELECT 'technical_field', COALESCE(tf.code, ''), COALESCE(tf.name, ''), count(*) FROM m d "
        f"LEFT OUTER JOIN {FIELD} tf ON tf.id = d.technical_field_id WHERE {others('technical_field')} "
        "GROUP BY tf.code, tf.name"
    )
    for name, column in (
        ("maturity", "d.maturity"),
        ("trl", "COALESCE(d.trl::text, '')"),
        ("region", "d.province"),
        ("holder_type", "d.holder_kind"),
        ("ip_status", "d.ip_status"),
    ):
        branches.append(f"SELECT '{name}', {column}, '', count(*) FROM m d WHERE {others(name)} GROUP BY 2")
    for name, column, table in (
        ("scenario", "d.scenario_codes", SCENARIO),
        ("cooperation_mode", "d.mode_codes", MODE),
    ):
        branches.append(
            f"SELECT '{name}', v.code, v.name, count(*) FROM m d "
            f"CROSS JOIN LATERAL unnest(string_to_array(btrim({column}), ' ')) AS code(value) "
            f"JOIN {table} v ON v.code = code.value WHERE {others(name)} GROUP BY v.code, v.name"
        )
    return f"WITH {matches} " + " UNION ALL ".join(branches), params


def fetch(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    if connection.vendor != "postgresql":
        _coerce_sqlite(rows)
    return rows


def _coerce_sqlite(rows: list[dict[str, Any]]) -> None:
    """SQLite hands back text dates and 0/1 booleans through a bare cursor: make them what the ORM gives."""
    import datetime as dt

    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    for row in rows:
        value = row.get("published_at")
        if isinstance(value, str):
            value = parse_datetime(value)
        if isinstance(value, dt.datetime) and timezone.is_naive(value):
            value = timezone.make_aware(value, dt.UTC)
        row["published_at"] = value
        for key in ("is_stale", "is_favourite"):
            if key in row and row[key] is not None:
                row[key] = bool(row[key])
