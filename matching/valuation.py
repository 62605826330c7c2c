"""Valuation worksheet (5.3.2.1 b): cost, market and income approaches. Pure functions, amounts in 万元."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from statistics import median


def parse_amounts(text: str) -> list[float]:
    """ "120, 95.5，200" → [120.0, 95.5, 200.0]; ignores blanks, raises ValueError on anything else."""
    values: list[float] = []
    for part in (text or "").replace("，", ",").replace("、", ",").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            value = float(Decimal(part))
        except (InvalidOperation, ValueError) as exc:
            raise ValueError(part) from exc
        if value < 0:
            raise ValueError(part)
        values.append(value)
    return values


def cost_approach(rd_cost: float | None, replacement_factor: float, obsolescence_pct: float) -> float | None:
    """Replacement cost less obsolescence: cost × factor × (1 − obsolescence)."""
    if rd_cost is None:
        return None
    return round(rd_cost * replacement_factor * (1 - obsolescence_pct / 100.0), 2)


def market_approach(comparables: Sequence[float], adjustment: float) -> float | None:
    """The median comparable price times the adjustment factor (the median resists one odd deal)."""
    if not comparables:
        return None
    return round(median(comparables) * adjustment, 2)


def income_approach(
    revenues: Sequence[float], share_pct: float, discount_pct: float, risk_pct: float = 0.0
) -> float | None:
    """Present value of the technology's share of future revenue: Σ R_t·s/(1+r)^t × (1 − risk)."""
    if not revenues:
        return None
    r = discount_pct / 100.0
    pv = sum(rev * share_pct / 100.0 / (1 + r) ** (t + 1) for t, rev in enumerate(revenues))
    return round(pv * (1 - risk_pct / 100.0), 2)


def summarise(cost: float | None, market: float | None, income: float | None) -> dict:
    """The range of the approaches that could be computed and their mean as a reference price."""
    values = {k: v for k, v in (("cost", cost), ("market", market), ("income", income)) if v is not None}
    if not values:
        return {"cost": None, "market": None, "income": None, "low": None, "high": None, "reference": None}
    return {
        "cost": cost,
        "market": market,
        "income": income,
        "low": round(min(values.values()), 2),
        "high": round(max(values.values()), 2),
        "reference": round(sum(values.values()) / len(values), 2),
    }
