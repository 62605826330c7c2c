"""The matching engine (000 §5.3.1.2): pure scoring functions, no database access.

A pair (demand, achievement) is scored from
- structured compatibility: technical field, application scenarios, maturity ≥ desired, TRL ≥ desired,
  overlapping cooperation modes, budget against the price expectation, region;
- Chinese text relevance: BM25 over jieba tokens (the demand is the query, the achievement the document,
  term statistics of the achievement corpus);
- a behaviour signal: how much attention the achievement drew (inquiries, docking projects, views).

Every part yields a :class:`Reason` with the weight staff gave it and the points it earned, so the user
sees why something was suggested. The total is the points earned over the weight of the criteria that
apply to this demand (a criterion the demand leaves open neither helps nor hurts), scaled to 0–100.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MATURITY_RANK = {"lab": 1, "pilot": 2, "industrial": 3}

# A text score of this share of the query's ideal score counts as a full text match.
TEXT_SATURATION = 0.6
# Reasons that say what is missing, whatever partial credit they earn.
NEGATIVE_SUFFIXES = ("_short", "_mismatch", "_unknown")
NEGATIVE_CODES = frozenset({"budget_close", "region_other", "no_keywords"})
# How many matched keywords a suggestion names.
KEYWORDS_SHOWN = 5


@dataclass(frozen=True)
class Weights:
    field: float = 20
    scenario: float = 10
    maturity: float = 12
    trl: float = 6
    cooperation: float = 14
    budget: float = 10
    region: float = 4
    text: float = 40
    behaviour: float = 4
    k1: float = 1.2
    b: float = 0.75


@dataclass(frozen=True)
class DemandFeatures:
    field_id: int | None = None
    scenarios: frozenset[str] = frozenset()
    min_maturity: int = 0  # 0: any
    min_trl: int | None = None
    modes: frozenset[str] = frozenset()
    budget_max: float | None = None  # 10k yuan
    region: str = ""
    query: Mapping[str, float] = field(default_factory=dict)  # token -> query weight


@dataclass(frozen=True)
class AchievementFeatures:
    id: int
    field_id: int | None = None
    scenarios: frozenset[str] = frozenset()
    maturity: int = 0
    trl: int | None = None
    modes: frozenset[str] = frozenset()
    price: float | None = None  # 10k yuan
    province: str = ""
    popularity: float = 0.0


@dataclass(frozen=True)
class Reason:
    """One criterion of a suggestion: ``score`` in [0, 1], ``points`` = weight × score."""

    code: str
    weight: float
    score: float
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def points(self) -> float:
        return self.weight * self.score

    @property
    def met(self) -> bool:
        """Shown as satisfied: a positive criterion earning at least half its weight."""
        return (
            self.score >= 0.5
            and not self.code.endswith(NEGATIVE_SUFFIXES)
            and self.code not in NEGATIVE_CODES
        )

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "weight": round(self.weight, 2),
            "score": round(self.score, 3),
            "points": round(self.points, 2),
            "met": self.met,
            "params": dict(self.params),
        }


@dataclass
class Match:
    achievement_id: int
    score: float  # 0–100
    reasons: list[Reason]
    text_score: float = 0.0  # raw BM25
    keywords: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- BM25
def idf(df: int, n_docs: int) -> float:
    """BM25's IDF (always positive): log(1 + (N − df + 0.5) / (df + 0.5))."""
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


def query_weights(tokens: Iterable[str]) -> dict[str, float]:
    """Query term weights from a token sequence: 1 + ln(count) (a title word counted twice weighs more)."""
    counts: dict[str, int] = {}
    for token in tokens:
        counts[token] = counts.get(token, 0) + 1
    return {t: 1.0 + math.log(c) for t, c in counts.items()}


def bm25(
    query: Mapping[str, float],
    doc_tf: Mapping[str, float],
    doc_len: float,
    avgdl: float,
    idfs: Mapping[str, float],
    *,
    k1: float = 1.2,
    b: float = 0.75,
) -> tuple[float, dict[str, float]]:
    """The BM25 score of one document and each query term's contribution."""
    norm = k1 * (1.0 - b + b * (doc_len / avgdl if avgdl > 0 else 1.0))
    parts: dict[str, float] = {}
    for token, qw in query.items():
        tf = doc_tf.get(token, 0)
        if tf <= 0:
            continue
        parts[token] = qw * idfs.get(token, 0.0) * tf * (k1 + 1.0) / (tf + norm)
    return sum(parts.values()), parts


def ideal_score(query: Mapping[str, float], idfs: Mapping[str, float]) -> float:
    """The score of an average-length document holding each query term once."""
    return sum(qw * idfs.get(t, 0.0) for t, qw in query.items())


def text_strength(score: float, ideal: float) -> float:
    if ideal <= 0 or score <= 0:
        return 0.0
    return min(1.0, score / (TEXT_SATURATION * ideal))


# --------------------------------------------------------------------------- structured criteria
def structured_reasons(d: DemandFeatures, a: AchievementFeatures, w: Weights) -> list[Reason]:
    """The criteria that apply to this demand, each with its satisfaction score."""
    reasons: list[Reason] = []
    if d.field_id is not None and w.field > 0:
        same = a.field_id == d.field_id
        reasons.append(Reason("field_match" if same else "field_mismatch", w.field, 1.0 if same else 0.0))
    if d.scenarios and w.scenario > 0:
        shared = sorted(d.scenarios & a.scenarios)
        share = len(shared) / len(d.scenarios)
        reasons.append(
            Reason("scenario_match" if shared else "scenario_mismatch", w.scenario, share, {"items": shared})
        )
    if d.min_maturity and w.maturity > 0:
        if not a.maturity:
            reasons.append(Reason("maturity_unknown", w.maturity, 0.0))
        elif a.maturity >= d.min_maturity:
            reasons.append(Reason("maturity_ok", w.maturity, 1.0))
        else:
            gap = d.min_maturity - a.maturity
            reasons.append(Reason("maturity_short", w.maturity, 0.3 if gap == 1 else 0.0, {"gap": gap}))
    if d.min_trl and w.trl > 0:
        if a.trl is None:
            reasons.append(Reason("trl_unknown", w.trl, 0.0))
        elif a.trl >= d.min_trl:
            reasons.append(Reason("trl_ok", w.trl, 1.0, {"trl": a.trl}))
        else:
            gap = d.min_trl - a.trl
            reasons.append(Reason("trl_short", w.trl, 0.5 if gap == 1 else 0.0, {"trl": a.trl}))
    if d.modes and w.cooperation > 0:
        shared = sorted(d.modes & a.modes)
        reasons.append(
            Reason(
                "modes_match" if shared else "modes_mismatch",
                w.cooperation,
                1.0 if shared else 0.0,
                {"items": shared},
            )
        )
    if d.budget_max is not None and w.budget > 0:
        if a.price is None:
            reasons.append(Reason("price_open", w.budget, 0.5))
        elif a.price <= d.budget_max:
            reasons.append(Reason("budget_covers", w.budget, 1.0))
        elif a.price <= d.budget_max * 1.2:
            reasons.append(Reason("budget_close", w.budget, 0.5))
        else:
            reasons.append(Reason("budget_short", w.budget, 0.0))
    if d.region and w.region > 0:
        same = bool(a.province) and a.province == d.region
        reasons.append(
            Reason(
                "region_match" if same else "region_other",
                w.region,
                1.0 if same else 0.0,
                {"region": d.region},
            )
        )
    return reasons


def behaviour_reason(popularity: float, w: Weights) -> Reason | None:
    """Attention drawn (a count of inquiries, docking projects, views), saturating: 1 − e^(−p/5)."""
    if w.behaviour <= 0:
        return None
    score = 1.0 - math.exp(-max(popularity, 0.0) / 5.0)
    return Reason("behaviour", w.behaviour, score, {"count": int(round(popularity))})


def text_reason(strength: float, keywords: list[str], w: Weights) -> Reason | None:
    if w.text <= 0:
        return None
    return Reason("keywords" if keywords else "no_keywords", w.text, strength, {"items": keywords})


def total(reasons: Iterable[Reason]) -> float:
    reasons = list(reasons)
    weight = sum(r.weight for r in reasons)
    if weight <= 0:
        return 0.0
    return 100.0 * sum(r.points for r in reasons) / weight


def score_pair(
    d: DemandFeatures,
    a: AchievementFeatures,
    w: Weights,
    *,
    text_score: float,
    term_parts: Mapping[str, float],
    ideal: float,
) -> Match:
    """Score one pair from its precomputed BM25 score and term contributions."""
    keywords = [t for t, _p in sorted(term_parts.items(), key=lambda kv: (-kv[1], kv[0]))[:KEYWORDS_SHOWN]]
    reasons = structured_reasons(d, a, w)
    text = text_reason(text_strength(text_score, ideal), keywords, w)
    if text is not None:
        reasons.append(text)
    behaviour = behaviour_reason(a.popularity, w)
    if behaviour is not None:
        reasons.append(behaviour)
    reasons.sort(key=lambda r: (-r.points, -r.weight, r.code))
    return Match(a.id, round(total(reasons), 2), reasons, text_score, keywords)


def score_value(d: DemandFeatures, a: AchievementFeatures, w: Weights, strength: float) -> float:
    """The total of :func:`score_pair` without building the reasons (the ranking's inner loop).

    Must agree with ``total(score_pair(...).reasons)``; a unit test checks it on random inputs."""
    points = weight = 0.0
    if d.field_id is not None and w.field > 0:
        weight += w.field
        points += w.field if a.field_id == d.field_id else 0.0
    if d.scenarios and w.scenario > 0:
        weight += w.scenario
        points += w.scenario * len(d.scenarios & a.scenarios) / len(d.scenarios)
    if d.min_maturity and w.maturity > 0:
        weight += w.maturity
        if a.maturity:
            if a.maturity >= d.min_maturity:
                points += w.maturity
            elif d.min_maturity - a.maturity == 1:
                points += w.maturity * 0.3
    if d.min_trl and w.trl > 0:
        weight += w.trl
        if a.trl is not None:
            if a.trl >= d.min_trl:
                points += w.trl
            elif d.min_trl - a.trl == 1:
                points += w.trl * 0.5
    if d.modes and w.cooperation > 0:
        weight += w.cooperation
        points += w.cooperation if d.modes & a.modes else 0.0
    if d.budget_max is not None and w.budget > 0:
        weight += w.budget
        if a.price is None or d.budget_max < a.price <= d.budget_max * 1.2:
            points += w.budget * 0.5
        elif a.price <= d.budget_max:
            points += w.budget
    if d.region and w.region > 0:
        weight += w.region
        points += w.region if a.province and a.province == d.region else 0.0
    if w.text > 0:
        weight += w.text
        points += w.text * strength
    if w.behaviour > 0:
        weight += w.behaviour
        points += w.behaviour * (1.0 - math.exp(-max(a.popularity, 0.0) / 5.0))
    return 100.0 * points / weight if weight > 0 else 0.0


def budget_bound(d: DemandFeatures, w: Weights) -> float:
    """How much the score can still move once the price is known (it was scored as unknown: 0.5)."""
    if d.budget_max is None or w.budget <= 0:
        return 0.0
    weight = (
        w.field * (d.field_id is not None)
        + w.scenario * bool(d.scenarios)
        + w.maturity * bool(d.min_maturity)
    )
    weight += (
        w.trl * bool(d.min_trl)
        + w.cooperation * bool(d.modes)
        + w.budget
        + w.region * bool(d.region)
        + w.text
        + w.behaviour
    )
    return 100.0 * 0.5 * w.budget / weight if weight > 0 else 0.0


def rank(
    d: DemandFeatures,
    candidates: Iterable[AchievementFeatures],
    w: Weights,
    *,
    texts: Mapping[int, tuple[float, Mapping[str, float]]],
    idfs: Mapping[str, float],
    limit: int = 10,
    min_score: float = 0.0,
) -> list[Match]:
    """The best ``limit`` achievements for a demand, best first (ties: more text, then lower id)."""
    ideal = ideal_score(d.query, idfs)
    matches = []
    for a in candidates:
        text_score, parts = texts.get(a.id, (0.0, {}))
        m = score_pair(d, a, w, text_score=text_score, term_parts=parts, ideal=ideal)
        if m.score >= min_score:
            matches.append(m)
    matches.sort(key=lambda m: (-m.score, -m.text_score, m.achievement_id))
    return matches[:limit]


def rank_text_only(texts: Mapping[int, tuple[float, Mapping[str, float]]], limit: int = 10) -> list[int]:
    """The BM25-only baseline: achievement ids by text score."""
    scored = [(s, i) for i, (s, _p) in texts.items() if s > 0]
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [i for _s, i in scored[:limit]]


# --------------------------------------------------------------------------- ranking quality
def dcg(grades: list[float]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at_k(ranked: list[int], relevance: Mapping[int, float], k: int = 5) -> float:
    ideal = dcg(sorted(relevance.values(), reverse=True)[:k])
    if ideal <= 0:
        return 0.0
    return dcg([relevance.get(i, 0) for i in ranked[:k]]) / ideal


def precision_at_k(
    ranked: list[int], relevance: Mapping[int, float], k: int = 5, threshold: float = 2
) -> float:
    """Share of the first k that are relevant (grade ≥ threshold)."""
    return sum(1 for i in ranked[:k] if relevance.get(i, 0) >= threshold) / k
