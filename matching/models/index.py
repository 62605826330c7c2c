"""The matching index and its results.

``MatchProfile`` holds, per achievement, the indexed structured features (plain columns the prefilter
uses); ``TokenPosting`` is the inverted index of its jieba tokens; ``TokenStat`` and ``CorpusStat`` are the
precomputed BM25 statistics (document frequency per token, document count and total length), maintained
incrementally when a profile is rebuilt, never recomputed per request. ``MatchSuggestion`` stores the scored
pairs with their reasons; ``MatchingWeights`` is the staff-tunable singleton.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .demands import Demand


class MatchProfile(models.Model):
    achievement = models.OneToOneField(
        "achievements.Achievement",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="match_profile",
        verbose_name=_("achievement"),
    )
    is_public = models.BooleanField(_("in the library"), default=False)
    field_key = models.IntegerField(_("technical field"), null=True, blank=True)
    maturity_rank = models.PositiveSmallIntegerField(_("maturity rank"), default=0)
    trl = models.PositiveSmallIntegerField(_("TRL"), null=True, blank=True)
    scenario_codes = models.CharField(_("scenario codes"), max_length=300, blank=True)
    mode_codes = models.CharField(_("cooperation mode codes"), max_length=300, blank=True)
    province = models.CharField(_("province"), max_length=50, blank=True)
    doc_len = models.PositiveIntegerField(_("document length"), default=0)
    popularity = models.FloatField(_("attention"), default=0.0)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("match profile")
        verbose_name_plural = _("match profiles")
        indexes = [
            models.Index(
                fields=["is_public", "field_key", "maturity_rank"], name="matching_profile_prefilter"
            ),
            models.Index(fields=["is_public", "-popularity"], name="matching_profile_popular"),
            models.Index(fields=["field_key", "-popularity"], name="matching_profile_field_popular"),
        ]

    def __str__(self) -> str:
        return f"profile {self.achievement_id}"

    @property
    def scenario_set(self) -> frozenset[str]:
        return frozenset(c for c in self.scenario_codes.split(",") if c)

    @property
    def mode_set(self) -> frozenset[str]:
        return frozenset(c for c in self.mode_codes.split(",") if c)


class TokenPosting(models.Model):
    """One token of one public achievement's document (the inverted index).

    ``impact`` is the token's BM25 term weight in this document, tf·(k1+1)/(tf + k1·(1−b+b·dl/avgdl)), at
    indexing time: candidate generation reads the highest-impact postings of each query token through the
    (token, impact) indexes, optionally within one technical field; the final ranking recomputes BM25 exactly.
    """

    profile = models.ForeignKey(
        MatchProfile, on_delete=models.CASCADE, related_name="postings", db_index=False
    )
    token = models.CharField(_("token"), max_length=40)
    tf = models.FloatField(_("term frequency"))
    impact = models.FloatField(_("impact"), default=0.0)
    field_key = models.IntegerField(_("technical field"), null=True, blank=True)

    class Meta:
        verbose_name = _("token posting")
        verbose_name_plural = _("token postings")
        constraints = [models.UniqueConstraint(fields=["token", "profile"], name="matching_posting_unique")]
        indexes = [
            models.Index(fields=["profile"], name="matching_posting_profile"),
            models.Index(fields=["token", "-impact"], name="matching_posting_impact"),
            models.Index(fields=["token", "field_key", "-impact"], name="matching_posting_field"),
        ]

    def __str__(self) -> str:
        return f"{self.token}@{self.profile_id}"


class TokenStat(models.Model):
    """Document frequency of a token over the public achievements."""

    token = models.CharField(_("token"), max_length=40, primary_key=True)
    df = models.PositiveIntegerField(_("document frequency"), default=0)

    class Meta:
        verbose_name = _("token statistic")
        verbose_name_plural = _("token statistics")

    def __str__(self) -> str:
        return f"{self.token}: {self.df}"


class CorpusStat(models.Model):
    """Singleton (pk=1): number of public documents and their total length, and a version for caches."""

    doc_count = models.PositiveIntegerField(default=0)
    total_len = models.PositiveBigIntegerField(default=0)
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("corpus statistics")
        verbose_name_plural = _("corpus statistics")

    def __str__(self) -> str:
        return f"{self.doc_count} documents, v{self.version}"

    @property
    def avgdl(self) -> float:
        return self.total_len / self.doc_count if self.doc_count else 0.0


class MatchingWeights(models.Model):
    """The weights of the matching criteria (singleton pk=1), tuned by staff."""

    field = models.PositiveSmallIntegerField(
        _("technical field"), default=20, validators=[MaxValueValidator(100)]
    )
    scenario = models.PositiveSmallIntegerField(
        _("application scenario"), default=10, validators=[MaxValueValidator(100)]
    )
    maturity = models.PositiveSmallIntegerField(
        _("maturity"), default=12, validators=[MaxValueValidator(100)]
    )
    trl = models.PositiveSmallIntegerField(_("TRL"), default=6, validators=[MaxValueValidator(100)])
    cooperation = models.PositiveSmallIntegerField(
        _("cooperation mode"), default=14, validators=[MaxValueValidator(100)]
    )
    budget = models.PositiveSmallIntegerField(
        _("budget vs price"), default=10, validators=[MaxValueValidator(100)]
    )
    region = models.PositiveSmallIntegerField(_("region"), default=4, validators=[MaxValueValidator(100)])
    text = models.PositiveSmallIntegerField(
        _("text relevance"), default=40, validators=[MaxValueValidator(100)]
    )
    behaviour = models.PositiveSmallIntegerField(
        _("attention (behaviour)"), default=4, validators=[MaxValueValidator(100)]
    )
    k1 = models.FloatField(
        _("BM25 k1"), default=1.2, validators=[MinValueValidator(0.1), MaxValueValidator(3.0)]
    )
    b = models.FloatField(
        _("BM25 b"), default=0.75, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    top_n = models.PositiveSmallIntegerField(
        _("suggestions kept per record"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    min_score = models.PositiveSmallIntegerField(
        _("minimum score shown"), default=25, validators=[MaxValueValidator(100)]
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )

    CRITERIA = (
        "field",
        "scenario",
        "maturity",
        "trl",
        "cooperation",
        "budget",
        "region",
        "text",
        "behaviour",
    )

    class Meta:
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")

    def __str__(self) -> str:
        return str(_("Matching weights (version %(v)s)") % {"v": self.version})

    @classmethod
    def load(cls) -> MatchingWeights:
        obj = cls.objects.filter(pk=1).first()
        if obj is None:
            obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    def as_engine(self):
        from matching.engine import Weights

        return Weights(**{c: float(getattr(self, c)) for c in self.CRITERIA}, k1=self.k1, b=self.b)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if sum(getattr(self, c) or 0 for c in self.CRITERIA) <= 0:
            raise ValidationError(_("At least one criterion needs a weight above zero."))


class MatchSuggestion(models.Model):
    """A scored pair (demand, achievement) with the reasons behind the score."""

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("matching", "New")
        INTERESTED = "interested", _("Interested")
        DISMISSED = "dismissed", _("Dismissed")

    demand = models.ForeignKey(
        Demand, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("demand")
    )
    achievement = models.ForeignKey(
        "achievements.Achievement",
        on_delete=models.CASCADE,
        related_name="match_suggestions",
        verbose_name=_("achievement"),
    )
    score = models.FloatField(_("score"))
    text_score = models.FloatField(_("text relevance (BM25)"), default=0.0)
    reasons = models.JSONField(_("reasons"), default=list)
    keywords = models.JSONField(_("keywords"), default=list)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    weights_version = models.PositiveIntegerField(_("weights version"), default=1)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("match suggestion")
        verbose_name_plural = _("match suggestions")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["demand", "achievement"], name="matching_suggestion_pair")
        ]
        indexes = [
            models.Index(fields=["demand", "-score"], name="matching_sugg_demand"),
            models.Index(fields=["achievement", "-score"], name="matching_sugg_achievement"),
        ]

    def __str__(self) -> str:
        return f"{self.demand_id} ↔ {self.achievement_id}: {self.score:.1f}"
