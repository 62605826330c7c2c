from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CodeSequence(models.Model):
    """The last number used per prefix and year for retrievable record numbers (TS-2025-0001)."""

    prefix = models.CharField(_("prefix"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="qm_code_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"
