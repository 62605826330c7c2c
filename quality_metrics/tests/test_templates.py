"""Shipped templates: Table A.1 (qi_platform_a1) with its 18 items and points, service_star_004, the default survey."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from evaluation.models import ScorecardTemplate
from evaluation.scorecards import grade_for
from quality_metrics.models import SurveyTemplate

A1_ITEMS = {
    "基础建设": [
        ("组织机构", 8),
        ("资质水平", 2),
        ("服务场所", 8),
        ("信息化建设", 3),
        ("人员配置", 4),
        ("保密和信息安全", 3),
        ("档案管理", 2),
    ],
    "运营管理": [
        ("计量服务", 8),
        ("标准服务", 10),
        ("认证认可服务", 6),
        ("检验检测服务", 8),
        ("拓展服务", 8),
    ],
    "协同成效": [
        ("线下服务", 6),
        ("线上服务", 6),
        ("线下线上融合", 3),
        ("持续改进", 4),
        ("要素融合", 5),
        ("服务模式推广", 6),
    ],
}


@pytest.fixture
def templates(db):
    out = StringIO()
    call_command("scorecard_templates", "--json", stdout=out)
    return {t["code"]: t for t in json.loads(out.getvalue())}


def test_table_a1_totals_100_plus_7_bonus_with_18_items(templates):
    a1 = templates["qi_platform_a1"]
    assert a1["bonus_max"] == 7
    first_level = {c["name"]: c for c in a1["criteria"]}
    assert [c["name"] for c in a1["criteria"]] == ["基础建设", "运营管理", "协同成效", "加分项"]
    assert [first_level[n]["max_points"] for n in ("基础建设", "运营管理", "协同成效")] == [30, 40, 30]
    assert sum(first_level[n]["max_points"] for n in A1_ITEMS) == 100
    items = 0
    for name, expected in A1_ITEMS.items():
        got = [(c["name"], c["max_points"]) for c in first_level[name]["children"]]
        assert got == expected
        assert sum(p for _, p in got) == first_level[name]["max_points"]
        for item in first_level[name]["children"]:
            # every item's numbered scoring rules add up to the item's points
            assert item["children"] and sum(r["max_points"] for r in item["children"]) == item["max_points"]
        items += len(got)
    assert items == 18
    bonus = first_level["加分项"]
    assert bonus["max_points"] == 7
    assert [(c["name"], c["max_points"]) for c in bonus["children"]] == [("社会效益", 7)]
    assert [r["max_points"] for r in bonus["children"][0]["children"]] == [2, 5]


def test_table_a1_keeps_the_standards_words(db):
    template = ScorecardTemplate.objects.get(code="qi_platform_a1")
    item = template.criteria.get(code="A1")
    assert item.requirement == "组织机构和制度体系建设"
    rule = template.criteria.get(code="A1.1").scoring_rule
    assert rule == "1. 组织机构成立及成立文件齐全，2 分；机构成立，成立文件不齐全，0 分。"
    assert template.criteria.get(code="D1.2").scoring_rule.startswith(
        "2. 获得相关的荣誉表彰，其中国家级 5 分"
    )
    assert template.criteria.filter(is_bonus=True).count() == 4  # 加分项, 社会效益 and its two rules


@pytest.mark.parametrize(
    ("total", "label"),
    [(100, "优秀"), (90, "优秀"), (89.5, "合格"), (80, "合格"), (79.9, "不合格"), (0, "不合格")],
)
def test_platform_grade_boundaries(db, total, label):
    template = ScorecardTemplate.objects.get(code="qi_platform_a1")
    assert grade_for(total, template.grade_bands)[1] == label


def test_service_star_template_follows_clause_5_with_labelled_defaults(templates, db):
    star = templates["service_star_004"]
    assert [c["name"] for c in star["criteria"]] == ["成果背景", "过程实现", "效果"]
    assert [c["name"] for c in star["criteria"][0]["children"]] == ["聚焦用户", "问题导向"]
    assert [c["name"] for c in star["criteria"][1]["children"]] == ["系统方法", "创新应用", "成果推广"]
    assert [c["name"] for c in star["criteria"][2]["children"]] == ["目标实现", "服务绩效", "社会影响"]
    template = ScorecardTemplate.objects.get(code="service_star_004")
    assert "默认" in template.name and "并非标准原文" in template.description
    assert all("默认" in band["label"] for band in template.grade_bands)
    assert all("非标准原文" in c.scoring_rule for c in template.criteria.exclude(scoring_rule=""))


def test_default_survey_ships_with_the_four_dimensions(db):
    template = SurveyTemplate.objects.get(is_default=True)
    names = list(template.dimensions.values_list("name", flat=True))
    assert names[:4] == ["服务态度", "服务效率", "信息准确性", "技术支持力度"]
    assert template.questions.filter(kind="rating").count() == 8


def test_plain_listing(templates, db):
    out = StringIO()
    call_command("scorecard_templates", stdout=out)
    assert "qi_platform_a1" in out.getvalue() and "- 组织机构 (8)" in out.getvalue()
