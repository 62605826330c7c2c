"""Staff-editable vocabularies of the achievement record (000 §3.2, §3.3, §5.2.1.1).

The standard's values are loaded by a data migration; staff may rename, reorder, deactivate or add entries
in the web admin. Codes are stable identifiers used by the API and the other apps.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class VocabularyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Vocabulary(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class AchievementType(Vocabulary):
    """新药物, 中药复方/制剂, 新技术, 新器械, 新设备, 诊断试剂, 新治疗方法, 大数据与人工智能, 其他 (000 §3.2)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("achievement type")
        verbose_name_plural = _("achievement types")


class TechnicalField(Vocabulary):
    """药物研发, 诊断设备, 治疗方案, … (000 §5.2.1.1)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("technical field")
        verbose_name_plural = _("technical fields")


class ApplicationScenario(Vocabulary):
    """临床诊疗, 公共卫生防控, … (000 §5.2.1.1)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("application scenario")
        verbose_name_plural = _("application scenarios")


class CooperationMode(Vocabulary):
    """自行投资实施, 转让, 许可, 作价投资, 联合开发, 其他 (000 §3.3)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("cooperation mode")
        verbose_name_plural = _("cooperation modes")


class RequiredMaterial(models.Model):
    """A material the holder uploads with the submission, per achievement type (staff-configurable)."""

    achievement_type = models.ForeignKey(
        AchievementType,
        on_delete=models.CASCADE,
        related_name="required_materials",
        verbose_name=_("achievement type"),
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("required material")
        verbose_name_plural = _("required materials")
        ordering = ["achievement_type", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["achievement_type", "code"], name="achievements_material_unique_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.achievement_type}: {self.name}"
