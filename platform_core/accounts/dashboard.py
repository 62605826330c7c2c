from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from platform_core.dashboard import Stat, Widget

from .models import User
from .roles import is_staff_member


def widgets(request) -> list[Widget]:
    user = request.user
    if not is_staff_member(user):
        return []
    pending = User.objects.filter(approval_status=User.Approval.PENDING).count()
    return [
        Widget(
            _("Account approvals"),
            "accounts/widgets/stats.html",
            {"stats": [Stat(_("Registrations waiting for approval"), pending, reverse("accounts:pending"))]},
            order=90,
            width=4,
        )
    ]
