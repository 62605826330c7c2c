"""为您推荐: recommendations for one user from his behaviour and declared interests, each with its reasons
(000 §5.2.1.2.7). Cached per user until the library changes or he saves a favourite."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from ..models import BehaviourEvent, Favourite, SearchDocument
from ..services.indexing import generation
from ..text import Query, Term, parse_query
from .expressions import vector_matches

COLUMNS = (
    "achievement_id",
    "title",
    "summary",
    "maturity",
    "trl",
    "organization_name",
    "province",
    "technical_field_id",
    "technical_field__name",
    "published_at",
    "tokens",
)
WEIGHTS = {"interest": 3.0, "search": 2.0, "favourite_field": 2.0, "view_field": 1.0, "request_field": 1.5}


@dataclass
class Recommendation:
    row: dict[str, Any]
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    @property
    def achievement_id(self) -> int:
        return self.row["achievement_id"]


def _cache_key(user: Any) -> str:
    version = cache.get(f"library:rec:user:{user.pk}", 0)
    return f"library:rec:{generation()}:{user.pk}:{version}"


def forget(user_id: int) -> None:
    """Recompute this user's recommendations at the next visit (after a favourite or a request)."""
    key = f"library:rec:user:{user_id}"
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, None)


def _interest_terms(user: Any) -> list[str]:
    raw = (getattr(user, "interests", "") or "").replace("，", ",").replace("、", ",").replace("；", ",")
    return [t.strip() for t in raw.split(",") if t.strip()][:8]


def _signals(user: Any) -> dict[str, Any]:
    searches = []
    for q in (
        BehaviourEvent.objects.filter(user_id=user.pk, kind=BehaviourEvent.Kind.SEARCH)
        .exclude(query="")
        .order_by("-created_at")
        .values_list("query", flat=True)[:30]
    ):
        if q not in searches:
            searches.append(q)
    field_events = Counter()
    requested_fields = Counter()
    for kind, field_id in (
        BehaviourEvent.objects.filter(
            user_id=user.pk,
            kind__in=[
                BehaviourEvent.Kind.VIEW,
                BehaviourEvent.Kind.ACCESS_REQUEST,
                BehaviourEvent.Kind.INQUIRY,
            ],
            technical_field__isnull=False,
        )
        .order_by("-created_at")
        .values_list("kind", "technical_field_id")[:100]
    ):
        (field_events if kind == BehaviourEvent.Kind.VIEW else requested_fields)[field_id] += 1
    favourites = list(
        Favourite.objects.filter(user_id=user.pk).values_list(
            "achievement_id", "achievement__technical_field_id"
        )
    )
    return {
        "interests": _interest_terms(user),
        "searches": searches[:5],
        "viewed_fields": field_events,
        "requested_fields": requested_fields,
        "favourite_ids": {a for a, _f in favourites},
        "favourite_fields": Counter(f for _a, f in favourites if f),
    }


def _term_matches(term: Term, tokens: str) -> bool:
    if term.is_phrase:
        return (" " + " ".join(term.tokens) + " ") in tokens
    return f" {term.tokens[0]} " in tokens


def _keyword_candidates(terms: list[Term], exclude: set[int], limit: int = 120) -> list[dict[str, Any]]:
    if not terms:
        return []
    if connection.vendor == "postgresql":
        condition = Q(vector_matches(" | ".join(t.tsquery() for t in terms)))
    else:
        condition = Q()
        for term in terms:
            condition |= (
                Q(tokens__contains=" " + " ".join(term.tokens) + " ")
                if term.is_phrase
                else Q(tokens__contains=f" {term.tokens[0]} ")
            )
    return list(
        SearchDocument.objects.filter(condition)
        .exclude(pk__in=exclude)
        .order_by("-published_at")
        .values(*COLUMNS)[:limit]
    )


def recommendations(user: Any, *, limit: int = 10) -> list[Recommendation]:
    """The entries most likely to interest this user, with the reasons in words."""
    if not getattr(user, "is_authenticated", False):
        return []
    key = _cache_key(user)
    cached = cache.get(key)
    if cached is not None:
        return cached[:limit]
    signals = _signals(user)
    own = set(SearchDocument.objects.filter(achievement__holder_id=user.pk).values_list("pk", flat=True))
    exclude = signals["favourite_ids"] | own
    found: dict[int, Recommendation] = {}

    def add(row: dict[str, Any], weight: float, reason: str) -> None:
        rec = found.setdefault(row["achievement_id"], Recommendation(row=row))
        rec.score += weight
        if reason not in rec.reasons:
            rec.reasons.append(reason)

    sources: list[tuple[Term, str, float]] = []
    for text in signals["interests"]:
        for term in parse_query(text).terms:
            sources.append(
                (term, _("Matches your declared interest “%(t)s”") % {"t": text}, WEIGHTS["interest"])
            )
    for index, text in enumerate(signals["searches"]):
        query: Query = parse_query(text)
        for term in query.terms:
            recency = 1.0 - index * 0.15
            sources.append(
                (term, _("Related to your search “%(t)s”") % {"t": text}, WEIGHTS["search"] * recency)
            )
    for row in _keyword_candidates([t for t, _r, _w in sources], exclude):
        for term, reason, weight in sources:
            if _term_matches(term, row["tokens"]):
                add(row, weight, reason)

    field_reasons: dict[int, list[tuple[str, float]]] = {}
    for field_id, n in signals["favourite_fields"].items():
        field_reasons.setdefault(field_id, []).append(
            (_("You saved achievements in the same field"), WEIGHTS["favourite_field"] * min(n, 3))
        )
    for field_id, _n in signals["requested_fields"].most_common(3):
        field_reasons.setdefault(field_id, []).append(
            (_("You asked about achievements in the same field"), WEIGHTS["request_field"])
        )
    for field_id, n in signals["viewed_fields"].most_common(3):
        field_reasons.setdefault(field_id, []).append(
            (_("You viewed achievements in the same field"), WEIGHTS["view_field"] * min(n, 3) / 2)
        )
    if field_reasons:
        per_field = 15
        rows = list(
            SearchDocument.objects.filter(technical_field_id__in=list(field_reasons))
            .exclude(pk__in=exclude)
            .order_by("-published_at")
            .values(*COLUMNS)[: per_field * len(field_reasons)]
        )
        for row in rows:
            for reason, weight in field_reasons.get(row["technical_field_id"], []):
                add(row, weight, f"{reason}（{row['technical_field__name']}）")
    if not found:  # nothing known yet: the newest entries
        for row in (
            SearchDocument.objects.exclude(pk__in=exclude).order_by("-published_at").values(*COLUMNS)[:limit]
        ):
            add(row, 0.1, _("Recently published"))
    ranked = sorted(found.values(), key=lambda r: (-r.score, -r.row["published_at"].timestamp()))[:30]
    for rec in ranked:
        rec.row.pop("tokens", None)
    cache.set(key, ranked, 300)
    return ranked[:limit]
