from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from platform_core.accounts.roles import is_staff_member

from .models import Attachment
from .registry import can_view_owner, is_registered


def attachments_for(owner: models.Model, kind: str | None = None) -> QuerySet[Attachment]:
    """The attachments of one record (newest first), with their uploader; optionally of one kind.

    ``kind`` ending in ":" matches a prefix (``"material:"`` → every material kind).
    """
    qs = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk
    ).select_related("uploaded_by")
    if kind:
        qs = qs.filter(kind__startswith=kind) if kind.endswith(":") else qs.filter(kind=kind)
    return qs


def attachment_visible(user: Any, attachment: Attachment) -> bool:
    """May ``user`` see this attachment? Registered owners decide; otherwise staff or the uploader."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    model = attachment.content_type.model_class()
    if model is not None and is_registered(model):
        owner = attachment.owner
        return owner is not None and can_view_owner(user, owner)
    return bool(is_staff_member(user)) or attachment.uploaded_by_id == user.pk


def attachments_visible_to(user: Any) -> QuerySet[Attachment]:
    """Without an owner: staff see everything, others the files they uploaded."""
    qs = Attachment.objects.select_related("uploaded_by", "content_type")
    if is_staff_member(user):
        return qs
    return qs.filter(uploaded_by=user)
