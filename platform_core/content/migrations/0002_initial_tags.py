from django.db import migrations

# The topics 000 §5.2.2.1.1 names; staff may rename or add more.
TAGS = ["医保报销", "药品审评审批", "医疗器械", "创新激励", "中医药", "合规指导", "慢性肝病"]


def add_tags(apps, schema_editor):
    Tag = apps.get_model("content", "Tag")
    for name in TAGS:
        Tag.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial")]

    operations = [migrations.RunPython(add_tags, migrations.RunPython.noop)]
