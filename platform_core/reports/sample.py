"""A sample report context: used by ``manage.py render_sample_report`` and the tests."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from . import charts


def sample_context(subject: Any = None) -> dict:
    """A context for ``reports/sample.html``; ``subject`` may be any record (only its str is used)."""
    labels = ["技术先进性", "市场前景", "团队能力", "知识产权", "转化风险"]
    return {
        "title": "慢性肝病中医药成果转化评估报告（示例）",
        "subtitle": "平台评估报告示例（演示数据）",
        "report_code": "PGBG-2026-0001",
        "achievement_name": str(subject) if subject is not None else "疏肝健脾方治疗慢性肝病的临床研究",
        "holder": "山西省某中医医院",
        "agency": "成果转化协作平台评估中心",
        "date": timezone.localdate().isoformat(),
        "total": "86.5",
        "conclusion": "通过",
        "summary": (
            "本成果针对慢性肝病（慢性乙型肝炎、脂肪性肝病）患者，采用疏肝健脾、活血化瘀的中医药治疗方案，"
            "经多中心临床观察，肝功能指标改善明显，具有较好的临床应用价值和转化前景。"
        ),
        "radar": charts.radar_chart(
            labels, [("本成果", [88, 76, 82, 70, 64]), ("同类平均", [70, 68, 72, 60, 62])]
        ),
        "bar": charts.bar_chart(["60–69", "70–79", "80–89", "90–100"], [1, 2, 5, 2], width=300, height=200),
        "line": charts.line_chart(
            ["一季度", "二季度", "三季度", "四季度"],
            [("转化率", [12.5, 18.0, 21.4, 26.0])],
            width=300,
            height=200,
        ),
        "rows": [
            ("技术先进性", "0.30", "26.4", "疗效确切，机理研究较充分"),
            ("市场前景", "0.25", "19.0", "慢性肝病患者基数大，需求稳定"),
            ("团队能力", "0.15", "12.3", "临床与药学团队配置合理"),
            ("知识产权", "0.15", "10.5", "已获发明专利 1 项"),
            ("转化风险", "0.15", "9.6", "需完成新药临床前研究"),
        ],
        "appendix": [
            "附录一：评估依据。本报告依据平台评估指标体系，由三名同行专家独立评分后汇总。",
            "附录二：声明。本报告仅供成果转化决策参考，不作为其他用途的依据。",
        ],
    }
