"""Context builders of the app's PDF reports (called by the reports task with the subject)."""

from __future__ import annotations

from .models import Agreement


def agreement_context(agreement: Agreement) -> dict:
    agreement = Agreement.objects.select_related("project", "project__achievement", "template").get(
        pk=agreement.pk
    )
    return {
        "title": agreement.title,
        "subtitle": f"{agreement.get_contract_type_display()} · {agreement.project.number} · {agreement.project.achievement.name}",
        "report_code": agreement.archive_code or agreement.number,
        "agreement": agreement,
        "clauses": [c for c in agreement.clauses.all() if c.body],
        "risk_flags": list(agreement.risk_flags.exclude(status="resolved")),
        "terms": agreement.terms,
        "is_draft": agreement.state != Agreement.State.SIGNED,
    }
