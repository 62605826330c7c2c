"""The library for everyone: search with facets, detail, favourites, comparison, recommendations, export."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from achievements.models import Achievement
from platform_core.accounts.roles import is_staff_member
from platform_core.workflow.engine import history

from ..models import BehaviourEvent, Favourite, IpStatus
from ..presenters import present_rows
from ..selectors import pagecache
from ..selectors.detail import (
    compare_views,
    entry_content,
    entry_view,
    library_entry,
    similar_entries,
    view_state,
)
from ..selectors.recommend import forget, recommendations
from ..selectors.search import (
    CHOICE_LABELS,
    FACETS,
    SORTS,
    LibraryFilters,
    facet_counts,
    library_search,
    page_rows,
    vocabulary_labels,
)
from ..services import behaviour
from ..services.favourites import favourite_add, favourite_remove
from ..services.indexing import generation

PAGE_SIZES = (10, 20, 50)
EXPORT_LIMIT = 20000


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _toggle_url(filters: LibraryFilters, facet: str, value: str) -> str:
    params = filters.as_params()
    chosen = list(filters.selected(facet))
    if value in chosen:
        chosen.remove(value)
    else:
        chosen.append(value)
    if chosen:
        params[facet] = ",".join(chosen)
    else:
        params.pop(facet, None)
    return "?" + urlencode(params) if params else "?"


def decorate_facets(filters: LibraryFilters, facets: list) -> list[dict]:
    """Selected filters as removable chips; every facet value gets the URL that toggles it."""
    chips = []
    for facet in facets:
        for value in facet.values:
            value.url = _toggle_url(filters, facet.name, value.value)
            if value.selected:
                chips.append({"facet": facet.label, "label": value.label, "url": value.url})
    return chips


@transaction.non_atomic_requests
def index(request: HttpRequest) -> HttpResponse:
    """成果信息库: keyword, facets with counts, sorting, fast paging. Open to everyone.

    The results, facets and pager are the same for every reader: their rendered HTML is cached until the
    library changes (``selectors.pagecache``); only the reader's favourite marks are looked up per request."""
    return pagecache.visitor_page(request, lambda: (generation(),), lambda: _index(request))


def _index(request: HttpRequest) -> HttpResponse:
    filters = LibraryFilters.from_params(request.GET)
    page_size = _int(request.GET.get("page_size"), 20)
    page_size = page_size if page_size in PAGE_SIZES else 20
    page_number = max(_int(request.GET.get("page"), 1), 1)
    params = filters.as_params()

    def build() -> dict:
        page = library_search(filters, user=request.user, page=page_number, page_size=page_size)
        labels = vocabulary_labels(facet_counts(filters))
        chips = decorate_facets(filters, page.facets)
        if filters.q:
            without_q = {k: v for k, v in params.items() if k != "q"}
            chips.insert(0, {"facet": _("Keyword"), "label": filters.q, "url": "?" + urlencode(without_q)})
        return {
            "page": page,
            "rows": present_rows(page.results, page.query, labels),
            "params": params,
            "query_string": urlencode(params),
            "chips": chips,
            "filters": filters,
            "sorts": SORTS,
            "page_sizes": PAGE_SIZES,
            "page_size": page_size,
            "facet_names": FACETS,
        }

    def render_body(data: dict, favourites: set[int]) -> str:
        rows = [{**r, "is_favourite": r["id"] in favourites} for r in data["rows"]]
        return pagecache.render_fragment("library/partials/index_body.html", {**data, "rows": rows}, request)

    body, total = pagecache.list_body(
        request, filters, page_number, page_size, build=build, render=render_body
    )
    if filters.q and page_number == 1:
        behaviour.record(
            kind=BehaviourEvent.Kind.SEARCH,
            user=request.user,
            query=filters.q,
            filters=filters.facet_state(),
            results=total,
        )
    return render(request, "library/index.html", {"body": body, "query_string": urlencode(params)})


def _inquiry_url(pk: int) -> str:
    try:
        return reverse("matching:inquiry_create", kwargs={"achievement_id": pk})
    except NoReverseMatch:
        try:
            return reverse("matching:inquiry_create", args=[pk])
        except NoReverseMatch:
            return ""


@transaction.non_atomic_requests
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A library entry. A visitor who is not logged in sees the public sections only, the same for every
    such visitor: that page's rendered HTML is cached (``selectors.pagecache``), and no model instance is
    (confidential fields are decrypted on load); so is the whole page (``pagecache.visitor_page``). A signed-in
    reader's access is worked out on every request; the body of their page may come from the worker's
    memory (``pagecache.reader_detail_body``)."""
    return pagecache.visitor_page(
        request, lambda: (generation(), pagecache.entry_stamp(pk)), lambda: _detail(request, pk)
    )


def _detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:

        def build() -> dict:
            achievement = library_entry(pk)
            context = {
                "a": achievement,
                "view": entry_view(achievement, request.user),
                "similar": pagecache.similar(achievement.pk, lambda: similar_entries(achievement.pk)),
                "is_staff": False,
            }
            return {
                "a": {"pk": achievement.pk, "name": achievement.name},
                "technical_field_id": achievement.technical_field_id,
                "similar": [{"achievement_id": s["achievement_id"]} for s in context["similar"][:2]],
                "body": pagecache.render_fragment("library/partials/detail_body.html", context, request),
            }

        context = dict(pagecache.anonymous_detail(pk, build))
        context["body"] = mark_safe(context["body"])  # noqa: S308 (our own template's output)
        achievement_id, field_id = pk, context["technical_field_id"]
        context["is_staff"] = False
    else:
        achievement = library_entry(pk)
        view = entry_view(achievement, request.user, content=False)
        context = {
            "a": achievement,
            "view": view,
            "similar": pagecache.similar(achievement.pk, lambda: similar_entries(achievement.pk)),
            # the rule of "library.publish" (permissions.py) without loading every model permission
            "is_staff": request.user.is_superuser or is_staff_member(request.user),
            "publication": getattr(achievement, "publication", None),
        }

        def render_body() -> str:
            entry_content(view)
            return pagecache.render_fragment("library/partials/detail_body.html", context, request)

        if context["is_staff"]:  # staff's page carries the entry's workflow log: built every time
            from .common import labelled_logs

            context["logs"] = labelled_logs(achievement, list(history(achievement)))
            body = render_body()
        else:
            body = pagecache.reader_detail_body(achievement.pk, view_state(view), render_body)
        context["body"] = mark_safe(body)  # noqa: S308 (our own template's output)
        achievement_id, field_id = achievement.pk, achievement.technical_field_id
    behaviour.record(
        kind=BehaviourEvent.Kind.VIEW,
        user=request.user,
        achievement_id=achievement_id,
        technical_field_id=field_id,
    )
    context["inquiry_url"] = _inquiry_url(achievement_id)
    return render(request, "library/detail.html", context)


@login_required
@require_POST
def favourite_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    if request.POST.get("remove"):
        favourite_remove(user=request.user, achievement_id=pk)
        messages.info(request, _("Removed from your favourites."))
    else:
        favourite_add(user=request.user, achievement_id=pk)
        messages.success(request, _("Saved to your favourites."))
    forget(request.user.pk)
    next_url = request.POST.get("next") or ""
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect("library:detail", pk=pk)


@login_required
def favourites(request: HttpRequest) -> HttpResponse:
    rows = list(
        Favourite.objects.filter(user=request.user, achievement__state__in=Achievement.PUBLIC_STATES)
        .select_related("achievement__technical_field", "achievement__organization")
        .order_by("-created_at")[:200]
    )
    return render(request, "library/favourites.html", {"favourites": rows})


@transaction.non_atomic_requests
def compare(request: HttpRequest) -> HttpResponse:
    raw = ",".join(request.GET.getlist("ids")).replace("，", ",")
    ids = [_int(x, 0) for x in raw.split(",")]
    ids = [i for i in ids if i > 0]
    views = compare_views(ids, request.user)
    too_many = len(dict.fromkeys(ids)) > 3
    return render(request, "library/compare.html", {"views": views, "too_many": too_many})


@login_required
def recommended(request: HttpRequest) -> HttpResponse:
    items = recommendations(request.user, limit=20)
    return render(request, "library/recommendations.html", {"items": items})


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The current filtered view as Excel (public columns only)."""
    from ..excel import export_workbook

    filters = LibraryFilters.from_params(request.GET)
    labels = vocabulary_labels(facet_counts(filters))
    rows = page_rows(filters, cap=EXPORT_LIMIT, offset=0, limit=EXPORT_LIMIT)
    maturity = CHOICE_LABELS["maturity"]
    kinds = CHOICE_LABELS["holder_type"]
    base = request.build_absolute_uri("/")[:-1]
    data = [
        {
            "number": r["number"],
            "title": r["title"],
            "summary": r["summary"],
            "achievement_type": r["achievement_type__name"] or "",
            "technical_field": r["technical_field__name"] or "",
            "maturity": str(maturity.get(r["maturity"], "")),
            "trl": r["trl"],
            "scenarios": "；".join(labels.get("scenario", {}).get(c, c) for c in r["scenario_codes"].split()),
            "cooperation_modes": "；".join(
                labels.get("cooperation_mode", {}).get(c, c) for c in r["mode_codes"].split()
            ),
            "tags": r["tags"],
            "organization": r["organization_name"],
            "organization_kind": str(kinds.get(r["holder_kind"], "")),
            "province": r["province"],
            "ip_status": str(IpStatus(r["ip_status"]).label) if r["ip_status"] in IpStatus.values else "",
            "published_at": timezone.localtime(r["published_at"]).strftime("%Y-%m-%d"),
            "url": base + reverse("library:detail", args=[r["achievement_id"]]),
        }
        for r in rows
    ]
    behaviour.record(kind=BehaviourEvent.Kind.EXPORT, user=request.user, query=filters.q, results=len(data))
    response = HttpResponse(
        export_workbook(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="library-{timezone.localdate():%Y%m%d}.xlsx"'
    return response
