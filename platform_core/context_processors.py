from types import SimpleNamespace

from django.template.loader import render_to_string
from django.urls import get_urlconf
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .accounts.roles import user_roles
from .navigation import items_for
from .notifications.services import unread_count

# The menu depends only on the user's roles (every app's ``items(user)`` decides by role), so it is built
# once per process for each set of roles, with every URL reversed once, instead of on every page.
_MENUS: dict = {}
# The sidebar's HTML for each (roles, URLconf, language, active item): a few hundred short strings at most.
_SIDEBARS: dict = {}


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


def sidebar_menu(user, path: str) -> SafeString:
    """The sidebar menu's HTML. It depends on the user's roles, the language and which item is the current
    page, so it is rendered once per process for each of those (rendering the menu's lazy labels on every
    signed-in page was a third of a cached page's time)."""
    menu = _menu(user)
    active = path if any(item.url == path for item in menu) else ""
    key = (user_roles(user), get_urlconf(), get_language(), active)
    html = _SIDEBARS.get(key)
    if html is None:
        html = render_to_string("partials/sidebar.html", {"nav_items": menu, "active": active})
        _SIDEBARS[key] = html
    return html


def platform(request):
    user = getattr(request, "user", None)
    context = {"PLATFORM_NAME": _("Achievement Transfer Collaboration Platform")}
    if user is not None and user.is_authenticated:
        context["nav_items"] = _menu(user)
        context["sidebar_menu"] = lambda: sidebar_menu(user, request.path)  # rendered only where shown
        context["unread_notifications"] = unread_count(user)
    return context
