"""What must exist right after ``migrate``: Table A.1 (qi_platform_a1) and the service-star template
(service_star_004) in the evaluation app's scorecard engine, the default satisfaction survey, and the beat
schedules of surveys, reminders and escalations."""

import json

from django.db import migrations

SCHEDULES = [
    # name, task, kwargs, (minute, hour, day_of_month, month_of_year), enabled, description
    (
        "quality_metrics: quarterly survey",
        "quality_metrics.tasks.survey_campaign_scheduled",
        {"kind": "quarterly"},
        ("0", "9", "1", "1,4,7,10"),
        True,
        "每季度第一天向服务对象发送上一季度的满意度调查（同一季度不会重复发送）。",
    ),
    (
        "quality_metrics: half-yearly survey",
        "quality_metrics.tasks.survey_campaign_scheduled",
        {"kind": "half_yearly"},
        ("0", "9", "1", "1,7"),
        False,
        "每半年第一天发送上半年/下半年的满意度调查。标准要求每季度或每半年一次：启用本任务时请停用季度调查。",
    ),
    (
        "quality_metrics: survey reminders",
        "quality_metrics.tasks.survey_reminders",
        {},
        ("0", "10", "*", "*"),
        True,
        "每日提醒一次尚未作答且未过期的调查（每份邀请只提醒一次）。",
    ),
    (
        "quality_metrics: complaint escalation",
        "quality_metrics.tasks.complaints_escalation",
        {},
        ("20", "*", "*", "*"),
        True,
        "每小时检查超过受理或处理时限的投诉，向管理员升级（每件投诉只升级一次）。",
    ),
    (
        "quality_metrics: overdue improvement actions",
        "quality_metrics.tasks.improvement_actions_escalation",
        {},
        ("30", "9", "*", "*"),
        True,
        "每日检查逾期的改进措施，向管理员升级（每项措施只升级一次）。",
    ),
]


def templates(apps, schema_editor):
    from evaluation.scorecards import scorecard_template_create_from_tree
    from quality_metrics.data import qi_platform_a1, service_star_004

    for data in (qi_platform_a1, service_star_004):
        scorecard_template_create_from_tree(
            code=data.CODE,
            name=data.NAME,
            bonus_max=data.BONUS_MAX,
            bands=data.BANDS,
            tree=data.TREE,
            description=data.DESCRIPTION,
            apps=apps,
        )


def survey(apps, schema_editor):
    from quality_metrics.data import default_survey

    Template = apps.get_model("quality_metrics", "SurveyTemplate")
    Dimension = apps.get_model("quality_metrics", "SurveyDimension")
    Question = apps.get_model("quality_metrics", "SurveyQuestion")
    template, _ = Template.objects.update_or_create(
        code=default_survey.CODE,
        defaults={"name": default_survey.NAME, "description": default_survey.DESCRIPTION, "is_default": True},
    )
    order = 0
    for d_order, (code, name, questions) in enumerate(default_survey.DIMENSIONS, start=1):
        dimension, _ = Dimension.objects.update_or_create(
            template=template, code=code, defaults={"name": name, "order": d_order}
        )
        for text, kind, required, options in questions:
            order += 1
            Question.objects.update_or_create(
                template=template,
                text=text,
                defaults={
                    "dimension": dimension,
                    "order": order,
                    "kind": kind,
                    "required": required,
                    "options": options or [],
                    "scale_min": 1,
                    "scale_max": 5,
                },
            )


def schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, kwargs, (minute, hour, dom, month), enabled, description in SCHEDULES:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_month=dom,
            month_of_year=month,
            day_of_week="*",
            timezone="Asia/Shanghai",
        )
        PeriodicTask.objects.get_or_create(
            name=name,
            defaults={
                "task": task,
                "crontab": crontab,
                "kwargs": json.dumps(kwargs),
                "enabled": enabled,
                "description": description,
            },
        )


def forwards(apps, schema_editor):
    templates(apps, schema_editor)
    survey(apps, schema_editor)
    schedules(apps, schema_editor)


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=[s[0] for s in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quality_metrics", "0003_domain"),
        ("evaluation", "0004_reminder_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
