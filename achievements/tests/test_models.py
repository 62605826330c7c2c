from __future__ import annotations

import pytest

from achievements.models import (
    AchievementType,
    ApplicationScenario,
    CooperationMode,
    RequiredMaterial,
    TechnicalField,
)
from achievements.workflow import ACHIEVEMENT_WORKFLOW
from platform_core.workflow.engine import workflow_for

pytestmark = pytest.mark.django_db


def test_default_vocabularies_are_loaded_by_migration():
    assert set(AchievementType.objects.values_list("name", flat=True)) >= {
        "新药物",
        "中药复方/制剂",
        "新技术",
        "新器械",
        "新设备",
        "诊断试剂",
        "新治疗方法",
        "大数据与人工智能",
        "其他",
    }
    assert list(CooperationMode.objects.values_list("code", flat=True)) == [
        "self_implement",
        "transfer",
        "license",
        "equity",
        "joint_development",
        "other",
    ]
    assert {"clinical", "public_health"} <= set(ApplicationScenario.objects.values_list("code", flat=True))
    assert TechnicalField.objects.filter(name="药物研发").exists()
    assert RequiredMaterial.objects.filter(achievement_type__code="tcm_formula", required=True).count() == 3


def test_workflow_declares_every_state_and_is_registered():
    from achievements.models import Achievement

    assert workflow_for(Achievement) is ACHIEVEMENT_WORKFLOW
    assert list(Achievement.State.values) == [
        "draft",
        "submitted",
        "returned",
        "resubmitted",
        "accepted",
        "refused",
        "under_evaluation",
        "not_evaluated",
        "evaluation_passed",
        "evaluation_failed",
        "published",
        "in_docking",
        "agreement_signed",
        "converted",
        "retired",
        "withdrawn",
    ]
    reached = {t.target for t in ACHIEVEMENT_WORKFLOW.transitions} | {"draft"}
    assert reached == set(Achievement.State.values)
