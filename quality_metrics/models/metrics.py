from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .. import indicators
from ..periods import Period, PeriodType


class MetricSnapshot(models.Model):
    """One indicator's value for one period; recomputing the period replaces it (unique per pair)."""

    class Status(models.TextChoices):
        OK = "ok", _("Computed")
        NO_DATA = "no_data", _("No records in the period")
        NO_SOURCE = "no_source", _("No data source yet")

    indicator = models.CharField(_("indicator"), max_length=30, choices=indicators.choices())
    period_type = models.CharField(_("period type"), max_length=10, choices=PeriodType.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end (exclusive)"))
    status = models.CharField(
        pgettext_lazy("quality", "status"), max_length=10, choices=Status.choices, default=Status.OK
    )
    value = models.FloatField(_("value"), null=True, blank=True)
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        ordering = ["indicator", "period_type", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_type", "period_start"], name="qm_snapshot_unique_period"
            )
        ]
        indexes = [models.Index(fields=["period_type", "period_start"])]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()} · {self.period.label}"

    def get_absolute_url(self) -> str:
        return reverse(
            "quality_metrics:indicator_detail", args=[self.indicator, self.period_type, self.period_start]
        )

    @property
    def period(self) -> Period:
        return Period(self.period_type, self.period_start)

    @property
    def definition(self) -> indicators.Indicator:
        return indicators.get(self.indicator)

    @property
    def band(self) -> str | None:
        return self.definition.band(self.value)

    @property
    def band_label(self):
        return indicators.band_label(self.band)

    @property
    def band_colour(self) -> str:
        return indicators.BAND_COLOURS.get(self.band or "", "secondary")
