"""Technology readiness level scales (技术成熟度): staff-editable data, one scale per kind of achievement."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrlScale(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    applies_to = models.CharField(
        _("applies to achievement types"),
        max_length=500,
        blank=True,
        help_text=_(
            "Codes or names of achievement types, separated by commas; the scale is proposed for them."
        ),
    )
    is_default = models.BooleanField(_("default scale"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("TRL scale")
        verbose_name_plural = _("TRL scales")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def applies_to_list(self) -> list[str]:
        return [p.strip() for p in self.applies_to.replace("，", ",").split(",") if p.strip()]


class TrlLevel(models.Model):
    scale = models.ForeignKey(TrlScale, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    evidence = models.TextField(_("typical evidence"), blank=True)

    class Meta:
        verbose_name = _("TRL level")
        verbose_name_plural = _("TRL levels")
        ordering = ["scale", "level"]
        constraints = [models.UniqueConstraint(fields=["scale", "level"], name="evaluation_trl_level_once")]

    def __str__(self) -> str:
        return f"TRL {self.level} {self.name}"
