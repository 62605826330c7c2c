"""What the matching engine reads of an achievement and of a demand (features and text documents)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from achievements.models import Achievement

from .engine import MATURITY_RANK, AchievementFeatures, DemandFeatures, query_weights
from .models import Demand, MatchProfile
from .text import document_frequencies, split_tags, tokenize

# Sections of the record whose text is indexed when their confidentiality level is not "granted".
INDEXED_SECTIONS = ("background", "innovation_points", "contributions")
INDEXABLE_LEVELS = ("public", "registered")


def achievement_terms(achievement: Achievement) -> Counter:
    """Weighted term frequencies of an achievement: name and tags count twice, the rest once.

    Sections the holder keeps for granted readers only are never indexed (their words could otherwise
    surface as matched keywords).
    """
    parts: list[tuple[str, int]] = [
        (achievement.name, 2),
        (" ".join(achievement.tag_list), 2),
        (achievement.summary, 1),
    ]
    for section in INDEXED_SECTIONS:
        if achievement.level_of(section) in INDEXABLE_LEVELS:
            parts.append((getattr(achievement, section) or "", 1))
    return document_frequencies(*parts)


def demand_terms(demand: Demand) -> list[str]:
    """The demand as a query: title and keywords twice, the description once (order kept)."""
    tags = " ".join(split_tags(demand.tags))
    return tokenize(demand.title) * 2 + tokenize(tags) * 2 + tokenize(demand.description)


def demand_search_tokens(demand: Demand) -> str:
    tokens = sorted(set(tokenize(demand.title) + tokenize(demand.tags) + tokenize(demand.description)))
    return f" {' '.join(tokens)} " if tokens else ""


def demand_features(demand: Demand, *, scenarios=None, modes=None) -> DemandFeatures:
    scenario_codes = scenarios if scenarios is not None else [s.code for s in demand.scenarios.all()]
    mode_codes = modes if modes is not None else [m.code for m in demand.cooperation_modes.all()]
    query = demand.query_terms or query_weights(demand_terms(demand))
    return DemandFeatures(
        field_id=demand.technical_field_id,
        scenarios=frozenset(scenario_codes),
        min_maturity=MATURITY_RANK.get(demand.min_maturity, 0),
        min_trl=demand.min_trl,
        modes=frozenset(mode_codes),
        budget_max=float(demand.budget_max) if demand.budget_max is not None else None,
        region=demand.region,
        query=dict(query),
    )


def profile_features(profile: MatchProfile, price: Decimal | None) -> AchievementFeatures:
    return AchievementFeatures(
        id=profile.achievement_id,
        field_id=profile.field_key,
        scenarios=profile.scenario_set,
        maturity=profile.maturity_rank,
        trl=profile.trl,
        modes=profile.mode_set,
        price=float(price) if price is not None else None,
        province=profile.province,
        popularity=profile.popularity,
    )
