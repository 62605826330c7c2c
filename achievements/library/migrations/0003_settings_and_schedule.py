"""The settings row and the stale-entry job, editable by staff in the web admin (django-celery-beat)."""

from django.db import migrations

NAME = "library: stale entries"


def forwards(apps, schema_editor):
    apps.get_model("library", "LibrarySettings").objects.get_or_create(pk=1)
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    schedule, _ = CrontabSchedule.objects.get_or_create(
        minute="15", hour="7", day_of_week="*", day_of_month="*", month_of_year="*", timezone="Asia/Shanghai"
    )
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={"task": "achievements.library.tasks.library_stale_entries", "crontab": schedule, "enabled": True},
    )


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0002_search_indexes"),
        ("django_celery_beat", "0018_improve_crontab_helptext"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
