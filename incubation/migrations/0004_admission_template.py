"""The admission review score form (入孵评审评分表), a template of the evaluation app's scorecard engine."""

from django.db import migrations

TREE = [
    {
        "code": "innovation",
        "title": "技术创新性与成熟度",
        "max_points": 30,
        "requirement": "原创性、突破性或填补空白；技术成熟度（实验室/中试/产业化阶段）",
        "scoring_rule": "原创或填补空白且已完成中试 25–30 分；有明显改进 15–24 分；一般改进 0–14 分。",
    },
    {
        "code": "market",
        "title": "市场前景",
        "max_points": 25,
        "requirement": "临床需求、市场规模、商业化潜力（盈利模式、成本结构、竞争优势）",
        "scoring_rule": "刚需且市场规模明确 20–25 分；需求较明确 10–19 分；需求不明确 0–9 分。",
    },
    {
        "code": "team",
        "title": "团队能力",
        "max_points": 25,
        "requirement": "团队构成、研究基础、分工合理性",
        "scoring_rule": "技术、管理、市场人员齐备且分工清晰 20–25 分；基本齐备 10–19 分；不齐备 0–9 分。",
    },
    {
        "code": "plan",
        "title": "商业计划可行性",
        "max_points": 20,
        "requirement": "发展目标、商业模式、融资与资源需求（商业计划书）",
        "scoring_rule": "目标清晰、路径可行、融资计划合理 16–20 分；基本可行 8–15 分；不可行 0–7 分。",
    },
]

BANDS = [(80, "recommended", "建议入孵"), (60, "conditional", "有条件入孵"), (0, "not_recommended", "不建议入孵")]


def forwards(apps, schema_editor):
    from evaluation.scorecards import scorecard_template_create_from_tree

    scorecard_template_create_from_tree(
        code="incubation_admission",
        name="孵化项目入孵评审评分表",
        bonus_max=0,
        bands=BANDS,
        tree=TREE,
        description="孵化服务（000 §5.4）入孵评审：技术、市场、团队、商业计划四项，满分 100 分。",
        apps=apps,
    )


def backwards(apps, schema_editor):
    Template = apps.get_model("evaluation", "ScorecardTemplate")
    Template.objects.filter(code="incubation_admission", evaluations__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_initial"),
        ("incubation", "0003_admission_scorecard"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
