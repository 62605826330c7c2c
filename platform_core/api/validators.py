"""Validation shared by API serializers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_period(attrs: dict[str, Any], instance: Any, start: str, end: str, *others: str) -> None:
    """Dates and times of a planned period lie within 2000–2100 (an older time renders with a local-mean-time
    offset such as +08:05:43, which is not a valid date-time, and far dates overflow the working-day arithmetic),
    and the end comes after the start."""
    values = {name: attrs.get(name, getattr(instance, name, None)) for name in (start, end, *others)}
    for name, value in values.items():
        if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise serializers.ValidationError({name: _("Give a date between the years 2000 and 2100.")})
    if values[start] and values[end] and values[end] <= values[start]:
        raise serializers.ValidationError({end: _("The end must be after the start.")})
