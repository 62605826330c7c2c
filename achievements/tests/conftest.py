"""Fixtures of the achievements app: complete drafts and achievements moved along the workflow."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from achievements import services
from achievements.models import (
    AchievementType,
    ApplicationScenario,
    CooperationMode,
    RequiredMaterial,
    TechnicalField,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_file(name: str = "report.pdf", extra: bytes = b"") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + extra, content_type="application/pdf")


@pytest.fixture
def make_draft(db, users):
    def make(holder=None, *, complete: bool = True, name: str = "抗肝纤维化中药颗粒", materials: bool = True):
        holder = holder or users["holder"]
        kind = AchievementType.objects.get(code="tcm_formula")
        achievement = services.achievement_create(holder=holder, name=name)
        if not complete:
            return achievement
        achievement = services.achievement_update(
            achievement_id=achievement.pk,
            actor=holder,
            expected_version=achievement.version,
            fields={
                "summary": "扶正化瘀颗粒逆转慢性乙肝肝纤维化",
                "achievement_type": kind,
                "technical_field": TechnicalField.objects.get(code="tcm"),
                "maturity": "pilot",
                "trl": 6,
                "background": "慢性乙肝患者肝纤维化进展快，缺少有效抗纤维化药物。",
                "innovation_points": "多靶点抑制肝星状细胞活化。",
                "contributions": "完成 II 期临床试验。",
                "technical_details": "黄芪 30 g、丹参 15 g、鳖甲 10 g，水提醇沉。",
                "price_expectation": "800",
                "contact_name": "张教授",
                "contact_phone": "010-84322000",
            },
            m2m={
                "scenarios": [ApplicationScenario.objects.get(code="clinical")],
                "cooperation_modes": [CooperationMode.objects.get(code="license")],
            },
            rows={
                "technical_parameters": [
                    {"name": "纤维化逆转率", "value": "52.3", "unit": "%", "method": "肝穿刺病理 Ishak 评分"}
                ],
                "team": [
                    {"name": "张教授", "role": "leader", "title": "主任医师", "division_of_work": "总体设计"}
                ],
            },
        )
        if materials:
            for material in RequiredMaterial.objects.filter(achievement_type=kind, required=True):
                services.material_upload(
                    achievement_id=achievement.pk,
                    actor=holder,
                    uploaded_file=pdf_file(f"{material.code}.pdf", material.code.encode()),
                    kind=material.code,
                )
        achievement.refresh_from_db()
        return achievement

    return make


@pytest.fixture
def draft(make_draft):
    return make_draft()


@pytest.fixture
def submitted(draft, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.achievement_submit(achievement_id=draft.pk, actor=users["holder"])


@pytest.fixture
def returned(submitted, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.achievement_review(
            achievement_id=submitted.pk,
            actor=users["staff"],
            decision="return_for_supplement",
            reasons=[
                {"target_kind": "field", "target": "background", "text": "请补充流行病学数据"},
                {
                    "target_kind": "material",
                    "target": "pharmacodynamics",
                    "text": "药效学资料缺少动物实验原始数据",
                },
            ],
        )
