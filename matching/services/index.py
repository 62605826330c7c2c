"""The matching index: per-achievement profiles, the inverted token index and its BM25 statistics.

Maintained incrementally (``profile_rebuild`` after an achievement changes: document frequencies and corpus
totals are adjusted by the difference, with ``F()`` updates) and rebuilt from scratch nightly
(``index_rebuild_all``). Only achievements in the library (published and later) have postings.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable

from django.apps import apps
from django.db import transaction
from django.db.models import Count, F

from achievements.models import Achievement

from ..documents import achievement_terms
from ..engine import MATURITY_RANK
from ..models import (
    CorpusStat,
    DockingProject,
    MatchingWeights,
    MatchProfile,
    MatchSuggestion,
    TokenPosting,
    TokenStat,
)

BATCH = 2000


def impact(tf: float, doc_len: float, avgdl: float, k1: float = 1.2, b: float = 0.75) -> float:
    ratio = doc_len / avgdl if avgdl > 0 else 1.0
    return tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * ratio))


def corpus_stats(*, for_update: bool = False) -> CorpusStat:
    qs = CorpusStat.objects.select_for_update() if for_update else CorpusStat.objects
    stat = qs.filter(pk=1).first()
    if stat is None:
        stat, _created = CorpusStat.objects.get_or_create(pk=1)
    return stat


def _popularity(achievement_ids: Iterable[int]) -> dict[int, float]:
    """Attention drawn: docking projects and "interested" marks on suggestions, plus the library's
    behaviour records (views count a tenth, favourites, access requests and inquiries one each)."""
    ids = list(achievement_ids)
    counts: Counter = Counter()
    for row in (
        DockingProject.objects.filter(achievement_id__in=ids).values("achievement_id").annotate(n=Count("id"))
    ):
        counts[row["achievement_id"]] += 2 * row["n"]
    interested = (
        MatchSuggestion.objects.filter(achievement_id__in=ids, status=MatchSuggestion.Status.INTERESTED)
        .values("achievement_id")
        .annotate(n=Count("id"))
    )
    for row in interested:
        counts[row["achievement_id"]] += row["n"]
    if apps.is_installed("achievements.library"):
        from achievements.library.models import BehaviourEvent, Favourite

        weights = {
            BehaviourEvent.Kind.VIEW: 0.1,
            BehaviourEvent.Kind.ACCESS_REQUEST: 1.0,
            BehaviourEvent.Kind.INQUIRY: 1.0,
        }
        events = (
            BehaviourEvent.objects.filter(achievement_id__in=ids, kind__in=list(weights))
            .values("achievement_id", "kind")
            .annotate(n=Count("id"))
        )
        for row in events:
            counts[row["achievement_id"]] += weights[row["kind"]] * row["n"]
        for row in (
            Favourite.objects.filter(achievement_id__in=ids).values("achievement_id").annotate(n=Count("id"))
        ):
            counts[row["achievement_id"]] += row["n"]
    return {i: float(counts.get(i, 0)) for i in ids}


def _profile_values(achievement: Achievement, terms: Counter, popularity: float) -> dict:
    scenarios = sorted(s.code for s in achievement.scenarios.all())
    modes = sorted(m.code for m in achievement.cooperation_modes.all())
    public = achievement.state in Achievement.PUBLIC_STATES
    values = {
        "is_public": public,
        # only public profiles carry the field: the (field_key, -popularity) index then implies "public"
        "field_key": achievement.technical_field_id if public else None,
        "maturity_rank": MATURITY_RANK.get(achievement.maturity, 0),
        "trl": achievement.trl,
        "scenario_codes": ",".join(scenarios),
        "mode_codes": ",".join(modes),
        "province": achievement.organization.province if achievement.organization_id else "",
        "doc_len": int(sum(terms.values())) if public else 0,
        "popularity": popularity,
    }
    fingerprint_src = json.dumps({**values, "terms": sorted(terms.items()) if public else []}, sort_keys=True)
    values["fingerprint"] = hashlib.sha256(fingerprint_src.encode()).hexdigest()
    return values


def _adjust_df(tokens: Iterable[str], delta: int) -> None:
    tokens = list(tokens)
    if not tokens:
        return
    if delta > 0:
        TokenStat.objects.bulk_create([TokenStat(token=t, df=0) for t in tokens], ignore_conflicts=True)
    for start in range(0, len(tokens), 500):
        TokenStat.objects.filter(token__in=tokens[start : start + 500]).update(df=F("df") + delta)


@transaction.atomic
def profile_rebuild(*, achievement_id: int) -> MatchProfile | None:
    """Re-index one achievement; returns its profile (None when the achievement is gone).

    Nothing is written when the achievement's indexed content did not change (same fingerprint)."""
    achievement = (
        Achievement.objects.select_related("organization")
        .prefetch_related("scenarios", "cooperation_modes")
        .filter(pk=achievement_id)
        .first()
    )
    old = MatchProfile.objects.select_for_update().filter(achievement_id=achievement_id).first()
    if achievement is None:
        if old is not None:
            _drop(old)
        return None
    public = achievement.state in Achievement.PUBLIC_STATES
    terms = achievement_terms(achievement) if public else Counter()
    values = _profile_values(achievement, terms, _popularity([achievement_id])[achievement_id])
    if old is not None and old.fingerprint == values["fingerprint"]:
        return old
    stat = corpus_stats(for_update=True)
    old_tokens: set[str] = set()
    if old is not None and old.is_public:
        old_tokens = set(TokenPosting.objects.filter(profile_id=old.pk).values_list("token", flat=True))
        stat.doc_count -= 1
        stat.total_len -= old.doc_len
    TokenPosting.objects.filter(profile_id=achievement_id).delete()
    profile, _created = MatchProfile.objects.update_or_create(achievement_id=achievement_id, defaults=values)
    new_tokens = set(terms) if public else set()
    if public:
        stat.doc_count += 1
        stat.total_len += profile.doc_len
    _adjust_df(new_tokens - old_tokens, +1)
    _adjust_df(old_tokens - new_tokens, -1)
    if public:
        avgdl = stat.total_len / stat.doc_count if stat.doc_count else float(profile.doc_len)
        weights = MatchingWeights.load()
        TokenPosting.objects.bulk_create(
            [
                TokenPosting(
                    profile_id=achievement_id,
                    token=token,
                    tf=tf,
                    impact=impact(tf, profile.doc_len, avgdl, weights.k1, weights.b),
                    field_key=profile.field_key,
                )
                for token, tf in terms.items()
            ]
        )
    stat.version += 1
    stat.save(update_fields=["doc_count", "total_len", "version"])
    return profile


def _drop(profile: MatchProfile) -> None:
    stat = corpus_stats(for_update=True)
    if profile.is_public:
        tokens = list(TokenPosting.objects.filter(profile_id=profile.pk).values_list("token", flat=True))
        _adjust_df(tokens, -1)
        stat.doc_count -= 1
        stat.total_len -= profile.doc_len
    stat.version += 1
    stat.save(update_fields=["doc_count", "total_len", "version"])
    profile.delete()


def index_rebuild_all(*, achievement_ids: Iterable[int] | None = None, stdout=None) -> int:
    """Rebuild the whole index from the achievements (nightly; the benchmark's loader). Returns the
    number of public documents. Each batch is its own transaction; statistics are written at the end."""
    weights = MatchingWeights.load()
    with transaction.atomic():
        TokenPosting.objects.all().delete()
        TokenStat.objects.all().delete()
        MatchProfile.objects.all().delete()
    qs = Achievement.objects.order_by("pk")
    if achievement_ids is not None:
        qs = qs.filter(pk__in=list(achievement_ids))
    ids = list(qs.values_list("pk", flat=True))
    df: Counter = Counter()
    documents: list[tuple[int, Counter, int | None]] = []
    total_len = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        popularity = _popularity(chunk)
        rows = (
            Achievement.objects.filter(pk__in=chunk)
            .select_related("organization")
            .prefetch_related("scenarios", "cooperation_modes")
        )
        profiles = []
        for achievement in rows:
            public = achievement.state in Achievement.PUBLIC_STATES
            terms = achievement_terms(achievement) if public else Counter()
            values = _profile_values(achievement, terms, popularity[achievement.pk])
            profiles.append(MatchProfile(achievement_id=achievement.pk, **values))
            if public:
                df.update(terms.keys())
                total_len += values["doc_len"]
                documents.append((achievement.pk, terms, achievement.technical_field_id))
        MatchProfile.objects.bulk_create(profiles, batch_size=BATCH)
        if stdout is not None:
            stdout.write(f"profiles {min(start + BATCH, len(ids))}/{len(ids)}\n")
    avgdl = total_len / len(documents) if documents else 0.0
    postings: list[TokenPosting] = []
    for pk, terms, field_key in documents:
        doc_len = sum(terms.values())
        for token, tf in terms.items():
            postings.append(
                TokenPosting(
                    profile_id=pk, token=token, tf=tf, field_key=field_key,
                    impact=impact(tf, doc_len, avgdl, weights.k1, weights.b),
                )
            )  # fmt: skip
        if len(postings) >= 20000:
            TokenPosting.objects.bulk_create(postings, batch_size=5000)
            postings = []
    if postings:
        TokenPosting.objects.bulk_create(postings, batch_size=5000)
    with transaction.atomic():
        TokenStat.objects.bulk_create([TokenStat(token=t, df=n) for t, n in df.items()], batch_size=5000)
        stat = corpus_stats(for_update=True)
        stat.doc_count = len(documents)
        stat.total_len = total_len
        stat.version += 1
        stat.save(update_fields=["doc_count", "total_len", "version"])
    _analyze()
    return len(documents)


def _analyze() -> None:
    """Fresh planner statistics after a bulk rebuild: with stale ones PostgreSQL picked plans twenty
    times slower for the candidate queries (measured by the benchmark)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for model in (TokenPosting, MatchProfile, TokenStat):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def idf_map(tokens: Iterable[str], stat: CorpusStat | None = None) -> dict[str, float]:
    """IDF of the given tokens from the stored statistics (one indexed query)."""
    from ..engine import idf

    stat = stat or corpus_stats()
    tokens = list(set(tokens))
    found = dict(TokenStat.objects.filter(token__in=tokens).values_list("token", "df")) if tokens else {}
    return {t: idf(found.get(t, 0), stat.doc_count) for t in tokens if found.get(t, 0) > 0}
