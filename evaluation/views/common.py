"""Small helpers shared by the HTML views."""

from __future__ import annotations

import json
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, JsonResponse

from platform_core.errors import DomainError


def paginate(request: HttpRequest, queryset: Any, per_page: int = 20):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def sort_queryset(
    request: HttpRequest, queryset: Any, allowed: dict[str, str], default: str
) -> tuple[Any, str]:
    """``?sort=name`` / ``?sort=-name`` among ``allowed`` {param: field}."""
    key = request.GET.get("sort", default)
    field = allowed.get(key.lstrip("-"))
    if field is None:
        key, field = default, allowed[default.lstrip("-")]
    return queryset.order_by(("-" if key.startswith("-") else "") + field, "-id"), key


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def json_body(request: HttpRequest) -> dict:
    try:
        data = json.loads(request.body.decode("utf-8") or "{}")
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        from django.utils.translation import gettext as _

        from platform_core.errors import ValidationFailed

        raise ValidationFailed(_("The request body must be a JSON object."), code="bad_json")
    return data


def error_json(exc: DomainError) -> JsonResponse:
    return JsonResponse(exc.as_dict(), status=exc.status_code, json_dumps_params={"ensure_ascii": False})


def labelled_history(obj: Any) -> list:
    """The record's transition log with state labels for templates/partials/history.html."""
    from platform_core.workflow.engine import history, workflow_for

    wf = workflow_for(obj)
    logs = list(history(obj))
    for log in logs:
        log.from_label = wf.state_label(log.from_state) if log.from_state else ""
        log.to_label = wf.state_label(log.to_state)
    return logs
