"""Drafting an agreement from a template and the agreed terms (5.3.2.2 a). Pure functions.

Template clause texts use ``{placeholders}`` (listed in ``PLACEHOLDERS``); a clause whose subject the terms
leave out (no IP warranty, no acceptance criteria, no confidentiality, no dispute resolution agreed) is
drafted empty, so the review checklist flags it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

PAYMENT_TEXT = {
    "lump_sum": "一次性支付",
    "milestones": "按里程碑分期支付",
    "royalty": "按销售额提成支付",
    "equity": "以技术作价入股",
    "mixed": "入门费加销售提成",
}
DISPUTE_TEXT = {
    "arbitration": "任何一方均可将争议提交甲方所在地仲裁委员会，按照申请仲裁时该会现行有效的仲裁规则进行仲裁。仲裁裁决是终局的，对双方均有约束力。",
    "litigation": "任何一方均可向甲方所在地有管辖权的人民法院提起诉讼。",
}
PLACEHOLDERS = (
    "party_a", "party_b", "achievement", "technical_scope", "exclusive_text", "territory_text", "field_of_use",
    "term", "payment_method", "price", "payment_text", "royalty_rate", "royalty_text", "equity_share", "acceptance_criteria",
    "dispute_text",
)  # fmt: skip

# Clauses drafted only when the terms provide their subject.
CONDITIONS = {
    "ip_warranty": lambda t: bool(t.get("ip_warranty")),
    "acceptance": lambda t: bool((t.get("acceptance_criteria") or "").strip()),
    "confidentiality": lambda t: bool(t.get("confidentiality")),
    "dispute": lambda t: bool(t.get("dispute_resolution")),
}


def terms_snapshot(terms: Any) -> dict:
    """The agreed terms as JSON-safe values (stored on the agreement)."""
    data = {}
    for name in (
        "version", "proposed_by", "cooperation_mode", "technical_scope", "exclusive", "territory", "field_of_use",
        "term_years", "payment_method", "price", "royalty_rate", "equity_share", "payment_schedule",
        "acceptance_criteria", "ip_warranty", "confidentiality", "dispute_resolution", "note",
    ):  # fmt: skip
        value = getattr(terms, name, None)
        data[name] = str(value) if isinstance(value, Decimal) else value
    return data


def _amount(value: Any) -> str:
    if value in (None, ""):
        return "（待约定）"
    return f"{Decimal(str(value)):,.2f} 万元"


def placeholders(terms: Mapping[str, Any], *, party_a: str, party_b: str, achievement: str) -> dict[str, str]:
    schedule = (terms.get("payment_schedule") or "").strip()
    method = terms.get("payment_method") or "lump_sum"
    if schedule:
        lines = [line.strip() for line in schedule.splitlines() if line.strip()]
        payment_text = "乙方按以下节点分期支付：\n" + "\n".join(
            f"（{i}）{line}" for i, line in enumerate(lines, 1)
        )
    elif method in ("royalty", "mixed"):
        payment_text = "乙方按约定提成比例于每个会计年度结束后三个月内结算支付。"
    elif method == "equity":
        payment_text = "以技术作价入股，不另行支付现金价款。"
    else:
        payment_text = "乙方应于本合同生效之日起三十日内一次性支付全部价款。"
    territory = (terms.get("territory") or "").strip()
    term_years = terms.get("term_years")
    return {
        "party_a": party_a,
        "party_b": party_b,
        "achievement": achievement,
        "technical_scope": (terms.get("technical_scope") or "（待约定）").strip(),
        "exclusive_text": "独占" if terms.get("exclusive") else "非独占",
        "territory_text": f"许可使用的地域范围为{territory}。" if territory else "",
        "field_of_use": (terms.get("field_of_use") or "双方约定的应用领域").strip(),
        "term": f"{term_years} 年" if term_years else "（期限待约定）",
        "payment_method": PAYMENT_TEXT.get(method, method),
        "price": _amount(terms.get("price")),
        "payment_text": payment_text,
        "royalty_rate": f"{terms.get('royalty_rate')}%" if terms.get("royalty_rate") else "（待约定）",
        "royalty_text": f"；销售提成比例为 {terms.get('royalty_rate')}%" if terms.get("royalty_rate") else "",
        "equity_share": f"{terms.get('equity_share')}%" if terms.get("equity_share") else "（待约定）",
        "acceptance_criteria": (terms.get("acceptance_criteria") or "").strip(),
        "dispute_text": DISPUTE_TEXT.get(terms.get("dispute_resolution") or "", ""),
    }


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_clause(body: str, values: Mapping[str, str]) -> str:
    """Fill the placeholders; unknown ones are left as written (staff see and fix them)."""
    try:
        return body.format_map(_Safe(values)).strip()
    except (ValueError, IndexError):
        return body.strip()


def draft_clauses(
    clauses: Iterable[Any], terms: Mapping[str, Any], values: Mapping[str, str]
) -> list[tuple[str, str, str, int]]:
    """(code, title, body, order) of each template clause, empty where the terms leave it out."""
    out = []
    for clause in clauses:
        condition = CONDITIONS.get(clause.code)
        body = render_clause(clause.body, values) if condition is None or condition(terms) else ""
        out.append((clause.code, clause.title, body, clause.order))
    return out
