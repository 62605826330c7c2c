"""Analytic hierarchy process (层次分析法, 000 §5.1.2.2.3–4): weights from pairwise comparison matrices.

Pure functions, no Django. A comparison matrix ``A`` is square, positive and reciprocal
(``A[j][i] == 1 / A[i][j]``, ones on the diagonal); an expert's entries come from Saaty's 1–9 scale
(1, 2, …, 9 and their reciprocals 1/2 … 1/9).

* :func:`ahp_weights` — the principal eigenvector (power iteration, normalised to sum 1), λmax,
  CI = (λmax − n) / (n − 1) and CR = CI / RI with Saaty's random index (n ≤ 2: CR = 0).
* :func:`fill_reciprocal` — a full matrix from the upper triangle.
* :func:`validate_saaty_matrix` — structure and scale checks (raises :class:`AhpError`).
* :func:`geometric_mean_matrix` — several experts' matrices combined element-wise by geometric mean
  (the aggregate stays reciprocal).

A matrix with CR ≥ :data:`CONSISTENCY_THRESHOLD` (0.10) is inconsistent and must not be adopted.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

Matrix = Sequence[Sequence[float]]

#: Saaty's random consistency index by matrix order (Saaty 1980; 11–15 from the extended table).
RANDOM_INDEX: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
    11: 1.51,
    12: 1.48,
    13: 1.56,
    14: 1.57,
    15: 1.59,
}
CONSISTENCY_THRESHOLD = 0.10
MAX_ORDER = max(RANDOM_INDEX)
#: The values an expert may enter: 1/9 … 1/2, 1, 2 … 9.
SAATY_VALUES: tuple[float, ...] = tuple(
    sorted({float(k) for k in range(1, 10)} | {1 / k for k in range(2, 10)})
)
_TOL = 1e-9


class AhpError(ValueError):
    """The matrix is not a usable comparison matrix (message says why)."""


@dataclass(frozen=True)
class AhpResult:
    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    cr: float
    ri: float
    n: int
    iterations: int

    @property
    def consistent(self) -> bool:
        """Saaty's rule: the judgements may be used when CR < 0.10."""
        return self.cr < CONSISTENCY_THRESHOLD


def parse_value(value: object) -> float:
    """A matrix entry from user input: ``3``, ``"3"``, ``"1/3"``, ``0.3333``."""
    if isinstance(value, bool):
        raise AhpError("A comparison value must be a number.")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip()
        try:
            number = float(Fraction(text)) if "/" in text else float(text)
        except (ValueError, ZeroDivisionError):
            raise AhpError(f"“{text}” is not a number.")
    if not math.isfinite(number) or number <= 0:
        raise AhpError("Comparison values must be positive numbers.")
    return number


def snap_saaty(value: float) -> float | None:
    """The Saaty scale value equal to ``value`` (within rounding, e.g. 0.333 → 1/3), or None."""
    for allowed in SAATY_VALUES:
        if math.isclose(value, allowed, rel_tol=2e-3):
            return allowed
    return None


def _check_square(matrix: Matrix) -> int:
    n = len(matrix)
    if n == 0:
        raise AhpError("The matrix is empty.")
    if n > MAX_ORDER:
        raise AhpError(f"At most {MAX_ORDER} items can be compared in one matrix.")
    for row in matrix:
        if len(row) != n:
            raise AhpError("The matrix must be square.")
    return n


def validate_saaty_matrix(matrix: Matrix, *, strict_scale: bool = True) -> list[list[float]]:
    """Check a full matrix and return it as floats.

    ``strict_scale``: every entry must be one of Saaty's 17 values (an expert's judgement);
    otherwise entries only need to lie within [1/9, 9] (an aggregated matrix).
    """
    n = _check_square(matrix)
    full = [[parse_value(v) for v in row] for row in matrix]
    for i in range(n):
        if not math.isclose(full[i][i], 1.0, rel_tol=_TOL):
            raise AhpError("The diagonal of a comparison matrix must be 1.")
        for j in range(n):
            v = full[i][j]
            if strict_scale:
                snapped = snap_saaty(v)
                if snapped is None:
                    raise AhpError(f"{v:g} is not on Saaty's 1–9 scale (1/9 … 9).")
                full[i][j] = snapped
            elif not (1 / 9 - _TOL <= v <= 9 + _TOL):
                raise AhpError(f"{v:g} lies outside Saaty's range 1/9 … 9.")
    for i in range(n):
        for j in range(i + 1, n):
            if not math.isclose(full[i][j] * full[j][i], 1.0, rel_tol=1e-3):
                raise AhpError(f"Entries ({i + 1},{j + 1}) and ({j + 1},{i + 1}) are not reciprocal.")
    return full


def fill_reciprocal(
    upper: Matrix | Mapping[tuple[int, int], object], n: int | None = None
) -> list[list[float]]:
    """A full reciprocal matrix from the upper triangle.

    ``upper`` is either a square matrix whose entries above the diagonal are read (the rest ignored)
    or a mapping ``{(i, j): value}`` with ``i < j`` (then ``n`` is required).
    """
    if isinstance(upper, Mapping):
        if n is None:
            raise AhpError("The order n is required with a mapping.")
        entries = {(int(i), int(j)): parse_value(v) for (i, j), v in upper.items()}
    else:
        n = _check_square(upper)
        entries = {(i, j): parse_value(upper[i][j]) for i in range(n) for j in range(i + 1, n)}
    full = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if (i, j) not in entries:
                raise AhpError(f"Entry ({i + 1},{j + 1}) is missing.")
            value = entries[(i, j)]
            full[i][j] = value
            full[j][i] = 1.0 / value
    return full


def ahp_weights(matrix: Matrix, *, tolerance: float = 1e-12, max_iterations: int = 10_000) -> AhpResult:
    """Weights (principal eigenvector, sum 1), λmax, CI and CR of a positive reciprocal matrix."""
    n = _check_square(matrix)
    a = [[parse_value(v) for v in row] for row in matrix]
    if n == 1:
        return AhpResult(weights=(1.0,), lambda_max=1.0, ci=0.0, cr=0.0, ri=0.0, n=1, iterations=0)
    # Power iteration from the normalised row geometric means (already close for near-consistent input).
    w = [math.prod(row) ** (1 / n) for row in a]
    total = sum(w)
    w = [x / total for x in w]
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007
        aw = [sum(a[i][j] * w[j] for j in range(n)) for i in range(n)]
        total = sum(aw)
        nxt = [x / total for x in aw]
        delta = max(abs(x - y) for x, y in zip(nxt, w, strict=True))
        w = nxt
        if delta < tolerance:
            break
    aw = [sum(a[i][j] * w[j] for j in range(n)) for i in range(n)]
    lambda_max = sum(aw[i] / w[i] for i in range(n)) / n
    ci = max(0.0, (lambda_max - n) / (n - 1))
    ri = RANDOM_INDEX[n]
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult(weights=tuple(w), lambda_max=lambda_max, ci=ci, cr=cr, ri=ri, n=n, iterations=iterations)


def geometric_mean_matrix(matrices: Iterable[Matrix]) -> list[list[float]]:
    """Element-wise geometric mean of several experts' matrices of the same order (AIJ aggregation)."""
    items = [[[parse_value(v) for v in row] for row in m] for m in matrices]
    if not items:
        raise AhpError("No matrices to combine.")
    n = _check_square(items[0])
    for m in items:
        if _check_square(m) != n:
            raise AhpError("All matrices must have the same order.")
    k = len(items)
    return [
        [math.exp(sum(math.log(m[i][j]) for m in items) / k) if i != j else 1.0 for j in range(n)]
        for i in range(n)
    ]


def format_value(value: float) -> str:
    """A Saaty value for display: ``3``, ``1/3``, or ``2.47`` for an aggregated entry."""
    if value >= 1 - 1e-9:
        return f"{value:g}" if math.isclose(value, round(value), rel_tol=1e-6) else f"{value:.2f}"
    inverse = 1 / value
    if math.isclose(inverse, round(inverse), rel_tol=1e-6):
        return f"1/{round(inverse)}"
    return f"{value:.3f}"
