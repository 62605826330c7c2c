"""Statutory terms and fee/renewal deadlines of IP assets, as pure functions (no database).

Rules used (Chinese law unless stated; the platform reminds, the holder or agent pays):

* Invention patent (CN): term 20 years from the filing date. Annual fees: the fee of the first year is paid
  when the grant is registered; the fee of every later patent year is due on the anniversary of the filing
  date that starts it (the n-th anniversary opens year n + 1). Late payment is possible for six months
  with a surcharge (``grace_until``).
* Utility model (CN): 10 years, annual fees as above.
* Design (CN): 10 years; 15 years for applications filed on or after 2021-06-01 (Patent Law 2020, art. 42).
  Annual fees as above.
* Trademark: valid 10 years from the registration date; renewal may be filed in the 12 months before
  expiry (``window_opens``) and within a six-month grace period after it; each renewal adds 10 years.
* Software copyright: no fees and no renewal: no deadlines.
* PCT application: enter the national phase within 30 months of the (priority) filing date (China accepts
  32 months with a surcharge; other offices differ).
* Other jurisdictions: fees vary by office and are not computed (deadlines can be entered by staff).

Annual fees are only computed for granted patents (no annual fee is due while the application is pending).
Anniversaries of 29 February fall on 28 February in common years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

INVENTION = "invention"
UTILITY_MODEL = "utility_model"
DESIGN = "design"
TRADEMARK = "trademark"
SOFTWARE_COPYRIGHT = "software_copyright"
PATENT_KINDS = (INVENTION, UTILITY_MODEL, DESIGN)

CN, PCT = "CN", "PCT"

ANNUITY, RENEWAL, NATIONAL_PHASE = "annuity", "renewal", "national_phase"

DESIGN_15_YEARS_FROM = dt.date(2021, 6, 1)
TRADEMARK_TERM_YEARS = 10
RENEWAL_WINDOW_MONTHS = 12
GRACE_MONTHS = 6
PCT_NATIONAL_PHASE_MONTHS = 30
DEAD_STATUSES = ("rejected", "lapsed", "expired", "abandoned", "invalidated")


@dataclass(frozen=True)
class DeadlineSpec:
    kind: str
    due_date: dt.date
    year_index: int | None = None
    window_opens: dt.date | None = None
    grace_until: dt.date | None = None


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def patent_term_years(kind: str, filing_date: dt.date) -> int | None:
    if kind == INVENTION:
        return 20
    if kind == UTILITY_MODEL:
        return 10
    if kind == DESIGN:
        return 15 if filing_date >= DESIGN_15_YEARS_FROM else 10
    return None


def statutory_expiry(
    *, kind: str, jurisdiction: str, filing_date: dt.date | None, grant_date: dt.date | None
) -> dt.date | None:
    """The last day of protection under the rules above, or None when it cannot be computed.

    A term of N years from a start date ends on the day before the N-th anniversary.
    """
    if kind in PATENT_KINDS:
        if jurisdiction != CN or filing_date is None:
            return None
        years = patent_term_years(kind, filing_date)
        return add_years(filing_date, years) - dt.timedelta(days=1) if years else None
    if kind == TRADEMARK and grant_date is not None:
        return add_years(grant_date, TRADEMARK_TERM_YEARS) - dt.timedelta(days=1)
    return None


def compute_deadlines(
    *,
    kind: str,
    jurisdiction: str,
    status: str,
    filing_date: dt.date | None,
    grant_date: dt.date | None,
    expiry_date: dt.date | None,
) -> list[DeadlineSpec]:
    """Every fee, renewal or national-phase deadline of one asset, in date order."""
    if status in DEAD_STATUSES or kind == SOFTWARE_COPYRIGHT:
        return []
    if kind in PATENT_KINDS and jurisdiction == PCT:
        if filing_date is None or status == "granted":
            return []
        due = add_months(filing_date, PCT_NATIONAL_PHASE_MONTHS)
        return [DeadlineSpec(NATIONAL_PHASE, due, grace_until=add_months(filing_date, 32))]
    if kind in PATENT_KINDS:
        if jurisdiction != CN or filing_date is None or grant_date is None:
            return []
        expiry = expiry_date or statutory_expiry(
            kind=kind, jurisdiction=jurisdiction, filing_date=filing_date, grant_date=grant_date
        )
        years = patent_term_years(kind, filing_date) or 0
        specs = []
        for n in range(1, years):
            due = add_years(filing_date, n)
            if due <= grant_date:
                continue  # the fee of the grant year is paid with the grant registration
            if expiry is not None and due > expiry:
                break
            specs.append(
                DeadlineSpec(ANNUITY, due, year_index=n + 1, grace_until=add_months(due, GRACE_MONTHS))
            )
        return specs
    if kind == TRADEMARK:
        expiry = expiry_date or statutory_expiry(
            kind=kind, jurisdiction=jurisdiction, filing_date=filing_date, grant_date=grant_date
        )
        if expiry is None:
            return []
        return [
            DeadlineSpec(
                RENEWAL,
                expiry,
                window_opens=add_months(expiry, -RENEWAL_WINDOW_MONTHS),
                grace_until=add_months(expiry, GRACE_MONTHS),
            )
        ]
    return []
