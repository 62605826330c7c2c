"""信息更新确认: holders confirm their library entries or send refreshed content for review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from achievements.models import Achievement
from platform_core.errors import DomainError

from ..forms import RefreshForm
from ..models import EntryFreshness, RefreshProposal
from ..services import freshness


def _own_entries(user):
    return Achievement.objects.filter(holder=user, state__in=Achievement.PUBLIC_STATES)


@login_required
def updates(request: HttpRequest) -> HttpResponse:
    achievements = list(_own_entries(request.user).select_related("freshness").order_by("-published_at"))
    pending = dict(
        RefreshProposal.objects.filter(
            achievement__in=achievements, state=RefreshProposal.State.SUBMITTED
        ).values_list("achievement_id", "pk")
    )
    rows = []
    for a in achievements:
        entry = getattr(a, "freshness", None)
        rows.append({"a": a, "entry": entry, "pending": pending.get(a.pk)})
    attention = sum(
        1
        for r in rows
        if r["entry"] and r["entry"].state in (EntryFreshness.State.DUE, EntryFreshness.State.STALE)
    )
    return render(request, "library/updates.html", {"rows": rows, "attention": attention})


def _own(request: HttpRequest, pk: int) -> Achievement:
    achievement = _own_entries(request.user).filter(pk=pk).first()
    if achievement is None:
        raise Http404
    return achievement


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    _own(request, pk)
    try:
        freshness.entry_confirm(achievement_id=pk, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you: the entry is confirmed as up to date."))
    return redirect("library:updates")


@login_required
def refresh(request: HttpRequest, pk: int) -> HttpResponse:
    achievement = _own(request, pk)
    initial = {name: getattr(achievement, name) for name in RefreshProposal.FIELDS}
    form = RefreshForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            freshness.refresh_submit(
                achievement_id=pk, actor=request.user, changes=form.changes(), note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your update was sent; it goes live after a short review by staff."))
            return redirect("library:updates")
    return render(request, "library/refresh_form.html", {"a": achievement, "form": form})
