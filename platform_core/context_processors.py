from django.utils.translation import gettext_lazy as _

from .navigation import items_for
from .notifications.services import unread_count


def platform(request):
    user = getattr(request, "user", None)
    context = {"PLATFORM_NAME": _("Achievement Transfer Collaboration Platform")}
    if user is not None and user.is_authenticated:
        context["nav_items"] = items_for(user)
        context["unread_notifications"] = unread_count(user)
    return context
