"""django-axes hooks: failures are counted per account, whether someone typed the username or the email."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q


def canonical_username(request, credentials: dict | None = None) -> str:
    """The account's username for ``username`` (username or email, any case); the typed text otherwise."""
    raw = ""
    if credentials:
        raw = credentials.get("username") or ""
    if not raw and request is not None and hasattr(request, "POST"):
        raw = request.POST.get("username", "")
    raw = str(raw).strip()[:254]
    if not raw:
        return ""
    username = (
        get_user_model()
        .objects.filter(Q(username__iexact=raw) | Q(email__iexact=raw))
        .order_by("id")
        .values_list("username", flat=True)
        .first()
    )
    return username or raw.lower()
