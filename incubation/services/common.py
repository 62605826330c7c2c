"""Helpers shared by the incubation services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from platform_core.accounts.models import User
from platform_core.accounts.roles import Role
from platform_core.errors import ValidationFailed


def clean_and_save(obj: models.Model, **save_kwargs: Any) -> models.Model:
    """``full_clean()`` then save; Django validation errors become a 400 with the messages."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        messages = (
            [f"{msg}" for msgs in exc.message_dict.values() for msg in msgs]
            if hasattr(exc, "error_dict")
            else exc.messages
        )
        raise ValidationFailed("；".join(messages), extra={"errors": getattr(exc, "message_dict", {})})
    obj.save(**save_kwargs)
    return obj


def staff_users() -> models.QuerySet[User]:
    return User.objects.filter(groups__name__in=[Role.STAFF, Role.ADMIN], is_active=True).distinct()


def reference_save(*, actor: Any, obj: models.Model) -> models.Model:
    """Staff maintain the reference data (facilities, programmes, mentors, courses, directories)."""
    from django.utils.translation import gettext as _

    from platform_core.accounts.roles import is_staff_member
    from platform_core.errors import PermissionDeniedError

    if not is_staff_member(actor):
        raise PermissionDeniedError(_("You are not allowed to do this."))
    return clean_and_save(obj)
