"""Shared pieces of the matching models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

PROVINCES = [
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
    "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
    "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省",
    "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区", "台湾省",
]  # fmt: skip
PROVINCE_CHOICES = [(p, p) for p in PROVINCES]


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """An amount in 10k yuan (万元)."""
    kwargs.setdefault("null", True)
    kwargs.setdefault("blank", True)
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)
