from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role, user_roles


class Organization(models.Model):
    class Kind(models.TextChoices):
        HOSPITAL = "hospital", _("Hospital")
        UNIVERSITY = "university", _("University")
        INSTITUTE = "institute", _("Research institute")
        ENTERPRISE = "enterprise", _("Enterprise")
        INVESTOR = "investor", _("Investment institution")
        GOVERNMENT = "government", _("Government")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    province = models.CharField(_("province"), max_length=50, blank=True)
    city = models.CharField(_("city"), max_length=50, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["province"])]

    def __str__(self) -> str:
        return self.name

    @property
    def region(self) -> str:
        return " ".join(p for p in (self.province, self.city) if p)


class User(AbstractUser):
    class Approval(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    email = models.EmailField(_("email address"), blank=True)
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    title = models.CharField(_("professional title"), max_length=100, blank=True)
    approval_status = models.CharField(
        _("approval status"), max_length=20, choices=Approval.choices, default=Approval.APPROVED
    )
    requested_role = models.CharField(_("requested role"), max_length=20, choices=Role.choices, blank=True)
    interests = models.CharField(
        _("declared interests"), max_length=300, blank=True, help_text=_("Keywords separated by commas.")
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~models.Q(email=""), name="accounts_user_unique_email"
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def roles(self) -> frozenset[str]:
        return user_roles(self)

    @property
    def primary_role(self) -> str | None:
        for role in Role.values:
            if role in self.roles:
                return role
        return None

    @property
    def is_approved(self) -> bool:
        return self.approval_status == self.Approval.APPROVED


class StaffProfile(models.Model):
    """A service specialist's record (DB1403/T 22 Annex B: post requirements, duties, training)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="staff_profile")
    position = models.CharField(_("post"), max_length=100, blank=True)
    duties = models.TextField(_("post duties"), blank=True)
    qualifications = models.TextField(
        _("qualifications"), blank=True, help_text=_("Education, professional title, certificates.")
    )
    hands_on_experience = models.BooleanField(_("hands-on platform experience"), default=False)
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("service specialist profile")
        verbose_name_plural = _("service specialist profiles")

    def __str__(self) -> str:
        return str(self.user)


class TrainingRecord(models.Model):
    """Training of a service specialist (DB1403/T 22 Annex B.3)."""

    profile = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="trainings")
    course = models.CharField(_("course"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    completed_on = models.DateField(_("completed on"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, default=0)
    certificate_no = models.CharField(_("certificate number"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return f"{self.course} ({self.completed_on})"
