"""Fixtures of the evaluation app."""

from __future__ import annotations

import pytest

from evaluation.scorecards import scorecard_template_create_from_tree

BANDS_003 = [(90, "excellent", "优秀"), (80, "qualified", "合格"), (0, "unqualified", "不合格")]

SMALL_TREE = [
    {
        "code": "A",
        "title": "基础建设",
        "max_points": 10,
        "children": [
            {
                "code": "A1",
                "title": "组织机构",
                "max_points": 6,
                "requirement": "组织机构和制度体系建设",
                "children": [
                    {
                        "code": "A1.1",
                        "title": "机构成立",
                        "max_points": 2,
                        "scoring_rule": "文件齐全 2 分；否则 0 分。",
                    },
                    {
                        "code": "A1.2",
                        "title": "职责明确",
                        "max_points": 4,
                        "scoring_rule": "明确 4 分；部分 2 分；无 0 分。",
                    },
                ],
            },
            {
                "code": "A2",
                "title": "资质水平",
                "max_points": 4,
                "scoring_rule": "取得认可 4 分；否则 0 分。",
            },
        ],
    },
    {"code": "B", "title": "运营管理", "max_points": 90, "scoring_rule": "0～90 分。"},
    {
        "code": "C",
        "title": "加分项",
        "max_points": 10,
        "is_bonus": True,
        "children": [
            {"code": "C1", "title": "创新举措", "max_points": 5},
            {"code": "C2", "title": "示范推广", "max_points": 5},
        ],
    },
]


@pytest.fixture
def small_template(db):
    return scorecard_template_create_from_tree(
        code="test_card", name="测试评价表", bonus_max=7, bands=BANDS_003, tree=SMALL_TREE
    )
