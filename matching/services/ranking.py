"""Ranking achievements for a demand over the index (the read path of the matching engine).

1. Candidates, one SQL round trip: for each informative query token, the postings of highest impact
   (overall and, when the demand names a field, within that field), plus the most-noticed profiles that
   pass the structured prefilter (field, maturity, TRL) — all through indexed columns.
2. Exact scoring of the few hundred candidates: their postings for the query tokens (one query), their
   profiles (one query), their price expectations (one query, decrypted here only), then the pure
   engine functions.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db import connection

from achievements.models import Achievement

from .. import engine
from ..engine import AchievementFeatures, DemandFeatures, Match, Weights
from ..models import MatchProfile, TokenPosting
from .index import corpus_stats, idf_map

PER_TOKEN = 80  # highest-impact postings read per query token (overall)
PER_TOKEN_FIELD = 120  # … and within the demand's field
STRUCTURED = 50  # profiles read from the structured prefilter alone
RERANK = 160  # candidates scored exactly
PRICE_BATCH = 20  # prices decrypted per step
MAX_QUERY_TOKENS = 20


def _query_tokens(query: Mapping[str, float], idfs: Mapping[str, float]) -> list[str]:
    """The most informative query tokens (by weight × IDF), at most ``MAX_QUERY_TOKENS``."""
    ranked = sorted((t for t in query if t in idfs), key=lambda t: -query[t] * idfs[t])
    return ranked[:MAX_QUERY_TOKENS]


def _candidate_sql(tokens: list[str], field_id: int | None) -> tuple[str, list]:
    table = TokenPosting._meta.db_table
    parts: list[str] = []
    params: list = []
    for token in tokens:
        parts.append(
            f"SELECT * FROM (SELECT profile_id, token, impact FROM {table} WHERE token = %s "  # noqa: S608
            f"ORDER BY impact DESC LIMIT {PER_TOKEN}) t{len(parts)}"
        )
        params.append(token)
        if field_id is not None:
            parts.append(
                f"SELECT * FROM (SELECT profile_id, token, impact FROM {table} WHERE token = %s "  # noqa: S608
                f"AND field_key = %s ORDER BY impact DESC LIMIT {PER_TOKEN_FIELD}) t{len(parts)}"
            )
            params += [token, field_id]
    return " UNION ALL ".join(parts), params


def text_candidates(d: DemandFeatures, idfs: Mapping[str, float], tokens: list[str]) -> dict[int, float]:
    """Approximate text scores (Σ idf·qw·impact over the postings read) of the text candidates."""
    if not tokens:
        return {}
    sql, params = _candidate_sql(tokens, d.field_id)
    approx: dict[int, float] = defaultdict(float)
    seen: set[tuple[int, str]] = set()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for profile_id, token, imp in cursor.fetchall():
            if (profile_id, token) in seen:
                continue
            seen.add((profile_id, token))
            approx[profile_id] += idfs[token] * d.query[token] * imp
    return approx


def structured_candidates(d: DemandFeatures, exclude: set[int]) -> list[int]:
    """The most-noticed public profiles passing the prefilter (field, maturity, TRL), read in
    attention order through the (is_public, field, -popularity) index."""
    # ``is_public__in=[True]`` (not ``=True``): SQLite then compares the column, so the index prefix applies
    qs = (
        MatchProfile.objects.filter(field_key=d.field_id)
        if d.field_id is not None
        else MatchProfile.objects.filter(is_public__in=[True])
    )
    if d.min_maturity:
        qs = qs.filter(maturity_rank__gte=d.min_maturity)
    if d.min_trl:
        qs = qs.filter(trl__gte=d.min_trl)
    ids = qs.order_by("-popularity").values_list("achievement_id", flat=True)[: STRUCTURED + len(exclude)]
    return [pk for pk in ids if pk not in exclude][:STRUCTURED]


def _codes(value: str) -> frozenset[str]:
    return frozenset(c for c in value.split(",") if c)


def load_candidates(
    ids: Iterable[int], query: Mapping[str, float]
) -> tuple[dict[int, AchievementFeatures], dict[int, int], dict[int, dict[str, float]]]:
    """Features (price left unknown: it is decrypted later, only where it can change the top), document
    lengths and the query tokens' term frequencies of the public profiles among ``ids`` — one SQL query."""
    ids = list(ids)
    features: dict[int, AchievementFeatures] = {}
    lengths: dict[int, int] = {}
    doc_tf: dict[int, dict[str, float]] = defaultdict(dict)
    if not ids:
        return features, lengths, doc_tf
    tokens = list(query) or [""]
    profiles, postings = MatchProfile._meta.db_table, TokenPosting._meta.db_table
    # Table names come from the models and every value is a parameter.
    columns = "p.achievement_id, p.field_key, p.scenario_codes, p.maturity_rank, p.trl, p.mode_codes, p.province, p.popularity, p.doc_len, t.token, t.tf"
    token_marks, id_marks = ", ".join(["%s"] * len(tokens)), ", ".join(["%s"] * len(ids))
    sql = f"SELECT {columns} FROM {profiles} p LEFT JOIN {postings} t ON t.profile_id = p.achievement_id AND t.token IN ({token_marks}) WHERE p.achievement_id IN ({id_marks}) AND p.is_public IN (%s)"  # noqa: S608, E501
    with connection.cursor() as cursor:
        cursor.execute(sql, [*tokens, *ids, True])
        for (
            pk,
            field,
            scenarios,
            maturity,
            trl,
            modes,
            province,
            popularity,
            doc_len,
            token,
            tf,
        ) in cursor.fetchall():
            if pk not in features:
                features[pk] = AchievementFeatures(
                    id=pk, field_id=field, scenarios=_codes(scenarios), maturity=maturity, trl=trl, modes=_codes(modes),
                    price=None, province=province, popularity=popularity,
                )  # fmt: skip
                lengths[pk] = doc_len
            if token is not None:
                doc_tf[pk][token] = tf
    return features, lengths, doc_tf


def exact_texts(
    ids: list[int],
    query: Mapping[str, float],
    idfs: Mapping[str, float],
    lengths: Mapping[int, int],
    w: Weights,
    doc_tf: Mapping[int, Mapping[str, float]],
) -> dict[int, tuple[float, dict[str, float]]]:
    """Exact BM25 (score, per-term parts) of each candidate for the query tokens."""
    avgdl = corpus_stats().avgdl
    return {
        pk: engine.bm25(query, doc_tf.get(pk, {}), lengths.get(pk, 0), avgdl, idfs, k1=w.k1, b=w.b)
        for pk in ids
    }


def prices(ids: list[int]) -> dict[int, float | None]:
    """Price expectations (encrypted at rest: decrypted here, for the few candidates that need them)."""
    rows = Achievement.objects.filter(pk__in=ids).values_list("pk", "price_expectation")
    return {pk: float(price) if price is not None else None for pk, price in rows}


def rank_for_demand(
    d: DemandFeatures, w: Weights, *, limit: int = 10, min_score: float = 0.0, exclude: Iterable[int] = ()
) -> list[Match]:
    """The best ``limit`` public achievements for a demand, best first, each with its reasons.

    Candidates are scored with the price unknown; prices are then decrypted in small batches, best
    first, until no remaining candidate could overtake the current ``limit``-th even with the best
    budget outcome (``engine.budget_bound``): the result equals scoring every candidate with its price."""
    stat = corpus_stats()
    if not stat.doc_count and not MatchProfile.objects.filter(is_public=True).exists():
        return []
    idfs = idf_map(d.query.keys(), stat)
    tokens = _query_tokens(d.query, idfs)
    query = {t: d.query[t] for t in tokens}
    excluded = set(exclude)
    approx = text_candidates(d, idfs, tokens)
    ids = [pk for pk, _s in sorted(approx.items(), key=lambda kv: -kv[1]) if pk not in excluded][:RERANK]
    ids += structured_candidates(d, excluded | set(ids))
    features, lengths, doc_tf = load_candidates(ids, query)
    candidates = list(features)
    texts = exact_texts(candidates, query, idfs, lengths, w, doc_tf)
    ideal = engine.ideal_score(query, idfs)
    strength = {pk: engine.text_strength(texts[pk][0], ideal) for pk in candidates}
    provisional = sorted(
        ((engine.score_value(d, features[pk], w, strength[pk]), pk) for pk in candidates), reverse=True
    )
    bound = engine.budget_bound(d, w)
    exact: list[tuple[float, float, int, AchievementFeatures]] = []
    position = 0
    while position < len(provisional):
        if len(exact) >= limit:
            kth = sorted((e[0] for e in exact), reverse=True)[limit - 1]
            if provisional[position][0] + bound < kth:
                break
        batch = [pk for _s, pk in provisional[position : position + PRICE_BATCH]]
        position += PRICE_BATCH
        known = prices(batch) if bound > 0 else {}
        for pk in batch:
            feat = dataclasses.replace(features[pk], price=known.get(pk))
            exact.append((engine.score_value(d, feat, w, strength[pk]), texts[pk][0], pk, feat))
    exact.sort(key=lambda e: (-round(e[0], 2), -e[1], e[2]))
    out: list[Match] = []
    for score, _text, pk, feat in exact:
        if score < min_score or len(out) >= limit:
            break
        out.append(
            engine.score_pair(d, feat, w, text_score=texts[pk][0], term_parts=texts[pk][1], ideal=ideal)
        )
    return out


def bm25_only(d: DemandFeatures, *, limit: int = 10) -> list[int]:
    """The baseline: exact BM25 over every document holding a query token (no structure, no cap)."""
    stat = corpus_stats()
    idfs = idf_map(d.query.keys(), stat)
    tokens = [t for t in d.query if t in idfs]
    if not tokens:
        return []
    doc_tf: dict[int, dict[str, float]] = defaultdict(dict)
    for pk, token, tf in TokenPosting.objects.filter(token__in=tokens).values_list(
        "profile_id", "token", "tf"
    ):
        doc_tf[pk][token] = tf
    lengths = dict(
        MatchProfile.objects.filter(achievement_id__in=list(doc_tf)).values_list("achievement_id", "doc_len")
    )
    query = {t: d.query[t] for t in tokens}
    texts = {pk: engine.bm25(query, tfs, lengths.get(pk, 0), stat.avgdl, idfs) for pk, tfs in doc_tf.items()}
    return engine.rank_text_only(texts, limit)
