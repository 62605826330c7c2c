"""Score sheets (评分表), scores per indicator, SWOT entries and the TRL rating of each expert."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .indicators import Indicator
from .panels import Evaluation, PanelMember


class ScoreSheet(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    panel_member = models.OneToOneField(PanelMember, on_delete=models.CASCADE, related_name="sheet")
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    trl_level = models.PositiveSmallIntegerField(
        _("TRL rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    trl_evidence = models.TextField(_("TRL evidence"), blank=True)
    overall_comment = models.TextField(_("overall opinion"), blank=True)
    recommend = models.BooleanField(_("recommend publication"), null=True, blank=True)
    weighted_total = models.DecimalField(
        _("weighted total"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["panel_member__evaluation", "id"]

    def __str__(self) -> str:
        return str(self.panel_member)

    def get_absolute_url(self) -> str:
        return reverse("evaluation:sheet", args=[self.pk])


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="scores")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("Trial results, market reports, patent literature (§5.1.2.2.2)."),
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["sheet", "indicator"], name="evaluation_score_once")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.score}"


class SwotEntry(models.Model):
    class Quadrant(models.TextChoices):
        STRENGTH = "strength", _("Strengths")
        WEAKNESS = "weakness", _("Weaknesses")
        OPPORTUNITY = "opportunity", _("Opportunities")
        THREAT = "threat", _("Threats")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="swot_entries")
    sheet = models.ForeignKey(
        ScoreSheet,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="swot_entries",
        help_text=_("Empty: the panel's consolidated SWOT."),
    )
    quadrant = models.CharField(_("quadrant"), max_length=20, choices=Quadrant.choices)
    text = models.CharField(_("point"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("SWOT point")
        verbose_name_plural = _("SWOT points")
        ordering = ["evaluation", "sheet_id", "quadrant", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_quadrant_display()}: {self.text}"
