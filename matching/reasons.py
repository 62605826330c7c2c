"""How a stored reason reads to the user (translated at display time, so the language switch applies)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LABELS = {
    "field_match": gettext_lazy("Same technical field"),
    "field_mismatch": gettext_lazy("Different technical field"),
    "scenario_match": gettext_lazy("Application scenario matches: %(items)s"),
    "scenario_mismatch": gettext_lazy("Different application scenario"),
    "maturity_ok": gettext_lazy("Maturity meets the requirement"),
    "maturity_short": gettext_lazy("Maturity below the requirement"),
    "maturity_unknown": gettext_lazy("Maturity not stated"),
    "trl_ok": gettext_lazy("TRL %(trl)s meets the requirement"),
    "trl_short": gettext_lazy("TRL %(trl)s below the requirement"),
    "trl_unknown": gettext_lazy("TRL not stated"),
    "modes_match": gettext_lazy("Cooperation mode matches: %(items)s"),
    "modes_mismatch": gettext_lazy("No common cooperation mode"),
    "budget_covers": gettext_lazy("Budget covers the asking price"),
    "budget_close": gettext_lazy("Asking price slightly above the budget"),
    "budget_short": gettext_lazy("Asking price above the budget"),
    "price_open": gettext_lazy("Price open to negotiation"),
    "region_match": gettext_lazy("Same region: %(region)s"),
    "region_other": gettext_lazy("Outside %(region)s"),
    "keywords": gettext_lazy("Keywords: %(items)s"),
    "no_keywords": gettext_lazy("No shared keywords"),
    "behaviour": gettext_lazy("Attention: %(count)s inquiries and marks"),
}


def _names(codes: list[str]) -> str:
    from achievements.models import ApplicationScenario, CooperationMode

    names = {}
    for model in (ApplicationScenario, CooperationMode):
        names.update(dict(model.objects.filter(code__in=codes).values_list("code", "name")))
    return "、".join(names.get(c, c) for c in codes)


def reason_label(reason: Mapping[str, Any], vocab: Mapping[str, str] | None = None) -> str:
    template = LABELS.get(reason.get("code", ""))
    if template is None:
        return str(reason.get("code", ""))
    params = dict(reason.get("params") or {})
    items = params.get("items")
    if isinstance(items, list):
        if reason.get("code") == "keywords":
            params["items"] = "、".join(items)
        elif vocab is not None:
            params["items"] = "、".join(vocab.get(c, c) for c in items)
        else:
            params["items"] = _names(items)
    try:
        return str(template) % params if "%(" in str(template) else str(template)
    except (KeyError, ValueError, TypeError):
        return str(template)


def vocabulary_names() -> dict[str, str]:
    """Code → name of the scenario and cooperation-mode vocabularies (one pair of queries per page)."""
    from achievements.models import ApplicationScenario, CooperationMode

    names = dict(ApplicationScenario.objects.values_list("code", "name"))
    names.update(CooperationMode.objects.values_list("code", "name"))
    return names


def labelled(reasons: list[Mapping[str, Any]], vocab: Mapping[str, str]) -> list[dict]:
    """Reasons with their label, split flag ``met``; ordered as stored (most points first)."""
    return [{**r, "label": reason_label(r, vocab)} for r in reasons]


__all__ = ["LABELS", "labelled", "reason_label", "vocabulary_names", "_"]
