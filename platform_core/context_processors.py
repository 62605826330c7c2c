from types import SimpleNamespace

from django.urls import get_urlconf
from django.utils.translation import gettext_lazy as _

from .accounts.roles import user_roles
from .navigation import items_for
from .notifications.services import unread_count

# The menu depends only on the user's roles (every app's ``items(user)`` decides by role), so it is built
# once per process for each set of roles, with every URL reversed once, instead of on every page.
_MENUS: dict = {}


def _menu(user) -> list:
    key = (user_roles(user), get_urlconf())
    menu = _MENUS.get(key)
    if menu is None:
        menu = [
            SimpleNamespace(
                label=i.label,
                url=i.url,
                url_name=i.url_name,
                icon=i.icon,
                roles=i.roles,
                section=i.section,
                order=i.order,
                kwargs=i.kwargs,
            )
            for i in items_for(user)
        ]
        _MENUS[key] = menu
    return menu


def platform(request):
    user = getattr(request, "user", None)
    context = {"PLATFORM_NAME": _("Achievement Transfer Collaboration Platform")}
    if user is not None and user.is_authenticated:
        context["nav_items"] = _menu(user)
        context["unread_notifications"] = unread_count(user)
    return context
