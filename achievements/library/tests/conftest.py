"""Fixtures of the library: achievements moved through the workflow and published, a small library."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from achievements.library.services import behaviour
from achievements.library.services.indexing import documents_rebuild
from achievements.library.services.publication import achievement_publish
from achievements.models import (
    Achievement,
    AchievementType,
    ApplicationScenario,
    CooperationMode,
    IpStatusEntry,
    TechnicalField,
)
from platform_core.accounts.models import Organization
from platform_core.workflow.engine import record_initial, transition

SECRET = "绝密配方黄芪三十克"  # the holder's confidential technical details
PRICE = "888.00"
REGISTERED_NOTE = "合作须具备药品生产许可证"  # registered-only cooperation requirements


@pytest.fixture(autouse=True)
def _clean_state():
    cache.clear()
    behaviour.discard()
    yield
    behaviour.discard()


@pytest.fixture
def orgs(db) -> dict[str, Organization]:
    data = {
        "hospital": ("北京佑安医院（测试）", Organization.Kind.HOSPITAL, "北京市"),
        "enterprise": ("上海肝康科技（测试）", Organization.Kind.ENTERPRISE, "上海市"),
        "university": ("河北中医药大学（测试）", Organization.Kind.UNIVERSITY, "河北省"),
    }
    return {
        key: Organization.objects.get_or_create(name=name, defaults={"kind": kind, "province": province})[0]
        for key, (name, kind, province) in data.items()
    }


@pytest.fixture
def make_entry(db, users, orgs):
    """An achievement taken through the workflow to "evaluation passed" and (by default) published."""

    def make(
        name: str,
        *,
        summary: str = "",
        background: str = "",
        field: str = "tcm",
        kind: str = "tcm_formula",
        maturity: str = "pilot",
        trl: int | None = 6,
        holder=None,
        org: str = "hospital",
        scenarios: tuple[str, ...] = ("clinical",),
        modes: tuple[str, ...] = ("license",),
        levels: dict[str, str] | None = None,
        publish: bool = True,
        ip_granted: bool = False,
    ) -> Achievement:
        holder = holder or users["holder"]
        staff = users["staff"]
        achievement = Achievement.objects.create(
            name=name,
            summary=summary or f"{name}的简介",
            holder=holder,
            organization=orgs[org],
            achievement_type=AchievementType.objects.get(code=kind),
            technical_field=TechnicalField.objects.get(code=field),
            maturity=maturity,
            trl=trl,
            tags="中医药",
            background=background or f"{name}的研究背景。",
            innovation_points="多靶点干预。",
            contributions="完成多中心研究。",
            technical_details=SECRET,
            price_expectation=PRICE,
            cooperation_note=REGISTERED_NOTE,
            contact_name="张教授",
            contact_phone="010-84322000",
            state=Achievement.State.ACCEPTED,
        )
        achievement.scenarios.set(ApplicationScenario.objects.filter(code__in=scenarios))
        achievement.cooperation_modes.set(CooperationMode.objects.filter(code__in=modes))
        if ip_granted:
            IpStatusEntry.objects.create(
                achievement=achievement,
                title="一种中药组合物",
                number="ZL2020",
                status=IpStatusEntry.Status.GRANTED,
            )
        record_initial(achievement, actor=holder)
        transition(Achievement, achievement.pk, action="start_evaluation", actor=staff)
        transition(Achievement, achievement.pk, action="pass_evaluation", actor=staff)
        if publish:
            achievement_publish(achievement_id=achievement.pk, actor=staff, levels=levels)
        achievement.refresh_from_db()
        return achievement

    return make


@pytest.fixture
def library(make_entry) -> dict[str, Achievement]:
    """A small library with the traps of Chinese search."""
    return {
        "fibrosis": make_entry(
            "扶正化瘀抗肝纤维化中药颗粒",
            summary="逆转慢性乙肝肝纤维化的中药复方",
            field="tcm",
            maturity="pilot",
            trl=6,
            ip_granted=True,
        ),
        "liver_support": make_entry(
            "生物型人工肝支持系统",
            summary="用于肝衰竭患者的人工肝治疗",
            field="medical_device",
            kind="new_instrument",
            maturity="industrial",
            trl=8,
            org="enterprise",
            modes=("equity", "license"),
        ),
        "ai": make_entry(
            "基于人工智能的肝脏超声辅助诊断系统",
            summary="人工智能识别肝脏影像特征，辅助诊断",
            field="big_data_ai",
            kind="big_data_ai",
            maturity="pilot",
            trl=5,
            org="university",
            scenarios=("health_management",),
        ),
        "followup": make_entry(
            "慢性肝病患者随访管理平台",
            summary="面向基层的随访管理",
            field="big_data_ai",
            kind="big_data_ai",
            maturity="lab",
            trl=3,
            scenarios=("health_management", "public_health"),
        ),
    }


@pytest.fixture
def many_entries(db, users, orgs):
    """``many_entries(n)``: n published achievements written in bulk and indexed (paging, query counts)."""

    def make(n: int) -> list[int]:
        field = TechnicalField.objects.get(code="tcm")
        objects = Achievement.objects.bulk_create(
            [
                Achievement(
                    name=f"治疗肝纤维化的中药复方{i}号",
                    summary=f"第{i}个肝纤维化中药复方",
                    holder=users["holder"],
                    organization=orgs["hospital"],
                    technical_field=field,
                    maturity="pilot",
                    trl=(i % 9) + 1,
                    state=Achievement.State.PUBLISHED,
                )
                for i in range(n)
            ]
        )
        scenario = ApplicationScenario.objects.get(code="clinical")
        Achievement.scenarios.through.objects.bulk_create(
            [
                Achievement.scenarios.through(achievement_id=o.pk, applicationscenario_id=scenario.pk)
                for o in objects
            ]
        )
        ids = [o.pk for o in objects]
        documents_rebuild(achievement_ids=ids)
        return ids

    return make
