"""The deadline rules as pure functions (no database)."""

from __future__ import annotations

import datetime as dt

from ip_services.deadlines import (
    ANNUITY,
    NATIONAL_PHASE,
    RENEWAL,
    add_months,
    compute_deadlines,
    statutory_expiry,
)

D = dt.date


def specs(**kw):
    base = {
        "jurisdiction": "CN",
        "status": "granted",
        "filing_date": None,
        "grant_date": None,
        "expiry_date": None,
    }
    base.update(kw)
    return compute_deadlines(**base)


def test_invention_term_is_20_years_from_filing():
    assert statutory_expiry(
        kind="invention", jurisdiction="CN", filing_date=D(2018, 3, 15), grant_date=None
    ) == D(2038, 3, 14)


def test_invention_annuities_fall_on_filing_anniversaries_after_grant():
    result = specs(kind="invention", filing_date=D(2018, 3, 15), grant_date=D(2021, 6, 1))
    assert all(s.kind == ANNUITY for s in result)
    # 2022-03-15 opens patent year 5; the last fee is for year 20 (2037-03-15).
    assert (result[0].due_date, result[0].year_index) == (D(2022, 3, 15), 5)
    assert (result[-1].due_date, result[-1].year_index) == (D(2037, 3, 15), 20)
    assert len(result) == 16
    assert result[0].grace_until == D(2022, 9, 15)


def test_no_annuities_before_grant_or_for_dead_rights():
    assert specs(kind="invention", filing_date=D(2023, 1, 1), status="pending") == []
    assert specs(kind="invention", filing_date=D(2015, 1, 1), grant_date=D(2017, 1, 1), status="lapsed") == []


def test_utility_model_is_10_years():
    result = specs(kind="utility_model", filing_date=D(2020, 5, 10), grant_date=D(2020, 12, 1))
    assert statutory_expiry(
        kind="utility_model", jurisdiction="CN", filing_date=D(2020, 5, 10), grant_date=None
    ) == D(2030, 5, 9)
    assert [s.year_index for s in result] == list(range(2, 11))


def test_design_term_depends_on_filing_date():
    before = statutory_expiry(kind="design", jurisdiction="CN", filing_date=D(2021, 5, 31), grant_date=None)
    after = statutory_expiry(kind="design", jurisdiction="CN", filing_date=D(2021, 6, 1), grant_date=None)
    assert before == D(2031, 5, 30)
    assert after == D(2036, 5, 31)
    assert specs(kind="design", filing_date=D(2021, 6, 1), grant_date=D(2021, 12, 1))[-1].year_index == 15


def test_trademark_renewal_with_twelve_month_window():
    result = specs(kind="trademark", grant_date=D(2016, 7, 7))
    assert len(result) == 1
    renewal = result[0]
    assert renewal.kind == RENEWAL
    assert renewal.due_date == D(2026, 7, 6)
    assert renewal.window_opens == D(2025, 7, 6)
    assert renewal.grace_until == D(2027, 1, 6)


def test_software_copyright_has_no_fees():
    assert specs(kind="software_copyright", filing_date=D(2020, 1, 1), grant_date=D(2020, 3, 1)) == []


def test_pct_national_phase_at_30_months():
    result = specs(kind="invention", jurisdiction="PCT", status="pending", filing_date=D(2024, 1, 31))
    assert [(s.kind, s.due_date) for s in result] == [(NATIONAL_PHASE, D(2026, 7, 31))]


def test_leap_day_anniversaries_and_month_ends():
    result = specs(kind="utility_model", filing_date=D(2016, 2, 29), grant_date=D(2016, 10, 1))
    assert result[0].due_date == D(2017, 2, 28)
    assert D(2020, 2, 29) in [s.due_date for s in result]
    assert add_months(D(2024, 8, 31), 6) == D(2025, 2, 28)
    assert add_months(D(2024, 12, 15), -12) == D(2023, 12, 15)
