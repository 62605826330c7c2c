"""The staff editor: content list, create/edit with safe rich text and preview, publish/unpublish, tags."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.errors import DomainError
from platform_core.permissions import staff_required

from .. import selectors, services
from ..forms import ArticleForm, TagForm
from ..models import Article, Tag
from ..sanitize import sanitize_html


@staff_required
def manage_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    state = request.GET.get("state", "")
    tag = request.GET.get("tag", "").strip()[:40]
    sort = request.GET.get("sort", "-updated")
    qs = selectors.manage_list(q=q, kind=kind, state=state, tag=tag, sort=sort)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "content/manage_list.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "state": state,
            "tag": tag,
            "sort": sort,
            "kinds": Article.Kind.choices,
            "states": Article.State.choices,
            "tags": Tag.objects.order_by("name"),
        },
    )


def _save(request: HttpRequest, form: ArticleForm, article: Article | None) -> Article | None:
    try:
        if article is None:
            return services.article_create(
                actor=request.user, data=form.article_data(), tag_names=form.tag_list()
            )
        return services.article_update(
            article_id=article.pk, actor=request.user, data=form.article_data(), tag_names=form.tag_list()
        )
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        return None


def _editor(request: HttpRequest, article: Article | None) -> HttpResponse:
    initial = {}
    if article is None and request.GET.get("kind") in Article.Kind.values:
        initial["kind"] = request.GET["kind"]
    form = ArticleForm(request.POST or None, instance=article, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, article)
        if saved is not None:
            if request.POST.get("then") == "publish" and saved.state != Article.State.PUBLISHED:
                try:
                    services.article_publish(article_id=saved.pk, actor=request.user)
                    messages.success(request, _("Saved and published."))
                except DomainError as exc:
                    messages.error(request, str(exc.message))
            else:
                messages.success(request, _("Saved."))
            return redirect(saved.get_absolute_url())
    kind = (
        (form["kind"].value() or "")
        if form.is_bound
        else (article.kind if article else initial.get("kind", ""))
    )
    return render(
        request,
        "content/edit.html",
        {"form": form, "article": article, "kind": kind, "kinds": Article.Kind.choices},
    )


@staff_required
def article_create(request: HttpRequest) -> HttpResponse:
    return _editor(request, None)


@staff_required
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _editor(request, get_object_or_404(Article, pk=pk))


@staff_required
@require_POST
def article_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    reason = request.POST.get("reason", "")
    try:
        if action == "publish":
            services.article_publish(article_id=article.pk, actor=request.user, reason=reason)
            messages.success(request, _("Published."))
        elif action == "unpublish":
            services.article_unpublish(article_id=article.pk, actor=request.user, reason=reason)
            messages.success(request, _("Unpublished: the public no longer sees it."))
        else:
            messages.error(request, _("Unknown action."))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(article.get_absolute_url())


@staff_required
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """The sanitised HTML exactly as the page will show it (the editor's preview pane fetches this)."""
    return render(request, "content/_preview.html", {"html": sanitize_html(request.POST.get("html", ""))})


@staff_required
def tag_list(request: HttpRequest) -> HttpResponse:
    form = TagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.tags_from_names([form.cleaned_data["name"]])
            messages.success(request, _("Tag added."))
            return redirect("content:tags")
        except DomainError as exc:
            form.add_error("name", str(exc.message))
    tags = Tag.objects.annotate(n=Count("articles")).order_by("name")
    return render(request, "content/tags.html", {"form": form, "tags": tags})


@staff_required
@require_POST
def tag_edit(request: HttpRequest, pk: int) -> HttpResponse:
    tag = get_object_or_404(Tag, pk=pk)
    if request.POST.get("delete"):
        services.tag_delete(tag_id=tag.pk)
        messages.success(request, _("Tag “%(name)s” deleted.") % {"name": tag.name})
        return redirect("content:tags")
    form = TagForm(request.POST)
    if form.is_valid():
        try:
            services.tag_rename(tag_id=tag.pk, name=form.cleaned_data["name"])
            messages.success(request, _("Tag renamed."))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    else:
        messages.error(request, _("Enter a tag name."))
    return redirect("content:tags")
