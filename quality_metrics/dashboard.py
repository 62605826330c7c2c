"""Dashboard widgets: the seven indicators for staff; open complaints and overdue actions."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import is_staff_member
from platform_core.dashboard import Widget

from .models import Complaint, ImprovementAction


def widgets(request) -> list[Widget]:
    user = request.user
    if not is_staff_member(user):
        return []
    from . import periods
    from .selectors.dashboard import period_cells

    quarter = periods.containing("quarter")
    # only the period the widget shows (the quality dashboard itself shows all four)
    rows = [{"indicator": c.indicator, "cell": c} for c in period_cells(quarter)]
    today = timezone.localdate()
    return [
        Widget(
            _("Service quality this quarter"),
            "quality_metrics/widgets/indicators.html",
            {"rows": rows, "period": quarter},
            order=40,
            width=6,
        ),
        Widget(
            _("Complaints and improvement actions"),
            "quality_metrics/widgets/followups.html",
            {
                "open_complaints": Complaint.objects.filter(state__in=Complaint.OPEN_STATES).count(),
                "late_complaints": Complaint.objects.filter(
                    state__in=Complaint.OPEN_STATES, resolve_due__lt=today
                ).count(),
                "active_actions": ImprovementAction.objects.filter(
                    state__in=ImprovementAction.ACTIVE_STATES
                ).count(),
                "overdue_actions": ImprovementAction.objects.filter(
                    state__in=ImprovementAction.ACTIVE_STATES, due_date__lt=today
                ).count(),
            },
            order=41,
            width=6,
        ),
    ]
