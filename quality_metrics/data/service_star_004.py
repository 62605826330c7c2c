"""The service-star template (T/SAQ 0008—2024, clause 5 structure).

The text of the standard available to the platform ends in clause 4.2.1: its scoring table (Annex A) and
scoring method (Annex B) are missing. The structure below is the standard's (5.2 成果背景: 5.2.1 聚焦用户,
5.2.2 问题导向; 5.3 过程实现: 5.3.1 系统方法, 5.3.2 创新应用, 5.3.3 成果推广; 5.4 效果: 5.4.1 目标实现,
5.4.2 服务绩效, 5.4.3 社会影响); the points and grade bands are the platform's DEFAULTS, labelled as such,
and an administrator can change them.
"""

CODE = "service_star_004"
NAME = "用户满意服务明星创新成果评价表（T/SAQ 0008—2024 结构，默认分值）"
DESCRIPTION = (
    "评价内容结构依据 T/SAQ 0008—2024 第5章。标准附录A（评价评分表）和附录B（评分方法）未收录于本平台依据的文本，"
    "本模板的分值和分级均为平台默认设置，并非标准原文，管理员可调整。适用于第一方、第二方、第三方评价。"
)
BONUS_MAX = 0
DEFAULT_NOTE = "（平台默认评分规则，非标准原文）"
BANDS = [
    (90, "level_1", "一级（默认分级）"),
    (75, "level_2", "二级（默认分级）"),
    (60, "level_3", "三级（默认分级）"),
]


def _leaf(code, title, clause, points):
    return {
        "code": code,
        "title": title,
        "max_points": points,
        "requirement": f"T/SAQ 0008—2024 {clause} {title}",
        "scoring_rule": f"{DEFAULT_NOTE}按“{title}”的符合程度、证据充分性和示范作用评分，0～{points} 分。",
    }


TREE = [
    {
        "code": "S1",
        "title": "成果背景",
        "max_points": 20,
        "requirement": "T/SAQ 0008—2024 5.2 成果背景",
        "children": [_leaf("S1.1", "聚焦用户", "5.2.1", 10), _leaf("S1.2", "问题导向", "5.2.2", 10)],
    },
    {
        "code": "S2",
        "title": "过程实现",
        "max_points": 40,
        "requirement": "T/SAQ 0008—2024 5.3 过程实现",
        "children": [
            _leaf("S2.1", "系统方法", "5.3.1", 15),
            _leaf("S2.2", "创新应用", "5.3.2", 15),
            _leaf("S2.3", "成果推广", "5.3.3", 10),
        ],
    },
    {
        "code": "S3",
        "title": "效果",
        "max_points": 40,
        "requirement": "T/SAQ 0008—2024 5.4 效果",
        "children": [
            _leaf("S3.1", "目标实现", "5.4.1", 15),
            _leaf("S3.2", "服务绩效", "5.4.2", 15),
            _leaf("S3.3", "社会影响", "5.4.3", 10),
        ],
    },
]
