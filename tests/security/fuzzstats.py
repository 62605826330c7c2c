"""Case counts of the schemathesis run (tests/security/test_fuzz.py) and of the permission matrix
(tests/security/test_matrix.py), gathered per xdist worker and merged by the controller
(tests/security/conftest.py) into one summary at the end of the run (a worker's own prints are not shown)."""

from __future__ import annotations

import os
from collections import Counter, defaultdict

STAFF_CASES = int(os.environ.get("FUZZ_STAFF_CASES", "100"))
ROLE_CASES = int(os.environ.get("FUZZ_ROLE_CASES", "15"))

# role -> "METHOD /path" -> cases sent; role -> status class ("2xx", "4xx", ...) -> responses
CASES: dict[str, Counter] = defaultdict(Counter)
STATUSES: dict[str, Counter] = defaultdict(Counter)
# app -> [(URL, method, role) cases checked, known issues]
MATRIX: dict[str, list[int]] = {}


def record_matrix(app: str, cases: int, known: int) -> None:
    MATRIX[app] = [cases, known]


def record(role: str, operation: str, status: int | None) -> None:
    CASES[role][operation] += 1
    STATUSES[role]["none" if status is None else f"{status // 100}xx"] += 1


def dump() -> dict:
    return {
        "cases": {r: dict(c) for r, c in CASES.items()},
        "statuses": {r: dict(c) for r, c in STATUSES.items()},
        "matrix": dict(MATRIX),
    }


def merge(data: dict) -> None:
    for role, ops in data.get("cases", {}).items():
        CASES[role].update(ops)
    for role, statuses in data.get("statuses", {}).items():
        STATUSES[role].update(statuses)
    MATRIX.update(data.get("matrix", {}))


def summary_lines() -> list[str]:
    minimum = {role: STAFF_CASES if role == "staff" else ROLE_CASES for role in CASES}
    lines = []
    total = 0
    for role in sorted(CASES):
        ops = CASES[role]
        count = sum(ops.values())
        total += count
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(STATUSES[role].items()))
        below = sorted(op for op, n in ops.items() if n < minimum.get(role, 0))
        lines.append(
            f"fuzz [{role}]: {len(ops)} operations, {count} cases "
            f"(min {min(ops.values())}, max {max(ops.values())} per operation; {statuses})"
        )
        if below:
            lines.append(
                f"  {len(below)} operations below {minimum[role]} cases (input space exhausted): "
                + ", ".join(below[:8])
                + (" ..." if len(below) > 8 else "")
            )
    if CASES:
        lines.append(f"fuzz: {total} cases in all")
    for app in sorted(MATRIX):
        cases, known = MATRIX[app]
        lines.append(
            f"permission matrix [{app}]: {cases} (URL, method, role) cases checked; {known} known issues"
        )
    if MATRIX:
        lines.append(f"permission matrix: {sum(c for c, _k in MATRIX.values())} cases in all")
    return lines
