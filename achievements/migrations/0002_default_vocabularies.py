"""The standard's default vocabularies (000 §3.2, §3.3, §5.2.1.1) and required materials per type."""

from django.db import migrations

TYPES = [
    ("new_drug", "新药物", "化学药、生物药等新药物"),
    ("tcm_formula", "中药复方/制剂", "中药复方、院内制剂、中药新药"),
    ("new_technology", "新技术", "新的检测、制备、诊疗技术"),
    ("new_instrument", "新器械", "医疗器械、耗材"),
    ("new_equipment", "新设备", "诊疗、检测、生产设备"),
    ("diagnostic_reagent", "诊断试剂", "体外诊断试剂、标志物组合"),
    ("new_therapy", "新治疗方法", "新的治疗方案、诊疗规范"),
    ("big_data_ai", "大数据与人工智能", "临床数据平台、人工智能辅助诊断与决策"),
    ("other", "其他", ""),
]

FIELDS = [
    ("drug_rd", "药物研发", ""),
    ("tcm", "中医药", "中药复方、制剂及中医诊疗"),
    ("diagnostic_device", "诊断设备", ""),
    ("medical_device", "医疗器械", ""),
    ("diagnostic_reagent", "诊断试剂", ""),
    ("treatment_plan", "治疗方案", ""),
    ("big_data_ai", "大数据和人工智能应用", ""),
    ("other", "其他", ""),
]

SCENARIOS = [
    ("clinical", "临床诊疗", ""),
    ("public_health", "公共卫生防控", ""),
    ("health_management", "健康管理", "慢病随访、康复与健康管理"),
    ("research", "科研", "科研服务、临床研究"),
    ("other", "其他", ""),
]

COOPERATION_MODES = [
    ("self_implement", "自行投资实施", "自行投资实施转化"),
    ("transfer", "转让", "向他人转让该科技成果"),
    ("license", "许可", "许可他人使用该科技成果"),
    ("equity", "作价投资", "以该科技成果作价投资，折算股份或者出资比例"),
    ("joint_development", "联合开发", "与他人共同实施转化"),
    ("other", "其他", "法律法规允许的其他科技成果转化方式"),
]

# (type code, material code, name, required)
MATERIALS = [
    ("new_drug", "research_report", "研究总结报告", True),
    ("new_drug", "pharmacology_toxicology", "药理毒理研究资料", True),
    ("new_drug", "clinical_data", "临床研究资料", False),
    ("new_drug", "ip_proof", "知识产权证明材料", False),
    ("tcm_formula", "research_report", "研究总结报告", True),
    ("tcm_formula", "formula_process", "处方组成及制备工艺资料", True),
    ("tcm_formula", "pharmacodynamics", "药效学研究资料", True),
    ("tcm_formula", "preparation_approval", "医疗机构制剂批件", False),
    ("tcm_formula", "ip_proof", "知识产权证明材料", False),
    ("new_technology", "technical_report", "技术研究报告", True),
    ("new_technology", "novelty_search", "科技查新报告", False),
    ("new_technology", "application_proof", "应用证明", False),
    ("new_instrument", "technical_report", "技术研究报告", True),
    ("new_instrument", "test_report", "产品技术要求及检测报告", True),
    ("new_instrument", "registration_certificate", "医疗器械注册证", False),
    ("new_equipment", "technical_report", "技术研究报告", True),
    ("new_equipment", "test_report", "产品技术要求及检测报告", True),
    ("new_equipment", "registration_certificate", "医疗器械注册证", False),
    ("diagnostic_reagent", "research_report", "研究总结报告", True),
    ("diagnostic_reagent", "performance_evaluation", "分析性能评估报告", True),
    ("diagnostic_reagent", "clinical_evaluation", "临床评价资料", False),
    ("new_therapy", "clinical_report", "临床研究报告", True),
    ("new_therapy", "ethics_approval", "伦理审查批件", True),
    ("new_therapy", "application_proof", "应用证明", False),
    ("big_data_ai", "technical_report", "技术研究报告", True),
    ("big_data_ai", "validation_report", "算法验证报告", True),
    ("big_data_ai", "data_compliance", "数据来源及合规说明", True),
    ("big_data_ai", "software_copyright", "软件著作权登记证书", False),
    ("other", "technical_report", "技术研究报告", True),
]


def load(apps, schema_editor):
    for model_name, rows in (
        ("AchievementType", TYPES),
        ("TechnicalField", FIELDS),
        ("ApplicationScenario", SCENARIOS),
        ("CooperationMode", COOPERATION_MODES),
    ):
        model = apps.get_model("achievements", model_name)
        for order, (code, name, description) in enumerate(rows, start=1):
            model.objects.get_or_create(
                code=code, defaults={"name": name, "description": description, "order": order * 10}
            )
    AchievementType = apps.get_model("achievements", "AchievementType")
    RequiredMaterial = apps.get_model("achievements", "RequiredMaterial")
    types = {t.code: t for t in AchievementType.objects.all()}
    for order, (type_code, code, name, required) in enumerate(MATERIALS, start=1):
        RequiredMaterial.objects.get_or_create(
            achievement_type=types[type_code],
            code=code,
            defaults={"name": name, "required": required, "order": order * 10},
        )


class Migration(migrations.Migration):
    dependencies = [("achievements", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
