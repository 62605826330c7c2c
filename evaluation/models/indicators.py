"""Indicator systems (评估指标体系, 000 §5.1.2.1): a versioned tree with weights, AHP matrices and Delphi rounds."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorSystem(models.Model):
    """One version of an indicator system. Active versions are frozen; edits make a new version."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("In use")
        RETIRED = "retired", _("Retired")

    class WeightMethod(models.TextChoices):
        MANUAL = "manual", _("Set by hand")
        AHP = "ahp", _("AHP")
        DELPHI = "delphi", _("Delphi method")

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    is_default = models.BooleanField(
        _("default system"),
        default=False,
        help_text=_("Used for new evaluations unless staff choose another."),
    )
    score_max = models.DecimalField(
        _("highest score per indicator"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("1"))],
    )
    weight_method = models.CharField(
        _("weighting method"), max_length=20, choices=WeightMethod.choices, default=WeightMethod.MANUAL
    )
    derived_from = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="later_versions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("indicator system")
        verbose_name_plural = _("indicator systems")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="evaluation_system_code_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluation:system_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.DRAFT


class Indicator(models.Model):
    """A node of the tree: dimension (level 1) → indicator (level 2) → sub-indicator (level 3).

    ``weight`` is the local weight among siblings (siblings sum to 1); the global weight of a leaf is
    the product of the local weights on its path. Leaves are scored.
    """

    system = models.ForeignKey(IndicatorSystem, on_delete=models.CASCADE, related_name="indicators")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    level = models.PositiveSmallIntegerField(
        _("level"), default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    clause = models.CharField(_("clause of the standard"), max_length=40, blank=True)
    description = models.TextField(_("guidance"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=8,
        decimal_places=6,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["system", "level", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="evaluation_indicator_code"),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorLevel(models.Model):
    """Scoring guidance: what a score band of one indicator means (shown beside the score input)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="levels")
    min_score = models.DecimalField(_("from"), max_digits=5, decimal_places=1)
    max_score = models.DecimalField(_("to"), max_digits=5, decimal_places=1)
    label = models.CharField(_("level"), max_length=40)
    description = models.TextField(_("description"))

    class Meta:
        verbose_name = _("scoring level")
        verbose_name_plural = _("scoring levels")
        ordering = ["indicator", "-max_score"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.label} ({self.min_score}–{self.max_score})"


class ComparisonMatrix(models.Model):
    """A pairwise comparison matrix (判断矩阵) over the children of one node (or the dimensions)."""

    system = models.ForeignKey(IndicatorSystem, on_delete=models.CASCADE, related_name="matrices")
    parent = models.ForeignKey(
        Indicator,
        verbose_name=_("parent node"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="matrices",
        help_text=_("Empty: the dimensions of the system are compared."),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expert"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comparison_matrices",
    )
    items = models.JSONField(_("compared indicators"), default=list)
    values = models.JSONField(_("matrix"), default=list)
    weights = models.JSONField(_("weights"), default=list)
    lambda_max = models.FloatField(_("λmax"), default=0)
    ci = models.FloatField(_("consistency index"), default=0)
    cr = models.FloatField(_("consistency ratio"), default=0)
    is_aggregate = models.BooleanField(_("geometric mean of experts"), default=False)
    sources = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="aggregates")
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("comparison matrix")
        verbose_name_plural = _("comparison matrices")
        ordering = ["system", "parent_id", "-created_at", "-id"]

    def __str__(self) -> str:
        node = self.parent.name if self.parent_id else _("Dimensions")
        return f"{node} · CR {self.cr:.3f}"

    @property
    def consistent(self) -> bool:
        from evaluation.ahp import CONSISTENCY_THRESHOLD

        return self.cr < CONSISTENCY_THRESHOLD


class DelphiRound(models.Model):
    """One round of the Delphi consultation on an indicator system's nodes (importance ratings)."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    system = models.ForeignKey(IndicatorSystem, on_delete=models.CASCADE, related_name="delphi_rounds")
    number = models.PositiveSmallIntegerField(_("round"), default=1)
    title = models.CharField(_("title"), max_length=200, blank=True)
    instructions = models.TextField(_("instructions"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("invited experts"), related_name="delphi_rounds"
    )
    full_score = models.PositiveSmallIntegerField(
        _("full score"), default=5, validators=[MinValueValidator(2), MaxValueValidator(100)]
    )
    cv_threshold = models.DecimalField(
        _("CV threshold"), max_digits=4, decimal_places=3, default=Decimal("0.25")
    )
    p_threshold = models.DecimalField(
        _("significance level"), max_digits=4, decimal_places=3, default=Decimal("0.05")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    results = models.JSONField(_("results"), default=dict, blank=True)
    consensus = models.BooleanField(_("consensus reached"), null=True, blank=True)
    adopted_system = models.ForeignKey(
        IndicatorSystem,
        verbose_name=_("adopted as version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Delphi round")
        verbose_name_plural = _("Delphi rounds")
        ordering = ["system", "number"]
        constraints = [
            models.UniqueConstraint(fields=["system", "number"], name="evaluation_delphi_round_number"),
        ]

    def __str__(self) -> str:
        return f"{self.system} · {self.number}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluation:delphi_detail", args=[self.pk])


class DelphiResponse(models.Model):
    """An expert's questionnaire in one round, with the self-assessed authority (Ca, Cs)."""

    class Familiarity(models.TextChoices):
        VERY_FAMILIAR = "very_familiar", _("Very familiar")
        FAMILIAR = "familiar", _("Familiar")
        MODERATE = "moderate", _("Moderately familiar")
        UNFAMILIAR = "unfamiliar", _("Not very familiar")
        VERY_UNFAMILIAR = "very_unfamiliar", _("Unfamiliar")

    class Influence(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    round = models.ForeignKey(DelphiRound, on_delete=models.CASCADE, related_name="responses")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    familiarity = models.CharField(
        _("familiarity"), max_length=20, choices=Familiarity.choices, default=Familiarity.FAMILIAR
    )
    basis_theory = models.CharField(
        _("theoretical analysis"), max_length=10, choices=Influence.choices, default=Influence.MEDIUM
    )
    basis_practice = models.CharField(
        _("practical experience"), max_length=10, choices=Influence.choices, default=Influence.MEDIUM
    )
    basis_peers = models.CharField(
        _("knowledge of peers at home and abroad"),
        max_length=10,
        choices=Influence.choices,
        default=Influence.MEDIUM,
    )
    basis_intuition = models.CharField(
        _("intuition"), max_length=10, choices=Influence.choices, default=Influence.MEDIUM
    )
    ca = models.FloatField(_("judgement coefficient Ca"), default=0)
    cs = models.FloatField(_("familiarity coefficient Cs"), default=0)
    comment = models.TextField(_("suggestions"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("Delphi questionnaire")
        verbose_name_plural = _("Delphi questionnaires")
        constraints = [
            models.UniqueConstraint(fields=["round", "expert"], name="evaluation_delphi_response_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.expert}"

    @property
    def authority(self) -> float:
        return (self.ca + self.cs) / 2


class DelphiRating(models.Model):
    response = models.ForeignKey(DelphiResponse, on_delete=models.CASCADE, related_name="ratings")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="delphi_ratings")
    score = models.PositiveSmallIntegerField(_("importance"))
    comment = models.CharField(_("suggested change"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Delphi rating")
        verbose_name_plural = _("Delphi ratings")
        constraints = [
            models.UniqueConstraint(fields=["response", "indicator"], name="evaluation_delphi_rating_once"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.score}"
