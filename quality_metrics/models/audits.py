"""Conformity audits (000 §7.1.1.4, 7.1.2.4): sampled service records checked against the process checklist."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..service_types import choices as service_type_choices


class ConformityAudit(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    class AuditorKind(models.TextChoices):
        INTERNAL = "internal", _("Internal audit")
        EXTERNAL = "external", _("External supervision")

    code = models.CharField(_("audit number"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    service_type = models.CharField(_("service audited"), max_length=30, choices=service_type_choices())
    sample_from = models.DateField(_("records closed from"))
    sample_to = models.DateField(_("records closed until"))
    sample_size = models.PositiveSmallIntegerField(_("sample size"), default=10)
    auditor_kind = models.CharField(
        _("kind"), max_length=10, choices=AuditorKind.choices, default=AuditorKind.INTERNAL
    )
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="conformity_audits",
        verbose_name=_("auditor"),
    )
    external_auditor = models.CharField(
        _("external auditor"),
        max_length=200,
        blank=True,
        help_text=_("Name and body, for external supervision."),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PLANNED)
    summary = models.TextField(_("conclusion"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("conformity audit")
        verbose_name_plural = _("conformity audits")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("quality_metrics:audit_detail", args=[self.pk])


class AuditItem(models.Model):
    """One sampled service record: the checklist answers, conforming or not, the finding."""

    audit = models.ForeignKey(ConformityAudit, on_delete=models.CASCADE, related_name="items")
    service_type = models.CharField(_("service"), max_length=30, choices=service_type_choices())
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    record_label = models.CharField(_("record"), max_length=300)
    checklist = models.JSONField(_("checklist results"), default=dict, blank=True)
    conforming = models.BooleanField(_("conforming"), null=True, blank=True)
    finding = models.TextField(_("finding"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit item")
        verbose_name_plural = _("audit items")
        ordering = ["audit", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "content_type", "object_id"], name="qm_audit_item_once_per_record"
            )
        ]

    def __str__(self) -> str:
        return self.record_label
