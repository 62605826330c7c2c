"""Helpers shared by the services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from platform_core.errors import NotFoundError, ValidationFailed


def full_clean(obj: models.Model, exclude: Iterable[str] = ()) -> None:
    """``full_clean`` turning Django's ValidationError into the domain's 400 with a readable message."""
    try:
        obj.full_clean(exclude=list(exclude) or None)
    except ValidationError as exc:
        messages = []
        if hasattr(exc, "message_dict"):
            for field, errors in exc.message_dict.items():
                label = field
                if field != "__all__":
                    try:
                        label = str(obj._meta.get_field(field).verbose_name)
                    except Exception:  # noqa: BLE001 - a non-field key
                        label = field
                for error in errors:
                    messages.append(error if field == "__all__" else f"{label}：{error}")
        else:
            messages = list(exc.messages)
        raise ValidationFailed(
            "；".join(messages), code="invalid", extra={"errors": getattr(exc, "message_dict", {})}
        )


def locked(model: type[models.Model], pk: Any, message=None) -> Any:
    obj = model._default_manager.select_for_update().filter(pk=pk).first()
    if obj is None:
        raise NotFoundError(message or _("The record does not exist."))
    return obj


def set_fields(obj: models.Model, values: dict[str, Any], allowed: Iterable[str]) -> list[str]:
    """Assign the allowed keys of ``values``; returns the names assigned (M2M keys are left to the caller)."""
    allowed = set(allowed)
    changed = []
    for key, value in values.items():
        if key in allowed:
            setattr(obj, key, value)
            changed.append(key)
    return changed
