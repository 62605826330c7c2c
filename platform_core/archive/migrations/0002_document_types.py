"""The document types of the archive register with their code prefixes and default retention."""

from django.db import migrations

TYPES = [
    # code, name, prefix, retention years (0 = permanent), order
    ("evaluation_report", "评估报告", "PGBG", 10, 10),
    ("score_sheet", "评分表", "PFB", 10, 20),
    ("agreement", "合作协议", "HZXY", 30, 30),
    ("submission_form", "成果提交申请表", "CGSQ", 10, 40),
    ("platform_evaluation_report", "平台评价报告", "PTPJ", 10, 50),
    ("quality_report", "质量报告", "ZLBG", 10, 60),
    ("signed_form", "签字文件", "QZWJ", 10, 70),
    ("improvement_record", "改进记录", "GJJL", 10, 80),
    ("other", "其他", "QT", 10, 100),
]


def create(apps, schema_editor):
    DocumentType = apps.get_model("archive", "DocumentType")
    for code, name, prefix, years, order in TYPES:
        DocumentType.objects.update_or_create(
            code=code, defaults={"name": name, "prefix": prefix, "retention_years": years, "order": order}
        )


def remove(apps, schema_editor):
    apps.get_model("archive", "DocumentType").objects.filter(code__in=[t[0] for t in TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
