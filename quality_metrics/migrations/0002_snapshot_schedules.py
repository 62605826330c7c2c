"""Beat schedules of this app (editable by staff in the admin under Periodic tasks)."""

import json

from django.db import migrations

SCHEDULES = [
    # name, task, crontab (minute, hour, day_of_month), description
    (
        "quality_metrics: daily snapshots",
        "quality_metrics.tasks.metric_snapshots_daily",
        ("15", "2", "*"),
        "每日计算本月、本季度、本半年、本年及上一期的七项服务质量指标。",
    ),
    (
        "quality_metrics: period close",
        "quality_metrics.tasks.metric_snapshots_period_close",
        ("30", "0", "1"),
        "每月1日对刚结束的月、季度、半年、年度指标作期末计算。",
    ),
    (
        "quality_metrics: service cases from the log",
        "quality_metrics.tasks.service_cases_scan",
        ("*/5", "*", "*"),
        "每5分钟读取新的流转记录，更新服务案件的响应与完成时间，并为刚办结的案件发送满意度调查。",
    ),
]


def create(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, (minute, hour, dom), description in SCHEDULES:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_month=dom,
            month_of_year="*",
            day_of_week="*",
            timezone="Asia/Shanghai",
        )
        PeriodicTask.objects.get_or_create(
            name=name,
            defaults={"task": task, "crontab": crontab, "kwargs": json.dumps({}), "description": description},
        )


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[s[0] for s in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quality_metrics", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
