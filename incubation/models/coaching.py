from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Mentor(models.Model):
    """The mentor and expert directory (5.4.1.3 a)."""

    class Kind(models.TextChoices):
        TECHNICAL = "technical", _("Technical expert")
        MANAGEMENT = "management", _("Business manager")
        MARKETING = "marketing", _("Marketing specialist")
        INVESTMENT = "investment", _("Investment and financing expert")
        LEGAL = "legal", _("Legal and IP expert")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentor_profile",
        verbose_name=_("platform account"),
    )
    organization_name = models.CharField(_("organisation"), max_length=200, blank=True)
    title = models.CharField(_("professional title"), max_length=100, blank=True)
    expertise = models.CharField(_("areas of expertise"), max_length=300, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    is_active = models.BooleanField(_("available"), default=True)

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors and experts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "organization_name"], name="incubation_mentor_unique_name_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CoachingSession(models.Model):
    """Business-plan coaching, strategy and other sessions with a mentor (5.4.2.1)."""

    class Topic(models.TextChoices):
        BUSINESS_PLAN = "business_plan", _("Business plan writing")
        STRATEGY = "strategy", _("Development goals and strategy")
        BUSINESS_MODEL = "business_model", _("Business model design")
        MARKETING = "marketing", _("Marketing strategy")
        FINANCE = "finance", _("Financial management")
        OTHER = "other", _("Other")

    project = models.ForeignKey(
        "incubation.IncubationProject",
        on_delete=models.CASCADE,
        related_name="coaching_sessions",
        verbose_name=_("project"),
    )
    mentor = models.ForeignKey(
        Mentor, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("mentor")
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    scheduled_at = models.DateTimeField(_("time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(1)]
    )
    location = models.CharField(_("place or link"), max_length=200, blank=True)
    summary = models.TextField(_("summary and advice"), blank=True)
    held = models.BooleanField(_("held"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("arranged by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["-scheduled_at", "-id"]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_topic_display()}"


class Course(models.Model):
    """A training course (5.4.1.3 b, 5.4.2.1 b)."""

    class Topic(models.TextChoices):
        BUSINESS_MODEL = "business_model", _("Business model design")
        MARKETING = "marketing", _("Market promotion strategy")
        FINANCE = "finance", _("Financial management")
        MANAGEMENT = "management", _("Enterprise management")
        SKILLS = "skills", _("Professional skills")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    instructor = models.CharField(_("instructor"), max_length=100, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("place or link"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"), default=30, validators=[MinValueValidator(1)])
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("open for enrolment"), default=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-starts_at", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("incubation:course_detail", args=[self.pk])


class Enrolment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("participant")
    )
    project = models.ForeignKey(
        "incubation.IncubationProject",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
        verbose_name=_("project"),
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    attended = models.BooleanField(_("attended"), default=False)
    attendance_marked_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["enrolled_at", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "user"], name="incubation_enrolment_once")]

    def __str__(self) -> str:
        return f"{self.course} · {self.user}"


class ConsultingRequest(models.Model):
    """A management-consulting request (5.4.2.2) with a working-day clock."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    class Topic(models.TextChoices):
        RD_MANAGEMENT = "rd_management", _("R&D management")
        QUALITY_MANAGEMENT = "quality_management", _("Quality management")
        HR_MANAGEMENT = "hr_management", _("Human resources management")
        STRATEGY = "strategy", _("Strategy consulting")
        OTHER = "other", _("Other")

    OPEN_STATES = (State.SUBMITTED, State.ASSIGNED, State.IN_PROGRESS)

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consulting_requests",
        verbose_name=_("requester"),
    )
    project = models.ForeignKey(
        "incubation.IncubationProject",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consulting_requests",
        verbose_name=_("project"),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    subject = models.CharField(_("subject line"), max_length=200)
    description = models.TextField(_("description"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("consultant"),
    )
    response = models.TextField(_("advice given"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED, db_index=True
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("consulting request")
        verbose_name_plural = _("consulting requests")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("incubation:consulting_detail", args=[self.pk])


class ResourceLink(models.Model):
    """Resource integration (5.4.2.3): supply-chain partners, exhibitions and forums."""

    class Kind(models.TextChoices):
        SUPPLY_CHAIN = "supply_chain", _("Upstream and downstream partner")
        EXHIBITION = "exhibition", _("Exhibition")
        FORUM = "forum", _("Forum")
        OTHER = "other", _("Other resource")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    organization_name = models.CharField(_("organisation"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    event_date = models.DateField(_("event date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("shown"), default=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["kind", "-event_date", "title"]

    def __str__(self) -> str:
        return self.title
