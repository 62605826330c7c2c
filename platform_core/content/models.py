"""Information services (000 §5.2.2): published content, online consultation and user feedback.

One ``Article`` model with a ``kind`` covers every content type of 5.2.2 (policies with interpretation,
industry news, frontier-technology tracking, conferences, benchmark cases, market research and regional
analysis); kind-specific fields are optional and shown only for their kind.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Tag(models.Model):
    """A staff-editable topic tag (医保报销, 药品审评审批, 医疗器械, 创新激励, …)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    """One piece of published information."""

    class Kind(models.TextChoices):
        POLICY = "policy", _("Policies and regulations")
        NEWS = "news", _("Industry news")
        TECHNOLOGY = "technology", _("Frontier technology tracking")
        EVENT = "event", _("Conferences and events")
        CASE = "case", _("Benchmark cases")
        MARKET = "market", _("Market research and analysis")
        REGIONAL = "regional", _("Regional difference analysis")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        LOCAL = "local", _("Local")

    class EventMode(models.TextChoices):
        OFFLINE = "offline", _("Offline")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Online and offline")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("Allowed: paragraphs, headings, lists, bold, italic, links, tables."),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source link"), blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    featured = models.BooleanField(_("featured"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    # 政策法规 (5.2.2.1)
    policy_level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=200, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    interpretation = models.TextField(_("authoritative interpretation"), blank=True)
    compliance_guidance = models.TextField(_("compliance guidance"), blank=True)

    # 学术会议与交流活动 (5.2.2.2.2)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    event_mode = models.CharField(_("form"), max_length=10, choices=EventMode.choices, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)

    # 标杆案例 (5.2.2.2.3): an optional link to a platform record, or a free-text reference
    related_content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("related record type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    related_object_id = models.PositiveBigIntegerField(_("related record id"), null=True, blank=True)
    related_object = GenericForeignKey("related_content_type", "related_object_id")
    related_text = models.CharField(
        _("related achievement or agreement"),
        max_length=300,
        blank=True,
        help_text=_("Free text when the record is not on the platform."),
    )

    # 市场调研 / 区域差异分析 (5.2.2.3.1, 5.2.2.3.3)
    region = models.CharField(_("region"), max_length=100, blank=True)
    indicators = models.JSONField(_("indicators"), default=list, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("information item")
        verbose_name_plural = _("information items")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["state", "kind", "published_at"]),
            models.Index(fields=["state", "featured"]),
            models.Index(fields=["kind", "starts_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("content:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def display_date(self):
        if self.kind == self.Kind.EVENT and self.starts_on:
            return self.starts_on
        return self.published_at


class Consultation(models.Model):
    """在线咨询 (5.2.2.4, 5.2.2.1.2): a user's question answered by a service specialist."""

    class Category(models.TextChoices):
        POLICY = "policy", _("Policy")
        COMPLIANCE = "compliance", _("Compliance")
        TECHNOLOGY = "technology", _("Technology")
        IP = "ip", _("Intellectual property")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ASSIGNED = "assigned", _("Assigned")
        ANSWERED = "answered", _("Answered")
        REOPENED = "reopened", _("Reopened")
        CLOSED = "closed", _("Closed")

    WAITING_STATES = (State.SUBMITTED, State.ASSIGNED, State.REOPENED)

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    subject = models.CharField(pgettext_lazy("consultation", "subject"), max_length=200)
    question = models.TextField(_("question"), max_length=5000)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service specialist"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_consultations",
    )
    waiting_since = models.DateTimeField(
        _("waiting since"), null=True, blank=True, help_text=_("When the user last waited for an answer.")
    )
    first_answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "waiting_since"]),
            models.Index(fields=["asker", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("content:consultation_detail", args=[self.pk])

    @property
    def is_waiting(self) -> bool:
        return self.state in self.WAITING_STATES


class ConsultationMessage(models.Model):
    """One message of a consultation's thread after the question: an answer or a follow-up."""

    class Kind(models.TextChoices):
        ANSWER = "answer", _("Answer")
        FOLLOW_UP = "follow_up", _("Follow-up question")

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    body = models.TextField(_("text"), max_length=10000)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation message")
        verbose_name_plural = _("consultation messages")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.consultation_id}"


class Feedback(models.Model):
    """用户反馈收集 (5.2.2.3.2): opinions on existing products, technologies or services."""

    class Category(models.TextChoices):
        PRODUCT = "product", _("Product")
        TECHNOLOGY = "technology", _("Technology")
        SERVICE = "service", _("Platform service")
        OTHER = "other", _("Other")

    class Respondent(models.TextChoices):
        CLINICIAN = "clinician", _("Clinician")
        PATIENT = "patient", _("Patient")
        RESEARCHER = "researcher", _("Researcher")
        ENTERPRISE = "enterprise", _("Enterprise")
        OTHER = "other", _("Other stakeholder")

    class State(models.TextChoices):
        NEW = "new", _("New")
        ACKNOWLEDGED = "acknowledged", _("Being handled")
        RESOLVED = "resolved", _("Handled")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="content_feedback",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    respondent = models.CharField(
        _("you are"), max_length=20, choices=Respondent.choices, default=Respondent.OTHER
    )
    target = models.CharField(
        _("product, technology or service"),
        max_length=200,
        help_text=_("What your opinion is about, e.g. a product or technology name."),
    )
    body = models.TextField(_("opinion or suggestion"), max_length=5000)
    contact = models.CharField(_("contact (optional)"), max_length=100, blank=True)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.NEW)
    handling_note = models.TextField(_("handling note"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("user feedback")
        verbose_name_plural = _("user feedback")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_category_display()}：{self.target}"

    def get_absolute_url(self) -> str:
        return reverse("content:feedback_detail", args=[self.pk])
