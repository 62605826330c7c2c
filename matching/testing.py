"""Driving achievements into the library through the achievements app's own services and workflow
(used by the demo data and the tests; nothing here assigns a state)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from achievements import services as achievement_services
from achievements.models import (
    Achievement,
    AchievementType,
    ApplicationScenario,
    CooperationMode,
    RequiredMaterial,
    TechnicalField,
)
from platform_core.workflow.engine import transition

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TYPE_FOR_FIELD = {
    "tcm": "tcm_formula",
    "drug_rd": "new_drug",
    "diagnostic_reagent": "diagnostic_reagent",
    "diagnostic_device": "new_instrument",
    "medical_device": "new_instrument",
    "treatment_plan": "new_therapy",
    "big_data_ai": "big_data_ai",
}


def publish_achievement(
    *,
    holder: Any,
    staff: Any,
    name: str,
    field: str = "tcm",
    summary: str = "",
    maturity: str = "pilot",
    trl: int | None = 6,
    scenarios: tuple[str, ...] = ("clinical",),
    modes: tuple[str, ...] = ("transfer",),
    price: Decimal | str | None = None,
    tags: str = "",
    background: str = "",
    innovation_points: str = "",
    contributions: str = "",
    achievement_type: str | None = None,
) -> Achievement:
    """Create a complete achievement as ``holder`` and move it to 'published' as ``staff``."""
    kind = AchievementType.objects.get(code=achievement_type or TYPE_FOR_FIELD.get(field, "other"))
    achievement = achievement_services.achievement_create(holder=holder, name=name)
    achievement = achievement_services.achievement_update(
        achievement_id=achievement.pk,
        actor=holder,
        expected_version=achievement.version,
        fields={
            "summary": summary or name,
            "achievement_type": kind,
            "technical_field": TechnicalField.objects.get(code=field),
            "maturity": maturity,
            "trl": trl,
            "tags": tags,
            "background": background or summary or name,
            "innovation_points": innovation_points or summary or name,
            "contributions": contributions or summary or name,
            "price_expectation": price,
            "contact_name": str(holder),
            "contact_phone": "010-80000000",
        },
        m2m={
            "scenarios": list(ApplicationScenario.objects.filter(code__in=scenarios)),
            "cooperation_modes": list(CooperationMode.objects.filter(code__in=modes)),
        },
        rows={
            "technical_parameters": [{"name": "主要指标", "value": "见技术资料", "unit": "", "method": ""}],
            "team": [{"name": str(holder), "role": "leader", "title": "", "division_of_work": "总体负责"}],
        },
    )
    for material in RequiredMaterial.objects.filter(achievement_type=kind, required=True):
        achievement_services.material_upload(
            achievement_id=achievement.pk,
            actor=holder,
            uploaded_file=SimpleUploadedFile(
                f"{material.code}.pdf", PDF + material.code.encode(), "application/pdf"
            ),
            kind=material.code,
        )
    achievement_services.achievement_submit(achievement_id=achievement.pk, actor=holder)
    achievement_services.achievement_review(achievement_id=achievement.pk, actor=staff, decision="accept")
    for action in ("start_evaluation", "pass_evaluation", "publish"):
        transition(Achievement, achievement.pk, action=action, actor=staff)
    return Achievement.objects.get(pk=achievement.pk)
