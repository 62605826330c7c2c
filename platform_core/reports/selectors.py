from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from platform_core.accounts.roles import is_staff_member
from platform_core.attachments.registry import can_view_owner, is_registered

from .models import ReportRecord


def reports_for(subject: models.Model, kind: str | None = None) -> QuerySet[ReportRecord]:
    """The reports about one record, newest first."""
    qs = ReportRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("requested_by")
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def latest_report(subject: models.Model, kind: str) -> ReportRecord | None:
    return reports_for(subject, kind).first()


def report_visible(user: Any, report: ReportRecord) -> bool:
    """Whoever may see the subject (attachments registry) may see its reports; unregistered subjects:
    staff and the requester."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    model = report.content_type.model_class()
    if model is not None and is_registered(model):
        subject = report.subject
        return subject is not None and can_view_owner(user, subject)
    return bool(is_staff_member(user)) or report.requested_by_id == user.pk


def reports_visible_to(user: Any) -> QuerySet[ReportRecord]:
    qs = ReportRecord.objects.select_related("requested_by", "content_type")
    if is_staff_member(user):
        return qs
    return qs.filter(requested_by=user)
