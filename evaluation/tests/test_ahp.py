"""AHP: Saaty's published example, consistency, reciprocal filling, scale checks, geometric mean."""

import math

import pytest

from evaluation.ahp import (
    AhpError,
    ahp_weights,
    fill_reciprocal,
    format_value,
    geometric_mean_matrix,
    parse_value,
    validate_saaty_matrix,
)

SAATY_3 = [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]


def test_saaty_three_by_three_published_values():
    r = ahp_weights(SAATY_3)
    # Published: w = (0.6370, 0.2583, 0.1047), λmax = 3.0385, CI = 0.0193, RI = 0.58, CR = 0.0332.
    assert [round(x, 4) for x in r.weights] == [0.6370, 0.2583, 0.1047]
    assert round(r.lambda_max, 4) == 3.0385
    assert round(r.ci, 4) == 0.0193
    assert r.ri == 0.58
    assert round(r.cr, 4) == 0.0332
    assert r.consistent
    assert math.isclose(sum(r.weights), 1.0)


def test_perfectly_consistent_matrix_has_zero_cr_and_exact_weights():
    w = [0.5, 0.25, 0.15, 0.1]
    matrix = [[wi / wj for wj in w] for wi in w]
    r = ahp_weights(matrix)
    assert all(math.isclose(a, b, abs_tol=1e-9) for a, b in zip(r.weights, w, strict=True))
    assert math.isclose(r.lambda_max, 4.0, abs_tol=1e-9)
    assert r.cr < 1e-9


def test_inconsistent_matrix_is_flagged():
    # a > b (9), b > c (9) but c > a (9): a cycle, CR far above 0.10.
    r = ahp_weights([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    assert r.cr >= 0.10
    assert not r.consistent


def test_small_orders_have_zero_cr():
    assert ahp_weights([[1]]).weights == (1.0,)
    r = ahp_weights([[1, 3], [1 / 3, 1]])
    assert [round(x, 4) for x in r.weights] == [0.75, 0.25]
    assert r.cr == 0.0


def test_fill_reciprocal_from_upper_triangle_and_mapping():
    full = fill_reciprocal([[1, 3, 5], [0, 1, 3], [0, 0, 1]])
    assert full[1][0] == pytest.approx(1 / 3)
    assert full[2][0] == pytest.approx(1 / 5)
    assert full[2][1] == pytest.approx(1 / 3)
    same = fill_reciprocal({(0, 1): "3", (0, 2): 5, (1, 2): "3"}, n=3)
    assert same == full
    with pytest.raises(AhpError):
        fill_reciprocal({(0, 1): 3}, n=3)


def test_scale_validation():
    validate_saaty_matrix(SAATY_3)
    with pytest.raises(AhpError, match="scale"):
        validate_saaty_matrix([[1, 10], [0.1, 1]])
    with pytest.raises(AhpError, match="scale"):
        validate_saaty_matrix([[1, 2.5], [0.4, 1]])
    with pytest.raises(AhpError, match="reciprocal"):
        validate_saaty_matrix([[1, 3], [3, 1]])
    with pytest.raises(AhpError, match="diagonal"):
        validate_saaty_matrix([[2, 3], [1 / 3, 1]])
    with pytest.raises(AhpError, match="square"):
        validate_saaty_matrix([[1, 3], [1 / 3]])
    with pytest.raises(AhpError):
        parse_value("abc")
    with pytest.raises(AhpError):
        parse_value(-1)
    assert parse_value("1/7") == pytest.approx(1 / 7)
    # aggregated matrices only need to stay within range
    validate_saaty_matrix([[1, 2.5], [0.4, 1]], strict_scale=False)


def test_geometric_mean_of_experts():
    a = [[1, 3], [1 / 3, 1]]
    b = [[1, 1 / 3], [3, 1]]
    c = [[1, 9], [1 / 9, 1]]
    g = geometric_mean_matrix([a, b])
    assert g[0][1] == pytest.approx(1.0)
    g = geometric_mean_matrix([a, c])
    # sqrt(3 * 9) = 5.196…, and the aggregate stays reciprocal
    assert g[0][1] == pytest.approx(math.sqrt(27))
    assert g[1][0] == pytest.approx(1 / math.sqrt(27))
    with pytest.raises(AhpError):
        geometric_mean_matrix([a, SAATY_3])


def test_format_value():
    assert format_value(3.0) == "3"
    assert format_value(1 / 3) == "1/3"
    assert format_value(2.4662) == "2.47"
