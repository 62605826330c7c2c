"""The achievement record (000 §3.2, §5.2.1.2) and its rows."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core.fields import EncryptedDecimalField, EncryptedTextField

from .vocabularies import AchievementType, ApplicationScenario, CooperationMode, TechnicalField


class Confidentiality(models.TextChoices):
    """Who may read a section of the record (000 §5.2.1.2.8)."""

    PUBLIC = "public", _("Public")
    REGISTERED = "registered", _("Visible to registered enterprises")
    GRANTED = "granted", _("Visible only with the holder's grant")


# The sections whose confidentiality the holder chooses, with the default level. Everything else on the
# record (name, summary, type, field, maturity, scenarios, cooperation modes, TRL, tags, organisation)
# is public once the achievement is published.
CONFIDENTIAL_SECTIONS: dict[str, tuple[str, object]] = {
    "background": (Confidentiality.PUBLIC, _("Research background")),
    "innovation_points": (Confidentiality.PUBLIC, _("Innovation points")),
    "contributions": (Confidentiality.PUBLIC, _("Main contributions")),
    "application_cases": (Confidentiality.PUBLIC, _("Application cases")),
    "technical_parameters": (Confidentiality.REGISTERED, _("Technical parameters")),
    "ip_status": (Confidentiality.REGISTERED, _("IP status")),
    "team": (Confidentiality.REGISTERED, _("Project team")),
    "cooperation_note": (Confidentiality.REGISTERED, _("Cooperation requirements")),
    "technical_details": (Confidentiality.GRANTED, _("Detailed technical parameters")),
    "price_expectation": (Confidentiality.GRANTED, _("Price expectation")),
    "contact": (Confidentiality.GRANTED, _("Contact")),
}
LEVEL_RANK = {Confidentiality.PUBLIC: 0, Confidentiality.REGISTERED: 1, Confidentiality.GRANTED: 2}


def default_confidentiality() -> dict[str, str]:
    return {key: str(level) for key, (level, _label) in CONFIDENTIAL_SECTIONS.items()}


class Maturity(models.TextChoices):
    LAB = "lab", _("Laboratory stage")
    PILOT = "pilot", _("Pilot stage")
    INDUSTRIAL = "industrial", _("Industrialisation stage")


class AchievementQuerySet(models.QuerySet):
    def for_list(self):
        """What list pages need, without the encrypted columns."""
        return self.select_related(
            "holder", "organization", "achievement_type", "technical_field", "assigned_to"
        ).only(
            "id",
            "name",
            "summary",
            "state",
            "maturity",
            "trl",
            "tags",
            "version",
            "created_at",
            "updated_at",
            "submitted_at",
            "last_submitted_at",
            "decided_at",
            "accepted_at",
            "published_at",
            "holder__id",
            "holder__username",
            "holder__display_name",
            "holder__first_name",
            "holder__last_name",
            "organization__id",
            "organization__name",
            "achievement_type__id",
            "achievement_type__code",
            "achievement_type__name",
            "technical_field__id",
            "technical_field__code",
            "technical_field__name",
            "assigned_to__id",
            "assigned_to__username",
            "assigned_to__display_name",
            "assigned_to__first_name",
            "assigned_to__last_name",
        )

    def published(self):
        return self.filter(state__in=Achievement.PUBLIC_STATES)


class Achievement(models.Model):
    # The public-facing content a holder may refresh on an entry in the library (5.2.1.2.6); staff approve it.
    REFRESHABLE_FIELDS: tuple[str, ...] = (
        "summary",
        "tags",
        "trl",
        "background",
        "innovation_points",
        "contributions",
        "cooperation_note",
    )

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for supplement")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")
        UNDER_EVALUATION = "under_evaluation", _("Under evaluation")
        NOT_EVALUATED = "not_evaluated", _("Not evaluated")
        EVALUATION_PASSED = "evaluation_passed", _("Evaluation passed")
        EVALUATION_FAILED = "evaluation_failed", _("Evaluation failed")
        PUBLISHED = "published", _("Published")
        IN_DOCKING = "in_docking", _("In docking")
        AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
        CONVERTED = "converted", _("Converted")
        RETIRED = "retired", _("Retired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # States in which the holder may edit the record.
    EDITABLE_STATES = (State.DRAFT, State.RETURNED)
    # States waiting for the formal review.
    REVIEW_STATES = (State.SUBMITTED, State.RESUBMITTED)
    # States in which the record is in the library, visible to everyone.
    PUBLIC_STATES = (State.PUBLISHED, State.IN_DOCKING, State.AGREEMENT_SIGNED, State.CONVERTED)

    Confidentiality = Confidentiality
    Maturity = Maturity

    # --- 成果简介 (5.2.1.2.1) ---
    name = models.CharField(_("achievement name"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=500, blank=True, help_text=_("One or two sentences, always public.")
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="achievements",
        verbose_name=_("holder"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="achievements",
        verbose_name=_("holding organisation"),
    )
    co_organizations = models.ManyToManyField(
        "accounts.Organization",
        blank=True,
        related_name="co_held_achievements",
        verbose_name=_("co-holding organisations"),
    )
    achievement_type = models.ForeignKey(
        AchievementType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="achievements",
        verbose_name=_("achievement type"),
    )
    technical_field = models.ForeignKey(
        TechnicalField,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="achievements",
        verbose_name=_("technical field"),
    )
    maturity = models.CharField(_("maturity"), max_length=20, choices=Maturity.choices, blank=True)
    scenarios = models.ManyToManyField(
        ApplicationScenario, blank=True, related_name="achievements", verbose_name=_("application scenarios")
    )
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Separated by commas."))
    background = EncryptedTextField(_("research background"), blank=True)
    innovation_points = EncryptedTextField(_("innovation points"), blank=True)
    contributions = EncryptedTextField(_("main contributions"), blank=True)

    # --- 技术参数 (5.2.1.2.2) ---
    technical_details = EncryptedTextField(
        _("detailed technical parameters"),
        blank=True,
        help_text=_("Formulation, process, algorithm or design details shown only with the holder's grant."),
    )

    # --- 合作需求 (5.2.1.2.5, 3.3) ---
    cooperation_modes = models.ManyToManyField(
        CooperationMode, blank=True, related_name="achievements", verbose_name=_("cooperation modes wanted")
    )
    cooperation_note = EncryptedTextField(_("cooperation requirements"), blank=True)
    price_expectation = EncryptedDecimalField(
        _("price expectation (10k yuan)"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    contact_name = EncryptedTextField(_("contact person"), blank=True)
    contact_phone = EncryptedTextField(_("contact phone"), blank=True)
    contact_email = EncryptedTextField(_("contact email"), blank=True)

    # --- confidentiality per section: {section key: level} ---
    confidentiality = models.JSONField(_("confidentiality per section"), default=default_confidentiality)

    # --- workflow ---
    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_achievements",
        verbose_name=_("assigned service specialist"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    last_submitted_at = models.DateTimeField(_("last (re)submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("formal review decided at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = AchievementQuerySet.as_manager()

    class Meta:
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["state", "last_submitted_at"]),
            models.Index(fields=["holder", "state"]),
            models.Index(fields=["maturity"]),
            models.Index(fields=["-published_at"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        stamped = self._stamp_state_dates()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and stamped:
            kwargs["update_fields"] = sorted(set(update_fields) | stamped)
        super().save(*args, **kwargs)
        self._state_at_load = self.state

    def get_absolute_url(self) -> str:
        return reverse("achievements:detail", kwargs={"pk": self.pk})

    @property
    def number(self) -> str:
        """The record's retrieval code, e.g. CG-2025-00042."""
        return f"CG-{timezone.localtime(self.created_at):%Y}-{self.pk or 0:05d}"

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.replace("，", ",").split(",") if t.strip()]

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE_STATES

    def level_of(self, section: str) -> str:
        """The confidentiality level of a section (the default where the holder chose none)."""
        level = (self.confidentiality or {}).get(section)
        if level in Confidentiality.values:
            return level
        return str(CONFIDENTIAL_SECTIONS[section][0]) if section in CONFIDENTIAL_SECTIONS else "public"

    # --- invariants on the dates of the life cycle --------------------------------------------
    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._state_at_load = instance.__dict__.get("state")
        return instance

    def _stamp_state_dates(self) -> set[str]:
        """Set the date of the state just entered (whoever moved it: this app or a later one)."""
        previous = getattr(self, "_state_at_load", None)
        if self.state == previous or "state" not in self.__dict__:
            return set()
        now = timezone.now()
        stamped: set[str] = set()
        S = self.State
        if self.state in (S.SUBMITTED, S.RESUBMITTED):
            self.last_submitted_at = now
            stamped.add("last_submitted_at")
            if self.submitted_at is None:
                self.submitted_at = now
                stamped.add("submitted_at")
        if self.state in (S.ACCEPTED, S.REFUSED) and previous in self.REVIEW_STATES:
            self.decided_at = now
            stamped.add("decided_at")
        if self.state == S.ACCEPTED and self.accepted_at is None:
            self.accepted_at = now
            stamped.add("accepted_at")
        if self.state == S.PUBLISHED and self.published_at is None:
            self.published_at = now
            stamped.add("published_at")
        return stamped


class TeamMember(models.Model):
    """A member of the project team (000 §5.1.2.1.7: composition, foundation, division of work)."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Project leader")
        CORE = "core", _("Core member")
        MEMBER = "member", _("Member")

    achievement = models.ForeignKey(
        Achievement, on_delete=models.CASCADE, related_name="team_members", verbose_name=_("achievement")
    )
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role in the team"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    title = models.CharField(_("professional title"), max_length=100, blank=True)
    organization_name = models.CharField(_("organisation"), max_length=200, blank=True)
    division_of_work = EncryptedTextField(_("division of work"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="team_memberships",
        verbose_name=_("platform account"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["achievement", "order", "id"]

    def __str__(self) -> str:
        return self.name


class TechnicalParameter(models.Model):
    """A key technical indicator with its unit (灵敏度, 特异性, 半衰期, device performance…)."""

    achievement = models.ForeignKey(
        Achievement,
        on_delete=models.CASCADE,
        related_name="technical_parameters",
        verbose_name=_("achievement"),
    )
    name = models.CharField(_("parameter"), max_length=100)
    value = EncryptedTextField(_("value"))
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    method = EncryptedTextField(_("measurement method / conditions"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("technical parameter")
        verbose_name_plural = _("technical parameters")
        ordering = ["achievement", "order", "id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.value} {self.unit}".strip()


class ApplicationCase(models.Model):
    """A case of real use showing the effect of the achievement (5.2.1.2.3)."""

    achievement = models.ForeignKey(
        Achievement, on_delete=models.CASCADE, related_name="application_cases", verbose_name=_("achievement")
    )
    title = models.CharField(_("case"), max_length=200)
    site = models.CharField(_("where applied"), max_length=200, blank=True)
    period = models.CharField(_("period"), max_length=100, blank=True)
    description = EncryptedTextField(_("description"), blank=True)
    outcome = EncryptedTextField(_("effect and value"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("application case")
        verbose_name_plural = _("application cases")
        ordering = ["achievement", "order", "id"]

    def __str__(self) -> str:
        return self.title


class IpStatusEntry(models.Model):
    """IP status as declared by the holder (5.2.1.2.4), until the IP app links real IP assets."""

    class IpType(models.TextChoices):
        INVENTION = "invention", _("Invention patent")
        UTILITY_MODEL = "utility_model", _("Utility model patent")
        DESIGN = "design", _("Design patent")
        SOFTWARE_COPYRIGHT = "software_copyright", _("Software copyright")
        TRADEMARK = "trademark", _("Trademark")
        REGISTRATION = "registration", _("Registration certificate")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        GRANTED = "granted", _("Granted")

    achievement = models.ForeignKey(
        Achievement, on_delete=models.CASCADE, related_name="ip_entries", verbose_name=_("achievement")
    )
    ip_type = models.CharField(_("IP type"), max_length=30, choices=IpType.choices, default=IpType.INVENTION)
    title = models.CharField(_("title"), max_length=200)
    number = models.CharField(_("application / grant number"), max_length=60, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLIED)
    protection_scope = EncryptedTextField(_("scope of protection"), blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    expires_on = models.DateField(_("protection until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("IP status entry")
        verbose_name_plural = _("IP status entries")
        ordering = ["achievement", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_ip_type_display()} {self.number or self.title}"
