"""The default indicator system (000 §5.1.2.1) and the TRL scales exist right after ``migrate``."""

from django.db import migrations


def forwards(apps, schema_editor):
    from evaluation.data.default_system import create_default_system
    from evaluation.data.trl_scales import create_trl_scales

    create_default_system(apps)
    create_trl_scales(apps)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
