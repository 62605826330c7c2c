"""View helpers on top of the `rules` predicates in each app's ``permissions.py``.

Convention: someone who may not see an object gets 404; someone who may see it but not act gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .accounts.roles import has_role


def role_required(*roles: str) -> Callable:
    """Anonymous users go to the login page; logged-in users without one of the roles get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if roles and not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required("staff", "admin")


def get_visible_or_404(queryset, *, user, perm: str, **lookup):
    """Fetch an object the user may see (``perm`` checked with `rules`) or raise 404."""
    obj = queryset.filter(**lookup).first()
    if obj is None or not user.has_perm(perm, obj):
        raise Http404
    return obj


def require_perm(user, perm: str, obj=None) -> None:
    """403 when the user may see the object but not perform the action."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied
