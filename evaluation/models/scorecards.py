"""The generic points scorecard engine (评价表 / 评分标准): a template is a tree of criteria with maximum
points and scoring-rule text; panel members score the leaf criteria within their bounds; the total is
graded by configurable bands. See :mod:`evaluation.scorecards` for the API other apps use."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Aggregation(models.TextChoices):
    MEAN = "mean", _("Mean")
    MEDIAN = "median", _("Median")
    TRIMMED_MEAN = "trimmed_mean", _("Trimmed mean")


class ScorecardTemplate(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    bonus_max = models.DecimalField(
        _("maximum bonus points"), max_digits=7, decimal_places=2, default=Decimal("0")
    )
    grade_bands = models.JSONField(
        _("grade bands"),
        default=list,
        blank=True,
        help_text=_(
            'A list of {"min": points, "code": …, "label": …}; a total x gets the first band with x ≥ min.'
        ),
    )
    aggregation = models.CharField(
        _("panel total"), max_length=20, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("scorecard template")
        verbose_name_plural = _("scorecard templates")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    template = models.ForeignKey(ScorecardTemplate, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("parent"),
    )
    code = models.CharField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveIntegerField(_("order"), default=0)
    max_points = models.DecimalField(
        _("maximum points"), max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    requirement = models.TextField(_("content requirement"), blank=True)
    scoring_rule = models.TextField(_("scoring rule"), blank=True)
    is_bonus = models.BooleanField(_("bonus item"), default=False)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["template", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="evaluation_criterion_code")]

    def __str__(self) -> str:
        return self.title


class ScorecardEvaluation(models.Model):
    """One scoring exercise with a template (e.g. the annual platform evaluation)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        SCORING = "scoring", _("Scoring")
        CLOSED = "closed", _("Closed")

    template = models.ForeignKey(ScorecardTemplate, on_delete=models.PROTECT, related_name="evaluations")
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    subject_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    aggregation = models.CharField(
        _("panel total"), max_length=20, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    trim_proportion = models.DecimalField(
        _("trimmed share at each end"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.20"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.49"))],
    )
    hide_others_until_submitted = models.BooleanField(
        _("hide other members' sheets until one's own is submitted"), default=True
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    total = models.DecimalField(_("total"), max_digits=8, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    grade_label = models.CharField(_("grade label"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scorecard evaluation")
        verbose_name_plural = _("scorecard evaluations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluation:scorecard_detail", args=[self.pk])


class ScorecardSheet(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    evaluation = models.ForeignKey(ScorecardEvaluation, on_delete=models.CASCADE, related_name="sheets")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="scorecard_sheets",
        verbose_name=_("member"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    total = models.DecimalField(_("total"), max_digits=8, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("overall comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("scorecard sheet")
        verbose_name_plural = _("scorecard sheets")
        ordering = ["evaluation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "member"], name="evaluation_scorecard_sheet_once")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} · {self.member}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluation:scorecard_sheet", args=[self.pk])


class CriterionScore(models.Model):
    sheet = models.ForeignKey(ScorecardSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="evaluation_criterion_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"
