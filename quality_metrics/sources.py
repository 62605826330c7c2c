"""Finding the other apps' models without importing them (they may not have shipped yet)."""

from __future__ import annotations

from django.apps import apps
from django.db import models


def source_model(label: str) -> type[models.Model] | None:
    """``apps.get_model(label)`` or None when that app or model does not exist (yet)."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist and friends
        return False
    return True
