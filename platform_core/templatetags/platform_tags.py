from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()

# One colour per kind of state, the same everywhere (STYLE.md).
BADGE_CLASSES = {
    "grey": "text-bg-secondary",
    "blue": "text-bg-primary",
    "amber": "text-bg-warning",
    "green": "text-bg-success",
    "red": "text-bg-danger",
    "dark": "text-bg-dark",
}

STATE_COLOURS = {
    # drafts and new records
    "draft": "grey",
    "pending": "grey",
    "new": "grey",
    "planned": "grey",
    "open": "grey",
    # waiting on the platform
    "submitted": "blue",
    "resubmitted": "blue",
    "under_evaluation": "blue",
    "in_progress": "blue",
    "queued": "blue",
    "running": "blue",
    "inquiry": "blue",
    "contacted": "blue",
    "negotiating": "blue",
    "assigned": "blue",
    "intake": "blue",
    "acknowledged": "blue",
    "investigating": "blue",
    "scoring": "blue",
    "requested": "blue",
    "auditing": "blue",
    "review": "blue",
    "pre_incubation": "blue",
    "incubation": "blue",
    "acceleration": "blue",
    "under_review": "blue",
    "actioned": "blue",
    # waiting on the user
    "returned": "amber",
    "supplement": "amber",
    "stale": "amber",
    "overdue": "amber",
    "reopened": "amber",
    "intent": "amber",
    "delivered": "amber",
    "due": "amber",
    "answered": "amber",
    "confirmed": "amber",
    # good outcomes
    "accepted": "green",
    "approved": "green",
    "granted": "green",
    "current": "green",
    "evaluation_passed": "green",
    "passed": "green",
    "published": "green",
    "agreement_signed": "green",
    "converted": "green",
    "done": "green",
    "verified": "green",
    "resolved": "green",
    "completed": "green",
    "graduated": "green",
    "closed": "dark",
    # refusals and failures
    "refused": "red",
    "rejected": "red",
    "denied": "red",
    "evaluation_failed": "red",
    "not_evaluated": "red",
    "failed": "red",
    "terminated": "red",
    "lost": "red",
    "exited": "red",
    # archived
    "retired": "dark",
    "withdrawn": "dark",
    "archived": "dark",
    "cancelled": "dark",
    "unpublished": "dark",
    "dismissed": "dark",
    "revoked": "dark",
}


@register.simple_tag
def state_badge(state: str, label: str | None = None):
    colour = STATE_COLOURS.get(str(state), "grey")
    return format_html(
        '<span class="badge {} state-badge" data-state="{}">{}</span>',
        BADGE_CLASSES[colour],
        state,
        label or state,
    )


@register.filter
def workdays(value) -> str:
    """'3 个工作日' / '3 working days'."""
    if value is None or value == "":
        return "—"
    n = int(value)
    return ngettext("%(n)d working day", "%(n)d working days", n) % {"n": n}


@register.filter
def yuan(value) -> str:
    """Money in 元 with thousands separators; 万元 above 100,000."""
    if value in (None, ""):
        return "—"
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError):
        return str(value)
    if abs(amount) >= 100_000:
        return _("%(amount)s 10k yuan") % {"amount": f"{amount / 10000:,.2f}"}
    return _("%(amount)s yuan") % {"amount": f"{amount:,.2f}"}


@register.filter
def percent(value) -> str:
    if value in (None, ""):
        return "—"
    return f"{float(value):.1f}%"


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.inclusion_tag("partials/field.html")
def field(bound_field, **kwargs):
    return {"field": bound_field, **kwargs}
