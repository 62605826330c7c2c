"""The agreement review checklist (5.3.2.2 b): which risk points a draft has. Pure functions.

Checks read the draft's clauses (what will be signed) and the agreed terms; a point is fixed by editing
the clause (or the value) and running the review again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

Clauses = Mapping[str, str]


@dataclass(frozen=True)
class RiskCheck:
    code: str
    severity: str  # high / medium / low
    label: Any
    suggestion: Any
    applies: Callable[[str, Decimal | None, Mapping[str, Any], Clauses], bool]


def _text(clauses: Clauses, code: str) -> str:
    return (clauses.get(code) or "").strip()


def _any_text(clauses: Clauses) -> str:
    return "\n".join(clauses.values())


def _no_ip_warranty(kind, value, terms, clauses) -> bool:
    return not _text(clauses, "ip_warranty")


def _no_acceptance(kind, value, terms, clauses) -> bool:
    return not _text(clauses, "acceptance")


def _payment_without_milestones(kind, value, terms, clauses) -> bool:
    method = terms.get("payment_method", "")
    if method in ("royalty", "equity"):
        return False
    big = value is not None and value >= Decimal("100")
    if method in ("milestones", "mixed") or big:
        payment = _text(clauses, "payment")
        return not any(word in payment for word in ("里程碑", "阶段", "节点", "分期", "验收合格后"))
    return False


def _exclusive_without_territory(kind, value, terms, clauses) -> bool:
    rights = _text(clauses, "usage_rights")
    plain = rights.replace("非独占", "").replace("非排他", "")
    exclusive = bool(terms.get("exclusive")) or "独占" in plain or "排他" in plain
    if not exclusive:
        return False
    return not any(word in rights for word in ("地域", "区域", "境内", "全球", "省内", "范围为"))


def _no_confidentiality(kind, value, terms, clauses) -> bool:
    return not _text(clauses, "confidentiality")


def _no_dispute(kind, value, terms, clauses) -> bool:
    return not _text(clauses, "dispute")


def _no_price(kind, value, terms, clauses) -> bool:
    return kind != "equity" and (value is None or value <= 0)


def _license_without_term(kind, value, terms, clauses) -> bool:
    if kind != "license":
        return False
    return not terms.get("term_years") and "年" not in _text(clauses, "term")


def _royalty_without_rate(kind, value, terms, clauses) -> bool:
    return terms.get("payment_method") in ("royalty", "mixed") and not terms.get("royalty_rate")


def _equity_without_share(kind, value, terms, clauses) -> bool:
    return (kind == "equity" or terms.get("payment_method") == "equity") and not terms.get("equity_share")


def _joint_without_ip_ownership(kind, value, terms, clauses) -> bool:
    return kind == "joint_development" and not _text(clauses, "ip_ownership")


CHECKS = [
    RiskCheck("no_ip_warranty", "high", _("No IP warranty by the supply side"),
              _("Add a clause in which the supply side warrants it owns the IP and that it infringes no third party's rights."),
              _no_ip_warranty),
    RiskCheck("no_acceptance", "high", _("No acceptance criteria"),
              _("State the technical indicators, the acceptance method and who accepts."), _no_acceptance),
    RiskCheck("payment_without_milestones", "high", _("Payment not tied to milestones"),
              _("Split the payment into instalments due on milestones or on acceptance."), _payment_without_milestones),
    RiskCheck("exclusive_without_territory", "high", _("Exclusive rights without a territory"),
              _("Define the territory (e.g. within mainland China) and the field of use of the exclusive rights."),
              _exclusive_without_territory),
    RiskCheck("no_price", "high", _("No contract value"), _("Record the price or the royalty base."), _no_price),
    RiskCheck("no_confidentiality", "medium", _("No confidentiality clause"),
              _("Add the confidentiality obligations and their duration."), _no_confidentiality),
    RiskCheck("no_dispute", "medium", _("No dispute resolution clause"),
              _("Choose arbitration (name the commission) or litigation (name the court)."), _no_dispute),
    RiskCheck("license_without_term", "medium", _("Licence without a term"),
              _("State the licence term in years."), _license_without_term),
    RiskCheck("royalty_without_rate", "medium", _("Royalty without a rate"),
              _("State the royalty rate and the revenue it applies to."), _royalty_without_rate),
    RiskCheck("equity_without_share", "medium", _("Equity without an agreed share"),
              _("State the valuation and the share or capital contribution it buys."), _equity_without_share),
    RiskCheck("joint_without_ip_ownership", "medium", _("Ownership of new IP not agreed"),
              _("Agree who owns and may use the IP created in the joint development."), _joint_without_ip_ownership),
]  # fmt: skip
RISK_CHECKS = {c.code: c for c in CHECKS}


def find_risks(
    kind: str, value: Decimal | None, terms: Mapping[str, Any], clauses: Clauses
) -> list[RiskCheck]:
    """The risk points present in a draft, most severe first."""
    order = {"high": 0, "medium": 1, "low": 2}
    found = [c for c in CHECKS if c.applies(kind, value, terms, clauses)]
    return sorted(found, key=lambda c: order[c.severity])
