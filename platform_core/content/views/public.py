"""Public pages of information services: open to everyone, anonymous visitors included."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from platform_core.accounts.roles import is_staff_member
from platform_core.attachments.selectors import attachments_for
from platform_core.workflow.engine import history

from .. import selectors
from ..models import Article, Tag
from ..workflow import ARTICLE_WORKFLOW


def hub(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "content/hub.html",
        {**selectors.hub(), "kinds": Article.Kind.choices, "is_staff": is_staff_member(request.user)},
    )


def article_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    tag = request.GET.get("tag", "").strip()[:40]
    sort = request.GET.get("sort", "newest")
    if kind == Article.Kind.EVENT and not q and not tag:
        # Events have their own calendar view.
        return event_calendar(request)
    qs = selectors.article_list(q=q, kind=kind, tag=tag, sort=sort)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "content/list.html",
        {
            "page": page,
            "q": q,
            "kind": kind if kind in Article.Kind.values else "",
            "kind_label": Article.Kind(kind).label if kind in Article.Kind.values else "",
            "tag": tag,
            "sort": sort if sort in selectors.ARTICLE_SORTS else "newest",
            "kinds": Article.Kind.choices,
            "tags": Tag.objects.order_by("name"),
        },
    )


def event_calendar(request: HttpRequest) -> HttpResponse:
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    q = request.GET.get("q", "").strip()[:100]
    mode = request.GET.get("mode", "")
    qs = selectors.events(when=when, q=q, mode=mode)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "content/events.html",
        {
            "page": page,
            "when": when,
            "q": q,
            "mode": mode,
            "modes": Article.EventMode.choices,
            "kinds": Article.Kind.choices,
        },
    )


def _related_record(article: Article):
    """The linked platform record of a benchmark case, if its app and row still exist."""
    if not (article.related_content_type_id and article.related_object_id):
        return None
    model = article.related_content_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=article.related_object_id).first()


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = (
        Article.objects.select_related("related_content_type", "created_by")
        .prefetch_related("tags")
        .filter(pk=pk)
        .first()
    )
    if article is None or not request.user.has_perm("content.view_article", article):
        raise Http404
    staff = is_staff_member(request.user)
    context = {
        "article": article,
        "related_record": _related_record(article),
        "related": selectors.related_articles(article),
        "attachments": list(attachments_for(article)),
        "is_staff": staff,
    }
    if staff:
        logs = list(history(article))
        for log in logs:
            log.from_label = ARTICLE_WORKFLOW.state_label(log.from_state) if log.from_state else ""
            log.to_label = ARTICLE_WORKFLOW.state_label(log.to_state)
        context["logs"] = logs
        context["actions"] = ARTICLE_WORKFLOW.available(article, request.user)
    return render(request, "content/detail.html", context)
