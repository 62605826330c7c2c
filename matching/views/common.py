"""Helpers shared by the HTML views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from platform_core.errors import DomainError
from platform_core.workflow.engine import history, workflow_for

SORTS: dict[str, tuple[str, ...]] = {}


def back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


def attempt(request: HttpRequest, call: Callable[[], Any], success: str | None = None) -> Any:
    """Run a service call; a domain error becomes an error message (nothing was written)."""
    try:
        result = call()
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return None
    if success:
        messages.success(request, success)
    return result if result is not None else True


def form_errors(request: HttpRequest, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else error)


def labelled_logs(obj) -> list:
    wf = workflow_for(obj)
    logs = list(history(obj))
    for log in logs:
        log.from_label = wf.state_label(log.from_state) if log.from_state else ""
        log.to_label = wf.state_label(log.to_state)
    return logs


def available_actions(obj, user, exclude: tuple[str, ...] = ()) -> list:
    return [t for t in workflow_for(obj).available(obj, user) if t.action not in exclude]


def paginate(request: HttpRequest, qs, per_page: int = 20):
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def sort_param(request: HttpRequest, allowed: tuple[str, ...], default: str) -> tuple[str, dict[str, str]]:
    """The requested sort (validated) and, per column, the value its header link applies."""
    sort = request.GET.get("sort") or default
    if sort.lstrip("-") not in allowed:
        sort = default
    toggles = {key: f"-{key}" if sort == key else key for key in allowed}
    return sort, toggles
