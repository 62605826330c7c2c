"""Delphi statistics: Kendall's W by hand (with and without ties), χ² tail, descriptive statistics."""

import math

import pytest

from evaluation.delphi import (
    DelphiError,
    authority,
    average_ranks,
    chi2_sf,
    consensus_reached,
    familiarity_coefficient,
    indicator_statistics,
    judgement_coefficient,
    kendall_w,
    regularized_gamma_q,
    response_rate,
)


def _sf_df3(x: float) -> float:
    # Closed form of the χ²(3) tail: erfc(√(x/2)) + √(2x/π) e^(−x/2).
    return math.erfc(math.sqrt(x / 2)) + math.sqrt(2 * x / math.pi) * math.exp(-x / 2)


def test_kendall_w_without_ties_by_hand():
    scores = [
        [4, 3, 2, 1],  # ranks 4 3 2 1
        [4, 3, 1, 2],  # ranks 4 3 1 2
        [3, 4, 2, 1],  # ranks 3 4 2 1
    ]
    # m = 3, n = 4. Rank sums R = (11, 10, 5, 4); mean R̄ = m(n+1)/2 = 7.5.
    # S = 3.5² + 2.5² + 2.5² + 3.5² = 12.25 + 6.25 + 6.25 + 12.25 = 37.
    # W = 12·37 / (3²·(4³ − 4)) = 444 / 540 = 0.822…; χ² = m(n−1)W = 9 · 0.822… = 7.4, df = 3.
    r = kendall_w(scores)
    assert r.rank_sums == (11, 10, 5, 4)
    assert r.w == pytest.approx(444 / 540)
    assert r.chi2 == pytest.approx(7.4)
    assert r.df == 3
    assert r.p == pytest.approx(_sf_df3(7.4), rel=1e-9)
    assert r.p == pytest.approx(0.06018, abs=1e-4)


def test_kendall_w_with_ties_by_hand():
    scores = [
        [5, 5, 3, 1],  # ranks 3.5 3.5 2 1   one tie of t=2 → T = 2³ − 2 = 6
        [5, 4, 4, 2],  # ranks 4 2.5 2.5 1   T = 6
        [4, 5, 3, 3],  # ranks 3 4 1.5 1.5   T = 6
    ]
    # R = (10.5, 10, 6, 3.5), R̄ = 7.5; S = 3² + 2.5² + 1.5² + 4² = 9 + 6.25 + 2.25 + 16 = 33.5.
    # ΣT = 18. W = 12·33.5 / (9·60 − 3·18) = 402 / 486 = 0.8272 (uncorrected it would be 402/540 = 0.744).
    # χ² = 3 · 3 · W = 7.4444, df = 3.
    r = kendall_w(scores)
    assert r.rank_sums == (10.5, 10, 6, 3.5)
    assert r.w == pytest.approx(402 / 486)
    assert r.chi2 == pytest.approx(9 * 402 / 486)
    assert r.p == pytest.approx(_sf_df3(9 * 402 / 486), rel=1e-9)


def test_kendall_w_perfect_agreement_and_degenerate_cases():
    r = kendall_w([[1, 2, 3, 4, 5]] * 4)
    assert r.w == pytest.approx(1.0)
    assert r.p < 0.01
    flat = kendall_w([[3, 3, 3], [3, 3, 3]])
    assert flat.w == 0 and flat.p == 1
    with pytest.raises(DelphiError):
        kendall_w([[1, 2, 3]])
    with pytest.raises(DelphiError):
        kendall_w([[1, 2], [1]])


def test_average_ranks():
    assert average_ranks([10, 20, 20, 30]) == ([1, 2.5, 2.5, 4], [2])
    assert average_ranks([7, 7, 7]) == ([2, 2, 2], [3])


@pytest.mark.parametrize(
    ("x", "df", "expected"),
    [
        (3.841458820694124, 1, 0.05),
        (5.991464547107979, 2, 0.05),
        (18.307038053275146, 10, 0.05),
        (124.342, 100, 0.05),
        (0.0, 3, 1.0),
    ],
)
def test_chi2_sf_known_critical_values(x, df, expected):
    assert chi2_sf(x, df) == pytest.approx(expected, abs=2e-5)


@pytest.mark.parametrize("x", [0.1, 1.0, 2.5, 7.4, 20.0, 60.0])
def test_chi2_sf_against_closed_forms(x):
    assert chi2_sf(x, 1) == pytest.approx(math.erfc(math.sqrt(x / 2)), rel=1e-9, abs=1e-300)
    assert chi2_sf(x, 2) == pytest.approx(math.exp(-x / 2), rel=1e-9)
    assert chi2_sf(x, 3) == pytest.approx(_sf_df3(x), rel=1e-9, abs=1e-300)
    assert chi2_sf(x, 4) == pytest.approx(math.exp(-x / 2) * (1 + x / 2), rel=1e-9)


def test_regularized_gamma_bounds():
    assert regularized_gamma_q(2, 0) == 1
    with pytest.raises(DelphiError):
        regularized_gamma_q(0, 1)


def test_indicator_statistics():
    s = indicator_statistics([5, 4, 5, None, 3], full_score=5)
    # mean 17/4 = 4.25; deviations .75 −.25 .75 −1.25 → squares .5625 .0625 .5625 1.5625 = 2.75; /3 → sd √0.9167
    assert s.count == 4
    assert s.mean == pytest.approx(4.25)
    assert s.sd == pytest.approx(math.sqrt(2.75 / 3))
    assert s.cv == pytest.approx(math.sqrt(2.75 / 3) / 4.25)
    assert s.full_score_frequency == pytest.approx(0.5)
    assert indicator_statistics([], full_score=5).cv is None


def test_coefficients_and_consensus():
    assert response_rate(9, 10) == pytest.approx(0.9)
    assert response_rate(0, 0) == 0
    ca = judgement_coefficient({"theory": "high", "practice": "high", "peers": "low", "intuition": "low"})
    assert ca == pytest.approx(1.0)
    cs = familiarity_coefficient("familiar")
    assert authority(ca, cs) == pytest.approx(0.9)
    with pytest.raises(DelphiError):
        judgement_coefficient({"theory": "huge"})
    assert consensus_reached([0.1, 0.2], 0.01)
    assert not consensus_reached([0.1, 0.3], 0.01)
    assert not consensus_reached([0.1, 0.2], 0.2)
    assert consensus_reached([0.1, 0.3], 0.2, cv_threshold=0.35, p_threshold=0.25)
