from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OK = "ok"
NO_DATA = "no_data"  # the source exists but nothing fell in the period
NO_SOURCE = "no_source"  # the app that owns the records has not shipped them yet


@dataclass
class Measurement:
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    details: dict[str, Any] = field(default_factory=dict)
    status: str = OK

    @classmethod
    def no_source(cls, *missing: str) -> Measurement:
        return cls(None, None, None, {"missing_sources": list(missing)}, NO_SOURCE)


def ratio(numerator: float, denominator: float, details: dict[str, Any] | None = None) -> Measurement:
    """A percentage; multiplying before dividing keeps exact boundaries exact (4/5 → 80.0, 29/100 → 29.0)."""
    if not denominator:
        return Measurement(None, numerator, denominator, details or {}, NO_DATA)
    return Measurement(numerator * 100 / denominator, numerator, denominator, details or {})
