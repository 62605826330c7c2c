from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .accounts.roles import Role
from .dashboard import rendered_widgets


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"featured": _featured()})


def _featured() -> list:
    """Published achievements for the home page, when the library offers them."""
    try:
        from achievements.selectors import featured_achievements
    except ImportError:
        return []
    return list(featured_achievements(limit=6))


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    role = user.primary_role or ""
    return render(
        request,
        "dashboard.html",
        {
            "role": role,
            "role_label": Role(role).label if role else "",
            "widgets_html": rendered_widgets(request),
        },
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: database always, broker when one is configured."""
    result: dict = {"status": "ok", "database": "ok"}
    status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - report any failure
        result["database"] = f"error: {exc.__class__.__name__}"
        result["status"] = "error"
        status = 503
    if settings.CELERY_BROKER_URL:
        try:
            from .celery import app

            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            result["broker"] = "ok"
        except Exception as exc:  # noqa: BLE001
            result["broker"] = f"error: {exc.__class__.__name__}"
            result["status"] = "error"
            status = 503
    else:
        result["broker"] = "eager"
    return JsonResponse(result, status=status)
