"""Encrypted model fields: the column holds a Fernet token, Python code sees the plaintext.

* ``EncryptedTextField`` — text; ``EncryptedDecimalField`` — a Decimal (e.g. a price); ``EncryptedJSONField`` —
  any JSON value (e.g. an immutable snapshot containing confidential content).
* Values are encrypted on the way to the database (``get_prep_value``) with the newest key of
  ``settings.FIELD_ENCRYPTION_KEYS`` and decrypted on the way back (``from_db_value``) with any key.
* Tokens are randomised, so these columns are not searchable, sortable or indexable: only ``isnull`` lookups
  are allowed, and ``db_index``/``unique`` are refused by a system check. Build search documents from the
  decrypted values in Python instead.
* An empty string stays empty (it reveals nothing); ``None`` stays NULL.
* ``manage.py rotate_encryption_keys`` re-encrypts every such column of every model with the newest key.
"""

from __future__ import annotations

import decimal
import json
from typing import Any

from django import forms
from django.core import checks
from django.core.exceptions import FieldError, ImproperlyConfigured, ValidationError
from django.db import models

from platform_core import crypto


class DecryptionError(RuntimeError):
    """A stored token that no configured key decrypts: a key was removed too early."""


class EncryptedMixin:
    """Shared behaviour of the encrypted fields (mixed into a TextField)."""

    encrypted = True
    allowed_lookups = frozenset({"isnull"})

    # --- Python value <-> plaintext string -------------------------------------------------
    def _to_plain(self, value: Any) -> str:
        return str(value)

    def _from_plain(self, plain: str) -> Any:
        return plain

    # --- database conversions --------------------------------------------------------------
    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        if value == "" and not isinstance(self, EncryptedJSONField):
            return ""
        value = self.to_python(value)
        if value is None:
            return None
        return crypto.encrypt(self._to_plain(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return None if value is None else self._empty()
        try:
            plain = crypto.decrypt(value)
        except crypto.InvalidToken as exc:
            raise DecryptionError(
                f"{self.model.__name__}.{self.name}: no configured key decrypts a stored value "
                "(was a key removed before running rotate_encryption_keys?)"
            ) from exc
        return self._from_plain(plain)

    def _empty(self) -> Any:
        return ""

    def get_lookup(self, lookup_name: str):
        if lookup_name not in self.allowed_lookups:
            raise FieldError(
                f"{self.__class__.__name__} {getattr(self, 'name', '')!r} is encrypted and does not support "
                f"the '{lookup_name}' lookup."
            )
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name: str):
        return None

    # --- system checks ------------------------------------------------------------------------
    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if self.db_index or self.unique:
            errors.append(
                checks.Error(
                    "Encrypted fields cannot be indexed or unique (their tokens are randomised).",
                    obj=self,
                    id="platform_core.E102",
                )
            )
        try:
            crypto.check_keys()
        except ImproperlyConfigured as exc:
            errors.append(checks.Error(str(exc), obj=self, id="platform_core.E101"))
        return errors


class EncryptedTextField(EncryptedMixin, models.TextField):
    description = "Text encrypted at rest (Fernet)"

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, str):
            return value
        return str(value)


class EncryptedDecimalField(EncryptedMixin, models.TextField):
    """A Decimal stored as an encrypted string (e.g. a price expectation only some may see)."""

    description = "Decimal encrypted at rest (Fernet)"

    def __init__(self, *args: Any, max_digits: int = 14, decimal_places: int = 2, **kwargs: Any) -> None:
        self.max_digits = max_digits
        self.decimal_places = decimal_places
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["max_digits"] = self.max_digits
        kwargs["decimal_places"] = self.decimal_places
        return name, path, args, kwargs

    def _empty(self) -> Any:
        return None

    def get_prep_value(self, value: Any) -> Any:
        if value == "":
            return None
        return super().get_prep_value(value)

    def to_python(self, value: Any) -> Any:
        if value is None or value == "":
            return None
        if isinstance(value, decimal.Decimal):
            return value
        try:
            return decimal.Decimal(str(value))
        except decimal.InvalidOperation as exc:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from exc

    def _from_plain(self, plain: str) -> Any:
        return decimal.Decimal(plain)

    def formfield(self, **kwargs: Any) -> forms.Field:
        options = {
            "label": self.verbose_name,
            "help_text": self.help_text,
            "required": not self.blank,
            "max_digits": self.max_digits,
            "decimal_places": self.decimal_places,
        }
        options.update({k: v for k, v in kwargs.items() if k not in {"widget", "max_length", "form_class"}})
        return forms.DecimalField(**options)


class EncryptedJSONField(EncryptedMixin, models.TextField):
    """Any JSON value, serialised and encrypted as one token."""

    description = "JSON encrypted at rest (Fernet)"

    def _empty(self) -> Any:
        return None

    def to_python(self, value: Any) -> Any:
        return value

    def _to_plain(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)

    def _from_plain(self, plain: str) -> Any:
        return json.loads(plain)

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return crypto.encrypt(self._to_plain(value))

    def value_to_string(self, obj: Any) -> str:
        return self._to_plain(self.value_from_object(obj))

    def formfield(self, **kwargs: Any) -> forms.Field:
        return forms.JSONField(label=self.verbose_name, required=not self.blank, **kwargs)


def encrypted_fields(model: type[models.Model]) -> list[models.Field]:
    """The encrypted concrete fields of a model."""
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedMixin)]
