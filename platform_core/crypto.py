"""Field encryption for confidential content (000 §5.2.1.2.8): Fernet tokens under a rotatable key list.

``settings.FIELD_ENCRYPTION_KEYS`` lists urlsafe-base64 32-byte Fernet keys, newest first. New values are
always encrypted with the first key; any key of the list decrypts. To rotate: put a new key first, keep the
old ones after it, run ``manage.py rotate_encryption_keys`` (re-encrypts every encrypted column with the
newest key), then drop the old keys. A missing or malformed key fails loudly: nothing is ever stored in
plaintext.
"""

from __future__ import annotations

import threading

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["InvalidToken", "decrypt", "encrypt", "get_fernet", "is_token", "reset_cache", "rotate_token"]

_lock = threading.Lock()
_cache: dict[tuple[str, ...], MultiFernet] = {}


def _configured_keys() -> tuple[str, ...]:
    keys = getattr(settings, "FIELD_ENCRYPTION_KEYS", None)
    if isinstance(keys, str):
        keys = [k.strip() for k in keys.split(",") if k.strip()]
    if not keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is empty: confidential fields cannot be stored without a key."
        )
    return tuple(keys)


def get_fernet() -> MultiFernet:
    """The MultiFernet for the configured keys (newest first); cached per key list."""
    keys = _configured_keys()
    fernet = _cache.get(keys)
    if fernet is None:
        instances = []
        for position, key in enumerate(keys, start=1):
            try:
                instances.append(Fernet(key.encode("ascii") if isinstance(key, str) else key))
            except (ValueError, TypeError, UnicodeEncodeError) as exc:
                raise ImproperlyConfigured(
                    f"FIELD_ENCRYPTION_KEYS entry #{position} is not a urlsafe-base64 32-byte Fernet key."
                ) from exc
        fernet = MultiFernet(instances)
        with _lock:
            _cache[keys] = fernet
    return fernet


def reset_cache() -> None:
    with _lock:
        _cache.clear()


def encrypt(value: str) -> str:
    return get_fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """Decrypt a token with any configured key; raises InvalidToken when none fits."""
    return get_fernet().decrypt(token.encode("ascii")).decode("utf-8")


def rotate_token(token: str) -> str:
    """Re-encrypt a token with the newest key (it must decrypt with one of the configured keys)."""
    return get_fernet().rotate(token.encode("ascii")).decode("ascii")


def is_token(value: str) -> bool:
    """True when ``value`` is a token that one of the configured keys decrypts."""
    try:
        decrypt(value)
    except (InvalidToken, UnicodeEncodeError, ValueError):
        return False
    return True


def check_keys() -> None:
    """Startup check (called from a system check): raises ImproperlyConfigured on a bad key list."""
    get_fernet()
