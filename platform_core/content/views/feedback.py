"""用户反馈收集 (5.2.2.3.2): anyone logged in gives feedback; staff take it on and mark it handled."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, staff_required
from platform_core.workflow.engine import history

from .. import selectors, services
from ..forms import FeedbackForm, ReasonForm
from ..models import Feedback
from ..workflow import FEEDBACK_WORKFLOW


@login_required
def my_list(request: HttpRequest) -> HttpResponse:
    qs = (
        Feedback.objects.filter(author=request.user)
        .select_related("handled_by")
        .order_by("-created_at", "-id")
    )
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "content/feedback_list.html", {"page": page})


@login_required
def create(request: HttpRequest) -> HttpResponse:
    initial = {}
    for key in ("category", "target"):
        if request.GET.get(key):
            initial[key] = request.GET[key][:200]
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        feedback = services.feedback_submit(author=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. Your feedback has been recorded."))
        return redirect(feedback.get_absolute_url())
    return render(request, "content/feedback_form.html", {"form": form})


def _visible(request: HttpRequest, pk: int) -> Feedback:
    return get_visible_or_404(
        Feedback.objects.select_related("author", "author__organization", "handled_by"),
        user=request.user,
        perm="content.view_feedback_item",
        pk=pk,
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = _visible(request, pk)
    logs = list(history(feedback))
    for log in logs:
        log.from_label = FEEDBACK_WORKFLOW.state_label(log.from_state) if log.from_state else ""
        log.to_label = FEEDBACK_WORKFLOW.state_label(log.to_state)
    return render(
        request,
        "content/feedback_detail.html",
        {
            "f": feedback,
            "logs": logs,
            "actions": FEEDBACK_WORKFLOW.available(feedback, request.user),
            "is_staff": is_staff_member(request.user),
        },
    )


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    feedback = _visible(request, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.feedback_act(feedback_id=feedback.pk, actor=request.user, action=action, reason=reason)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        step = FEEDBACK_WORKFLOW.get(action)
        messages.success(request, _("Done: %(step)s.") % {"step": step.label if step else action})
    return redirect(feedback.get_absolute_url())


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "open")
    category = request.GET.get("category", "")
    q = request.GET.get("q", "").strip()[:100]
    qs = selectors.feedback_queue(state=state, category=category, q=q)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "content/feedback_queue.html",
        {
            "page": page,
            "state": state,
            "category": category,
            "q": q,
            "states": Feedback.State.choices,
            "categories": Feedback.Category.choices,
        },
    )
