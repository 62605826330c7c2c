"""The domain error type: a code, a bilingual message (gettext) and the HTTP status it maps to."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status_code = 400
    default_code = "invalid"

    def __init__(self, message: Any, *, code: str | None = None, extra: dict | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code or self.default_code
        self.extra = extra or {}

    def as_dict(self) -> dict:
        data = {"code": self.code, "detail": str(self.message)}
        data.update(self.extra)
        return data


class ValidationFailed(DomainError):
    status_code = 400
    default_code = "invalid"


class PermissionDeniedError(DomainError):
    status_code = 403
    default_code = "forbidden"


class NotFoundError(DomainError):
    status_code = 404
    default_code = "not_found"


class ConflictError(DomainError):
    status_code = 409
    default_code = "conflict"


class InvalidTransition(ConflictError):
    default_code = "invalid_transition"
