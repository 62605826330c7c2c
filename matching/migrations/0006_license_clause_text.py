"""The licence template's payment clause names the royalty rate only when one is agreed (databases that ran
the first version of 0002 get the new text unless staff already edited the clause)."""

from django.db import migrations

OLD = "许可使用费为{price}，支付方式：{payment_method}；销售提成比例为{royalty_rate}。{payment_text}"
NEW = "许可使用费为{price}，支付方式：{payment_method}{royalty_text}。{payment_text}"


def forwards(apps, schema_editor):
    apps.get_model("matching", "TemplateClause").objects.filter(template__code="license", code="payment", body=OLD).update(body=NEW)


def backwards(apps, schema_editor):
    apps.get_model("matching", "TemplateClause").objects.filter(template__code="license", code="payment", body=NEW).update(body=OLD)


class Migration(migrations.Migration):
    dependencies = [("matching", "0005_profile_index")]

    operations = [migrations.RunPython(forwards, backwards)]
