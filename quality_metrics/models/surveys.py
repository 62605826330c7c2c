"""Satisfaction surveys (000 §7.2.1, DB1403/T 22 Annex E): templates, campaigns, tokenised invitations."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..periods import Period, PeriodType
from ..service_types import choices as service_type_choices


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SurveyTemplate(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(pgettext_lazy("quality", "name"), max_length=200)
    description = models.TextField(_("introduction shown to respondents"), blank=True)
    is_default = models.BooleanField(
        _("default template"), default=False, help_text=_("Used by scheduled and case-triggered surveys.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")
        ordering = ["-is_default", "name"]

    def __str__(self) -> str:
        return self.name


class SurveyDimension(models.Model):
    """A group of questions: 服务态度, 服务效率, 信息准确性, 技术支持力度 (7.2.1.2) or a custom one."""

    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="dimensions")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(pgettext_lazy("quality", "name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("survey dimension")
        verbose_name_plural = _("survey dimensions")
        ordering = ["template", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="qm_dimension_code_unique")]

    def __str__(self) -> str:
        return self.name


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", _("Rating")
        CHOICE = "choice", _("Single choice")
        TEXT = "text", pgettext_lazy("quality", "Text")

    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="questions")
    dimension = models.ForeignKey(
        SurveyDimension,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        verbose_name=_("dimension"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.RATING)
    scale_min = models.PositiveSmallIntegerField(_("scale minimum"), default=1)
    scale_max = models.PositiveSmallIntegerField(
        _("scale maximum"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    options = models.JSONField(
        _("options"),
        default=list,
        blank=True,
        help_text=_('Choices: a list of {"label": "…", "score": 0–100 or null (not scored)}.'),
    )
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["template", "order", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_scored(self) -> bool:
        if self.kind == self.Kind.RATING:
            return True
        if self.kind == self.Kind.CHOICE:
            return any(o.get("score") is not None for o in self.options)
        return False

    def scale(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))


class SurveyCampaign(models.Model):
    class Kind(models.TextChoices):
        QUARTERLY = "quarterly", _("Quarterly survey")
        HALF_YEARLY = "half_yearly", _("Half-yearly survey")
        AD_HOC = "ad_hoc", _("Ad-hoc survey")
        CASE = "case", _("Case survey (after a service closes)")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", pgettext_lazy("survey", "Open")
        CLOSED = "closed", pgettext_lazy("survey", "Closed")

    template = models.ForeignKey(SurveyTemplate, on_delete=models.PROTECT, related_name="campaigns")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    period_type = models.CharField(_("period type"), max_length=10, choices=PeriodType.choices, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    audience = models.JSONField(
        _("audience roles"),
        default=list,
        blank=True,
        help_text=_("Role codes invited (empty: every approved user outside the staff)."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    valid_days = models.PositiveSmallIntegerField(
        _("link valid for (days)"), default=30, validators=[MinValueValidator(1)]
    )
    reminder_after_days = models.PositiveSmallIntegerField(_("remind after (days)"), default=7)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A scheduled (or case) campaign exists once per period: the job can never send it twice.
            models.UniqueConstraint(
                fields=["kind", "period_type", "period_start"],
                condition=~Q(kind="ad_hoc"),
                name="qm_campaign_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quality_metrics:campaign_detail", args=[self.pk])

    @property
    def period(self) -> Period | None:
        if self.period_type and self.period_start:
            return Period(self.period_type, self.period_start)
        return None


class SurveyInvitation(models.Model):
    """One person's tokenised link: no login needed, one response, an expiry."""

    campaign = models.ForeignKey(SurveyCampaign, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(
        pgettext_lazy("quality", "token"), max_length=64, unique=True, default=new_token, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(pgettext_lazy("quality", "name"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    service_type = models.CharField(_("service"), max_length=30, choices=service_type_choices(), blank=True)
    case = models.ForeignKey(
        "quality_metrics.ServiceCase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        verbose_name=_("service case"),
    )
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    completion_log_id = models.BigIntegerField(_("completion step"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-id"]
        constraints = [
            # scheduled and ad-hoc campaigns invite each person once; case surveys are per closed case
            models.UniqueConstraint(
                fields=["campaign", "user"],
                condition=Q(user__isnull=False, completion_log_id__isnull=True),
                name="qm_invitation_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["completion_log_id"],
                condition=Q(completion_log_id__isnull=False),
                name="qm_invitation_once_per_case_closure",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "responded_at"])]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.name or self.email or self.user_id}"

    def get_absolute_url(self) -> str:
        return reverse("quality_metrics:survey_answer", args=[self.token])

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class SurveyResponse(models.Model):
    invitation = models.OneToOneField(SurveyInvitation, on_delete=models.CASCADE, related_name="response")
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    score = models.FloatField(
        _("score (0–100)"),
        null=True,
        blank=True,
        help_text=_("Mean of the rated answers, each normalised to 0–100; feeds the satisfaction indicator."),
    )
    service_type = models.CharField(_("service"), max_length=30, choices=service_type_choices(), blank=True)
    comment = models.TextField(_("comments and suggestions"), blank=True)
    wants_contact = models.BooleanField(_("wants to be contacted"), default=False)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.invitation} ({self.score})"

    def get_absolute_url(self) -> str:
        return reverse("quality_metrics:response_detail", args=[self.pk])


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    choice = models.PositiveSmallIntegerField(_("choice"), null=True, blank=True)
    text = models.TextField(pgettext_lazy("quality", "text"), blank=True)
    normalised = models.FloatField(_("normalised score (0–100)"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["response", "question__order"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="qm_answer_once_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.rating or self.choice or self.text}"
