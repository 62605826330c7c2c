"""Stored match suggestions: computed for a demand, for an achievement, all nightly; staff weights."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from achievements.models import Achievement
from platform_core.errors import NotFoundError, PermissionDeniedError, ValidationFailed

from .. import engine
from ..documents import achievement_terms, demand_features, profile_features
from ..engine import Match
from ..models import Demand, MatchingWeights, MatchProfile, MatchSuggestion, TokenPosting
from ..permissions import demand_visible_q
from .index import corpus_stats, idf_map
from .ranking import rank_for_demand

# Demands whose suggestions are kept up to date.
ACTIVE_DEMAND_STATES = (
    Demand.State.DRAFT,
    Demand.State.SUBMITTED,
    Demand.State.RETURNED,
    Demand.State.PUBLISHED,
)
KEPT_STATUSES = (MatchSuggestion.Status.INTERESTED, MatchSuggestion.Status.DISMISSED)


def _demand_with_vocab(demand_id: int) -> Demand | None:
    return Demand.objects.prefetch_related("scenarios", "cooperation_modes").filter(pk=demand_id).first()


def _store(demand_id: int, matches: list[Match], version: int, *, replace: bool) -> int:
    """Upsert suggestions of one demand; with ``replace`` drop its other NEW ones (kept: marked ones)."""
    existing = {s.achievement_id: s for s in MatchSuggestion.objects.filter(demand_id=demand_id)}
    to_create, to_update = [], []
    for m in matches:
        row = existing.pop(m.achievement_id, None)
        fields = {
            "score": m.score,
            "text_score": round(m.text_score, 4),
            "reasons": [r.as_dict() for r in m.reasons],
            "keywords": m.keywords,
            "weights_version": version,
        }
        if row is None:
            to_create.append(MatchSuggestion(demand_id=demand_id, achievement_id=m.achievement_id, **fields))
        else:
            for key, value in fields.items():
                setattr(row, key, value)
            to_update.append(row)
    MatchSuggestion.objects.bulk_create(to_create)
    if to_update:
        MatchSuggestion.objects.bulk_update(
            to_update, ["score", "text_score", "reasons", "keywords", "weights_version"]
        )
    if replace:
        stale = [s.pk for s in existing.values() if s.status not in KEPT_STATUSES]
        MatchSuggestion.objects.filter(pk__in=stale).delete()
    return len(matches)


@transaction.atomic
def suggestions_refresh_for_demand(*, demand_id: int) -> int:
    """Recompute and store the top suggestions of one demand. Returns how many were stored."""
    demand = _demand_with_vocab(demand_id)
    if demand is None:
        return 0
    if demand.state not in ACTIVE_DEMAND_STATES:
        MatchSuggestion.objects.filter(demand_id=demand_id, status=MatchSuggestion.Status.NEW).delete()
        return 0
    weights = MatchingWeights.load()
    dismissed = set(
        MatchSuggestion.objects.filter(
            demand_id=demand_id, status=MatchSuggestion.Status.DISMISSED
        ).values_list("achievement_id", flat=True)
    )
    matches = rank_for_demand(
        demand_features(demand),
        weights.as_engine(),
        limit=weights.top_n,
        min_score=weights.min_score,
        exclude=dismissed,
    )
    return _store(demand_id, matches, weights.version, replace=True)


def _achievement_document(achievement_id: int) -> tuple[MatchProfile | None, dict[str, float], float]:
    profile = MatchProfile.objects.filter(achievement_id=achievement_id).first()
    if profile is not None and profile.is_public:
        tfs = dict(TokenPosting.objects.filter(profile_id=achievement_id).values_list("token", "tf"))
        return profile, tfs, float(profile.doc_len)
    achievement = Achievement.objects.filter(pk=achievement_id).first()
    if achievement is None:
        return None, {}, 0.0
    terms = achievement_terms(achievement)
    return profile, dict(terms), float(sum(terms.values()))


def score_demands_for_achievement(
    achievement: Achievement, demands: list[Demand], weights: MatchingWeights
) -> list[tuple[Demand, Match]]:
    """Score an achievement against each demand (the reverse direction), best first."""
    from .index import _profile_values

    w = weights.as_engine()
    profile, doc_tf, doc_len = _achievement_document(achievement.pk)
    if profile is None:
        values = _profile_values(achievement, achievement_terms(achievement), 0.0)
        profile = MatchProfile(achievement_id=achievement.pk, **values)
    features = profile_features(profile, achievement.price_expectation)
    stat = corpus_stats()
    all_tokens = {t for d in demands for t in (d.query_terms or {})}
    idfs = idf_map(all_tokens, stat)
    avgdl = stat.avgdl or doc_len or 1.0
    scored = []
    for demand in demands:
        d = demand_features(
            demand,
            scenarios=[s.code for s in demand.scenarios.all()],
            modes=[m.code for m in demand.cooperation_modes.all()],
        )
        query = {t: q for t, q in d.query.items() if t in idfs}
        text, parts = engine.bm25(query, doc_tf, doc_len, avgdl, idfs, k1=w.k1, b=w.b)
        match = engine.score_pair(
            d, features, w, text_score=text, term_parts=parts, ideal=engine.ideal_score(query, idfs)
        )
        scored.append((demand, match))
    scored.sort(key=lambda pair: (-pair[1].score, pair[0].pk))
    return scored


@transaction.atomic
def suggestions_refresh_for_achievement(*, achievement_id: int) -> int:
    """After an achievement changed: rescore it against every active demand, keep each demand's top N."""
    achievement = Achievement.objects.select_related("organization").filter(pk=achievement_id).first()
    if achievement is None or achievement.state not in Achievement.PUBLIC_STATES:
        MatchSuggestion.objects.filter(
            achievement_id=achievement_id, status=MatchSuggestion.Status.NEW
        ).delete()
        return 0
    weights = MatchingWeights.load()
    demands = list(
        Demand.objects.filter(state__in=ACTIVE_DEMAND_STATES).prefetch_related(
            "scenarios", "cooperation_modes"
        )
    )
    stored = 0
    for demand, match in score_demands_for_achievement(achievement, demands, weights):
        pair = MatchSuggestion.objects.filter(demand=demand, achievement_id=achievement_id)
        if match.score < weights.min_score:
            pair.filter(status=MatchSuggestion.Status.NEW).delete()
            continue
        if pair.filter(status=MatchSuggestion.Status.DISMISSED).exists():
            continue
        _store(demand.pk, [match], weights.version, replace=False)
        stored += 1
        _trim(demand.pk, weights.top_n)
    return stored


def _trim(demand_id: int, top_n: int) -> None:
    extra = list(
        MatchSuggestion.objects.filter(demand_id=demand_id, status=MatchSuggestion.Status.NEW)
        .order_by("-score", "id")
        .values_list("pk", flat=True)[top_n:]
    )
    if extra:
        MatchSuggestion.objects.filter(pk__in=extra).delete()


def suggestions_refresh_all() -> int:
    """Nightly: every active demand, each in its own transaction."""
    total = 0
    for demand_id in Demand.objects.filter(state__in=ACTIVE_DEMAND_STATES).values_list("pk", flat=True):
        total += suggestions_refresh_for_demand(demand_id=demand_id)
    return total


def demands_for_achievement(
    *, achievement: Achievement, user: Any, limit: int = 10
) -> list[tuple[Demand, Match]]:
    """Live: the published demands this user may see, ranked for an achievement."""
    weights = MatchingWeights.load()
    demands = list(
        Demand.objects.filter(demand_visible_q(user), state=Demand.State.PUBLISHED)
        .distinct()
        .select_related("owner", "organization", "technical_field")
        .prefetch_related("scenarios", "cooperation_modes")
    )
    scored = score_demands_for_achievement(achievement, demands, weights)
    return [(d, m) for d, m in scored if m.score >= weights.min_score][:limit]


def enterprises_for_achievement(
    *, ranked_demands: list[tuple[Demand, Match]], achievement: Achievement, limit: int = 10
) -> list[dict]:
    """Enterprises for an achievement: those with matching demands (their best score) and those that
    docked achievements of the same field before (behaviour), each with its reasons."""
    from ..models import DockingProject

    found: dict[int, dict] = {}
    for demand, match in ranked_demands:
        if demand.organization_id is None:
            continue
        entry = found.setdefault(
            demand.organization_id,
            {"organization": demand.organization, "score": 0.0, "demands": [], "history": 0},
        )
        entry["score"] = max(entry["score"], match.score)
        entry["demands"].append(demand)
    if achievement.technical_field_id:
        past = (
            DockingProject.objects.filter(
                achievement__technical_field_id=achievement.technical_field_id, enterprise_org__isnull=False
            )
            .exclude(achievement_id=achievement.pk)
            .values("enterprise_org")
            .annotate(n=Count("id"))
        )
        from platform_core.accounts.models import Organization

        orgs = Organization.objects.in_bulk([row["enterprise_org"] for row in past])
        for row in past:
            entry = found.setdefault(
                row["enterprise_org"],
                {"organization": orgs.get(row["enterprise_org"]), "score": 0.0, "demands": [], "history": 0},
            )
            entry["history"] = row["n"]
            entry["score"] = entry["score"] + min(20.0, 5.0 * row["n"])
    ranked = sorted(found.values(), key=lambda e: -e["score"])
    return [e for e in ranked if e["organization"] is not None][:limit]


@transaction.atomic
def suggestion_set_status(*, suggestion_id: int, actor: Any, status: str) -> MatchSuggestion:
    suggestion = (
        MatchSuggestion.objects.select_for_update().select_related("demand").filter(pk=suggestion_id).first()
    )
    if suggestion is None or not actor.has_perm("matching.view_demand_matches", suggestion.demand):
        raise NotFoundError(_("Suggestion not found."))
    if status not in MatchSuggestion.Status.values:
        raise ValidationFailed(_("Unknown status."), code="bad_status")
    if suggestion.demand.owner_id != actor.pk and not actor.has_perm("matching.review_demand"):
        raise PermissionDeniedError(_("Only the demand's owner may mark its suggestions."))
    suggestion.status = status
    suggestion.save(update_fields=["status"])
    return suggestion


@transaction.atomic
def weights_update(*, actor: Any, **values: Any) -> MatchingWeights:
    """Staff tune the weights; every stored suggestion is recomputed after commit."""
    if not actor.has_perm("matching.manage_weights"):
        raise PermissionDeniedError(_("Only staff may tune the matching weights."))
    weights = MatchingWeights.objects.select_for_update().filter(pk=1).first() or MatchingWeights.load()
    fields = [*MatchingWeights.CRITERIA, "k1", "b", "top_n", "min_score"]
    for key, value in values.items():
        if key in fields:
            setattr(weights, key, value)
    weights.version += 1
    weights.updated_by = actor
    weights.full_clean()
    weights.save()
    from ..tasks import suggestions_recompute_all

    transaction.on_commit(lambda: suggestions_recompute_all.delay())
    return weights


def suggestion_counts(demand_ids: list[int]) -> dict[int, int]:
    rows = (
        MatchSuggestion.objects.filter(demand_id__in=demand_ids)
        .exclude(status=MatchSuggestion.Status.DISMISSED)
        .values("demand_id")
        .annotate(n=Count("id"))
    )
    counts: dict[int, int] = defaultdict(int)
    for row in rows:
        counts[row["demand_id"]] = row["n"]
    return counts
