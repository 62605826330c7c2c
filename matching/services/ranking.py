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
from ..documents import profile_features
from ..engine import AchievementFeatures, DemandFeatures, Match, Weights
from ..models import MatchProfile, TokenPosting
from .index import corpus_stats, idf_map

PER_TOKEN = 120  # highest-impact postings read per query token (overall)
PER_TOKEN_FIELD = 200  # … and within the demand's field
STRUCTURED = 60  # profiles read from the structured prefilter alone
RERANK = 300  # candidates scored exactly
MAX_QUERY_TOKENS = 24


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
    qs = MatchProfile.objects.filter(is_public=True)
    if d.field_id is not None:
        qs = qs.filter(field_key=d.field_id)
    if d.min_maturity:
        qs = qs.filter(maturity_rank__gte=d.min_maturity)
    if d.min_trl:
        qs = qs.filter(trl__gte=d.min_trl)
    return [
        pk
        for pk in qs.order_by("-popularity").values_list("achievement_id", flat=True)[:STRUCTURED]
        if pk not in exclude
    ]


def exact_texts(
    ids: list[int],
    tokens: list[str],
    d: DemandFeatures,
    idfs: Mapping[str, float],
    profiles: Mapping[int, MatchProfile],
    w: Weights,
) -> dict[int, tuple[float, dict[str, float]]]:
    """Exact BM25 (score, per-term parts) of each candidate for the query tokens."""
    stat = corpus_stats()
    doc_tf: dict[int, dict[str, float]] = defaultdict(dict)
    if ids and tokens:
        rows = TokenPosting.objects.filter(profile_id__in=ids, token__in=tokens).values_list(
            "profile_id", "token", "tf"
        )
        for pk, token, tf in rows:
            doc_tf[pk][token] = tf
    query = {t: d.query[t] for t in tokens}
    out = {}
    for pk in ids:
        profile = profiles.get(pk)
        if profile is None:
            continue
        out[pk] = engine.bm25(query, doc_tf.get(pk, {}), profile.doc_len, stat.avgdl, idfs, k1=w.k1, b=w.b)
    return out


def load_features(ids: Iterable[int]) -> tuple[dict[int, MatchProfile], dict[int, AchievementFeatures]]:
    ids = list(ids)
    profiles = {
        p.achievement_id: p for p in MatchProfile.objects.filter(achievement_id__in=ids, is_public=True)
    }
    prices = dict(Achievement.objects.filter(pk__in=list(profiles)).values_list("pk", "price_expectation"))
    features = {pk: profile_features(p, prices.get(pk)) for pk, p in profiles.items()}
    return profiles, features


def rank_for_demand(
    d: DemandFeatures, w: Weights, *, limit: int = 10, min_score: float = 0.0, exclude: Iterable[int] = ()
) -> list[Match]:
    """The best ``limit`` public achievements for a demand, best first, each with its reasons."""
    stat = corpus_stats()
    if not stat.doc_count and not MatchProfile.objects.filter(is_public=True).exists():
        return []
    idfs = idf_map(d.query.keys(), stat)
    tokens = _query_tokens(d.query, idfs)
    excluded = set(exclude)
    approx = text_candidates(d, idfs, tokens)
    ids = [pk for pk, _s in sorted(approx.items(), key=lambda kv: -kv[1]) if pk not in excluded][:RERANK]
    ids += structured_candidates(d, excluded | set(ids))
    profiles, features = load_features(ids)
    texts = exact_texts(list(profiles), tokens, d, idfs, profiles, w)
    query = {t: d.query[t] for t in tokens}
    shaped = dataclasses.replace(d, query=query)
    return engine.rank(shaped, features.values(), w, texts=texts, idfs=idfs, limit=limit, min_score=min_score)


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
