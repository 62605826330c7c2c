"""Small helpers shared by the IP services views: sorting, pagination, domain errors as messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from platform_core.errors import DomainError, NotFoundError

PER_PAGE = 20


def sorted_by(
    request: HttpRequest, qs: QuerySet, allowed: dict[str, str], default: str
) -> tuple[QuerySet, str]:
    """Order by ``?sort=key`` or ``-key`` among the allowed columns."""
    sort = request.GET.get("sort", default)
    key = sort.lstrip("-")
    if key not in allowed:
        sort, key = default, default.lstrip("-")
    field = allowed[key]
    return qs.order_by(f"-{field}" if sort.startswith("-") else field, "-pk"), sort


def page_of(request: HttpRequest, qs: Any, per_page: int = PER_PAGE) -> Page:
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def run(request: HttpRequest, action: Callable[[], Any], success: str, back: str) -> HttpResponse:
    """Call a service; show its domain error as a message instead of failing the page (404 stays 404)."""
    try:
        action()
    except NotFoundError:
        raise
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(back)
    if success:
        messages.success(request, success)
    return redirect(back)


def history_rows(obj: Any) -> list:
    """The transition log with state labels for the history partial."""
    from platform_core.workflow.engine import history, workflow_for

    wf = workflow_for(obj)
    logs = list(history(obj))
    for log in logs:
        log.from_label = wf.state_label(log.from_state) if log.from_state else ""
        log.to_label = wf.state_label(log.to_state)
    return logs


def actions_for(obj: Any, user: Any, *, exclude: set[str] = frozenset()) -> list:
    from platform_core.workflow.engine import workflow_for

    return [t for t in workflow_for(obj).available(obj, user) if t.action not in exclude]


def safe_next(request: HttpRequest, default: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default
