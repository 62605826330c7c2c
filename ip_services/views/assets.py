"""IP assets, deadlines and the portfolio per achievement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, require_perm

from .. import selectors, services
from ..forms import AssetForm
from ..models import IpAsset, IpDeadline
from .common import page_of, run, safe_next, sorted_by

SORTS = {
    "title": "title",
    "kind": "kind",
    "status": "status",
    "filing": "filing_date",
    "expiry": "expiry_date",
    "next": "next_due",
}


@login_required
def asset_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    staff = is_staff_member(user)
    qs = selectors.assets_visible_to(user) if staff else selectors.own_assets(user).select_related("holder")
    qs = qs.annotate(next_due=Min("deadlines__due_date", filter=Q(deadlines__status=IpDeadline.Status.OPEN)))
    filters = {}
    for key, choices in (
        ("kind", IpAsset.Kind),
        ("status", IpAsset.Status),
        ("jurisdiction", IpAsset.Jurisdiction),
    ):
        value = request.GET.get(key, "")
        if value in choices.values:
            qs = qs.filter(**{key: value})
        filters[key] = value
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(number__icontains=q) | Q(owners__icontains=q))
    qs, sort = sorted_by(request, qs, SORTS, "-filing")
    return render(
        request,
        "ip_services/asset_list.html",
        {
            "page": page_of(request, qs),
            "kinds": IpAsset.Kind.choices,
            "statuses": IpAsset.Status.choices,
            "jurisdictions": IpAsset.Jurisdiction.choices,
            "q": q,
            "sort": sort,
            "staff": staff,
            "deadlines": list(selectors.upcoming_deadlines(user, days=90, limit=8)),
            **filters,
        },
    )


@login_required
def asset_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "ip_services.use")
    form = AssetForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            asset = services.asset_create(
                actor=request.user,
                holder=form.cleaned_data.get("holder"),
                achievements=form.cleaned_data["achievements"],
                **form.service_fields(),
            )
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("The IP asset has been recorded; its deadlines were computed."))
            return redirect(asset)
    return render(request, "ip_services/asset_form.html", {"form": form})


@login_required
def asset_edit(request: HttpRequest, pk: int) -> HttpResponse:
    asset = get_visible_or_404(IpAsset.objects.all(), user=request.user, perm="ip_services.view_asset", pk=pk)
    require_perm(request.user, "ip_services.change_asset", asset)
    form = AssetForm(request.POST or None, instance=asset, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.asset_update(
                asset_id=asset.pk,
                actor=request.user,
                achievements=form.cleaned_data["achievements"],
                **form.service_fields(),
            )
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Saved; the deadlines were recomputed."))
            return redirect(asset)
    return render(request, "ip_services/asset_form.html", {"form": form, "asset": asset})


@login_required
def asset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    asset = get_visible_or_404(
        IpAsset.objects.select_related("holder", "organization"),
        user=request.user,
        perm="ip_services.view_asset",
        pk=pk,
    )
    owner_view = request.user.has_perm("ip_services.change_asset", asset)
    context = {
        "asset": asset,
        "owner_view": owner_view,
        "achievements": [
            a for a in asset.achievements.all() if request.user.has_perm("achievements.view_achievement", a)
        ],
    }
    if owner_view:
        context.update(
            {
                "deadlines": asset.deadlines.prefetch_related("reminders").select_related("done_by"),
                "requests": asset.service_requests.all()
                if is_staff_member(request.user)
                else asset.service_requests.filter(requester=request.user),
                "disputes": asset.disputes.all(),
            }
        )
    return render(request, "ip_services/asset_detail.html", context)


@login_required
@require_POST
def deadline_complete(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = IpDeadline.objects.select_related("asset").filter(pk=pk).first()
    if deadline is None or not request.user.has_perm("ip_services.view_asset", deadline.asset):
        raise Http404
    waived = request.POST.get("waived") == "1"
    return run(
        request,
        lambda: services.deadline_complete(
            deadline_id=deadline.pk,
            actor=request.user,
            waived=waived,
            note=request.POST.get("note", "")[:300],
        ),
        _("Marked as not pursued.") if waived else _("Marked as done."),
        safe_next(request, deadline.asset.get_absolute_url()),
    )


@login_required
def deadline_list(request: HttpRequest) -> HttpResponse:
    try:
        days = max(7, min(730, int(request.GET.get("days", "180"))))
    except ValueError:
        days = 180
    qs = selectors.upcoming_deadlines(request.user, days=days)
    kind = request.GET.get("kind", "")
    if kind in IpDeadline.Kind.values:
        qs = qs.filter(kind=kind)
    return render(
        request,
        "ip_services/deadline_list.html",
        {
            "page": page_of(request, qs),
            "days": days,
            "kind": kind,
            "kinds": IpDeadline.Kind.choices,
            "staff": is_staff_member(request.user),
        },
    )


def portfolio(request: HttpRequest, achievement_id: int) -> HttpResponse:
    """The IP portfolio of one achievement (5.1.2.1.6), visible to whoever may see the achievement."""
    from achievements.models import Achievement

    achievement = Achievement.objects.select_related("holder").filter(pk=achievement_id).first()
    if achievement is None or not request.user.has_perm("achievements.view_achievement", achievement):
        raise Http404
    assets = list(selectors.portfolio_for_achievement(achievement, request.user))
    return render(
        request,
        "ip_services/portfolio.html",
        {"achievement": achievement, "assets": assets, "summary": selectors.portfolio_summary(assets)},
    )
