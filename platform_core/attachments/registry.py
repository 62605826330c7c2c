"""Who may see (and add files to) a record: one registry for attachments, reports and the archive.

Each app registers its owner models once, typically in ``AppConfig.ready()``::

    from platform_core.attachments.registry import register_visibility
    register_visibility(Achievement, can_view=lambda user, obj: user.has_perm("achievements.view", obj),
                        can_upload=lambda user, obj: user.has_perm("achievements.change", obj))

``can_view(user, owner) -> bool`` decides whether the user may see the record and therefore its files
and reports. ``can_upload`` (optional) decides whether he may add a file through the generic upload view.
``can_delete(user, owner, attachment)`` (optional) decides whether he may delete one of its files through the
generic delete (default: the uploader or staff); a locked (archived) attachment is never deletable.
Records whose model is not registered are visible to staff (and attachments also to their uploader).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from platform_core.accounts.roles import is_staff_member

Check = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Entry:
    can_view: Check
    can_upload: Check | None = None
    can_delete: Callable[[Any, Any, Any], bool] | None = None


_REGISTRY: dict[type, Entry] = {}


def register_visibility(
    model_class: type,
    can_view: Check,
    can_upload: Check | None = None,
    can_delete: Callable[[Any, Any, Any], bool] | None = None,
) -> None:
    _REGISTRY[model_class] = Entry(can_view=can_view, can_upload=can_upload, can_delete=can_delete)


# The name used in the first drafts of the brief.
register = register_visibility


def unregister(model_class: type) -> None:
    _REGISTRY.pop(model_class, None)


def entry_for(owner_or_model: Any) -> Entry | None:
    model = owner_or_model if isinstance(owner_or_model, type) else type(owner_or_model)
    for klass in model.__mro__:
        if klass in _REGISTRY:
            return _REGISTRY[klass]
    return None


def is_registered(owner_or_model: Any) -> bool:
    return entry_for(owner_or_model) is not None


def can_view_owner(user: Any, owner: Any) -> bool:
    """May ``user`` see ``owner`` (and so its attachments and reports)? Unregistered: staff only."""
    if owner is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    entry = entry_for(owner)
    if entry is None:
        return bool(is_staff_member(user))
    return bool(entry.can_view(user, owner))


def can_upload_to(user: Any, owner: Any) -> bool:
    """May ``user`` attach a file to ``owner`` through the generic upload view? Default: staff only."""
    if owner is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    entry = entry_for(owner)
    if entry is not None and entry.can_upload is not None:
        return bool(entry.can_upload(user, owner))
    return bool(is_staff_member(user))


def can_delete_attachment(user: Any, owner: Any, attachment: Any) -> bool:
    """May ``user`` delete ``attachment`` of ``owner`` through the generic delete? Never when locked; the
    owner's ``can_delete`` rule when registered, otherwise the uploader or staff."""
    if attachment is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(attachment, "locked", False):
        return False
    entry = entry_for(owner) if owner is not None else None
    if entry is not None and entry.can_delete is not None:
        return bool(entry.can_delete(user, owner, attachment))
    return bool(is_staff_member(user) or attachment.uploaded_by_id == getattr(user, "pk", None))
