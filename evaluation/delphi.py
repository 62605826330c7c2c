"""Delphi statistics (德尔菲法, 000 §5.1.2.2.3). Pure functions, no Django, no numpy/scipy.

* :func:`kendall_w` — Kendall's coefficient of concordance W (协调系数) with tie-corrected ranks:
  each expert's scores are ranked (ties get the average rank), ``R_j`` is the rank sum of indicator j,
  ``S = Σ (R_j − R̄)²`` and ``W = 12 S / (m² (n³ − n) − m Σ T)`` with ``T = Σ (t³ − t)`` over each
  expert's groups of t tied scores. ``χ² = m (n − 1) W`` with ``n − 1`` degrees of freedom, p from the
  χ² survival function (:func:`chi2_sf`, the regularised upper incomplete gamma function).
* :func:`indicator_statistics` — per indicator: mean, standard deviation (sample), coefficient of
  variation (变异系数), full-score frequency (满分频率).
* :func:`response_rate` (专家积极系数), :func:`authority` (权威系数 Cr = (Ca + Cs) / 2) with the usual
  judgement-basis (Ca) and familiarity (Cs) coefficients.
* :func:`consensus_reached` — the configurable rule, by default every CV < 0.25 and p < 0.05.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

DEFAULT_CV_THRESHOLD = 0.25
DEFAULT_P_THRESHOLD = 0.05

#: Basis of judgement (判断依据) → coefficient by degree of influence (大, 中, 小).
JUDGEMENT_BASIS: dict[str, dict[str, float]] = {
    "theory": {"high": 0.3, "medium": 0.2, "low": 0.1},  # 理论分析
    "practice": {"high": 0.5, "medium": 0.4, "low": 0.3},  # 实践经验
    "peers": {"high": 0.1, "medium": 0.1, "low": 0.1},  # 同行了解
    "intuition": {"high": 0.1, "medium": 0.1, "low": 0.1},  # 直觉
}
#: Familiarity (熟悉程度) → Cs.
FAMILIARITY: dict[str, float] = {
    "very_familiar": 1.0,  # 很熟悉
    "familiar": 0.8,  # 熟悉
    "moderate": 0.5,  # 一般
    "unfamiliar": 0.2,  # 不太熟悉
    "very_unfamiliar": 0.0,  # 很不熟悉
}


class DelphiError(ValueError):
    pass


@dataclass(frozen=True)
class KendallResult:
    w: float
    chi2: float
    df: int
    p: float
    m: int
    n: int
    rank_sums: tuple[float, ...]


@dataclass(frozen=True)
class IndicatorStats:
    count: int
    mean: float
    sd: float
    cv: float | None
    full_score_frequency: float
    minimum: float
    maximum: float


def average_ranks(values: Sequence[float]) -> tuple[list[float], list[int]]:
    """Ranks 1..n (ties share the average rank) and the sizes of the tied groups (t ≥ 2)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    ties: list[int] = []
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        rank = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = rank
        if j > i:
            ties.append(j - i + 1)
        i = j + 1
    return ranks, ties


def kendall_w(scores: Sequence[Sequence[float]]) -> KendallResult:
    """Kendall's W for ``scores`` (rows = experts, columns = indicators), corrected for ties."""
    m = len(scores)
    if m < 2:
        raise DelphiError("Kendall's W needs at least two experts.")
    n = len(scores[0])
    if n < 2:
        raise DelphiError("Kendall's W needs at least two indicators.")
    if any(len(row) != n for row in scores):
        raise DelphiError("Every expert must score every indicator.")
    rank_sums = [0.0] * n
    tie_total = 0
    for row in scores:
        values = [float(v) for v in row]
        if any(not math.isfinite(v) for v in values):
            raise DelphiError("Scores must be finite numbers.")
        ranks, ties = average_ranks(values)
        for j, r in enumerate(ranks):
            rank_sums[j] += r
        tie_total += sum(t**3 - t for t in ties)
    mean_rank_sum = m * (n + 1) / 2
    s = sum((r - mean_rank_sum) ** 2 for r in rank_sums)
    denominator = m * m * (n**3 - n) - m * tie_total
    if denominator <= 0:  # every expert tied every indicator: no ranking information
        return KendallResult(w=0.0, chi2=0.0, df=n - 1, p=1.0, m=m, n=n, rank_sums=tuple(rank_sums))
    w = 12 * s / denominator
    chi2 = m * (n - 1) * w
    return KendallResult(
        w=w, chi2=chi2, df=n - 1, p=chi2_sf(chi2, n - 1), m=m, n=n, rank_sums=tuple(rank_sums)
    )


# --- χ² survival function via the regularised incomplete gamma function (Numerical Recipes §6.2) ---


def _gamma_series(a: float, x: float) -> float:
    """P(a, x) by its series, for x < a + 1."""
    term = 1.0 / a
    total = term
    ap = a
    for _ in range(10_000):
        ap += 1
        term *= x / ap
        total += term
        if abs(term) < abs(total) * 1e-16:
            break
    return total * math.exp(-x + a * math.log(x) - math.lgamma(a))


def _gamma_continued_fraction(a: float, x: float) -> float:
    """Q(a, x) by Lentz's continued fraction, for x ≥ a + 1."""
    tiny = 1e-300
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        if abs(d) < tiny:
            d = tiny
        c = b + an / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16:
            break
    return math.exp(-x + a * math.log(x) - math.lgamma(a)) * h


def regularized_gamma_q(a: float, x: float) -> float:
    """The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a)."""
    if a <= 0:
        raise DelphiError("a must be positive.")
    if x <= 0:
        return 1.0
    if x < a + 1:
        return max(0.0, 1.0 - _gamma_series(a, x))
    return min(1.0, _gamma_continued_fraction(a, x))


def chi2_sf(x: float, df: int) -> float:
    """P(X ≥ x) for X ~ χ²(df)."""
    if df <= 0:
        raise DelphiError("Degrees of freedom must be positive.")
    return regularized_gamma_q(df / 2, x / 2)


# --- descriptive statistics of a round ---


def indicator_statistics(values: Iterable[float | None], *, full_score: float) -> IndicatorStats:
    """Mean, sample SD, CV (SD / mean), full-score frequency of one indicator's ratings (None = no answer)."""
    data = [float(v) for v in values if v is not None]
    if not data:
        return IndicatorStats(0, 0.0, 0.0, None, 0.0, 0.0, 0.0)
    k = len(data)
    mean = sum(data) / k
    sd = math.sqrt(sum((x - mean) ** 2 for x in data) / (k - 1)) if k > 1 else 0.0
    cv = sd / mean if mean else None
    full = sum(1 for x in data if x >= full_score) / k
    return IndicatorStats(k, mean, sd, cv, full, min(data), max(data))


def response_rate(returned: int, sent: int) -> float:
    """专家积极系数: questionnaires returned ÷ questionnaires sent."""
    return returned / sent if sent else 0.0


def judgement_coefficient(basis: Mapping[str, str]) -> float:
    """Ca from the degree of influence of each basis of judgement, e.g. {"theory": "high", …}."""
    total = 0.0
    for key, level in basis.items():
        if key not in JUDGEMENT_BASIS or level not in JUDGEMENT_BASIS[key]:
            raise DelphiError(f"Unknown basis of judgement {key}={level}.")
        total += JUDGEMENT_BASIS[key][level]
    return round(total, 4)


def familiarity_coefficient(level: str) -> float:
    if level not in FAMILIARITY:
        raise DelphiError(f"Unknown familiarity {level}.")
    return FAMILIARITY[level]


def authority(ca: float, cs: float) -> float:
    """权威系数 Cr = (Ca + Cs) / 2."""
    return (ca + cs) / 2


def consensus_reached(
    cvs: Iterable[float | None],
    p: float | None,
    *,
    cv_threshold: float = DEFAULT_CV_THRESHOLD,
    p_threshold: float = DEFAULT_P_THRESHOLD,
) -> bool:
    """The default rule: every indicator's CV below the threshold and Kendall's W significant."""
    cv_list = list(cvs)
    if p is None or not cv_list:
        return False
    return all(cv is not None and cv < cv_threshold for cv in cv_list) and p < p_threshold
