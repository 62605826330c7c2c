"""OpenAPI schema adjustments shared by every app's API (loaded with the API's URLconf)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension


class LocalTimeFieldExtension(OpenApiSerializerFieldExtension):
    """Times of day (opening hours, slots) are local wall-clock times such as ``08:30:00`` without a UTC
    offset. OpenAPI's ``format: time`` means RFC 3339 ``full-time``, which requires an offset, so the schema
    describes the actual value with a pattern instead (schemathesis found the mismatch)."""

    target_class = "rest_framework.fields.TimeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$", "example": "08:30:00"}
