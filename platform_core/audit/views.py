from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.accounts.roles import Role
from platform_core.permissions import role_required

from .forms import AuditFilterForm
from .selectors import audit_log
from .services import audit_event_record

PAGE_SIZE = 50
EXPORT_LIMIT = 10_000


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 1000))
    except ValueError:
        return 1


@role_required(Role.ADMIN)
def log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    page = _page_number(request)
    entries, has_next = audit_log(form.query(), offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "entries": entries,
            "page_number": page,
            "has_next": has_next,
            "has_previous": page > 1,
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@role_required(Role.ADMIN)
def export(request: HttpRequest) -> StreamingHttpResponse:
    form = AuditFilterForm(request.GET or None)
    query = form.query()
    entries, _more = audit_log(query, offset=0, limit=EXPORT_LIMIT)
    audit_event_record(
        kind="export",
        actor=request.user,
        summary=_("Audit log exported (%(n)s rows)") % {"n": len(entries)},
        detail={"filters": request.GET.dict(), "rows": len(entries)},
        request=request,
    )
    writer = csv.writer(_Echo())
    header = [_("Time"), _("Source"), _("Action"), _("Actor"), _("Record"), _("Summary"), _("IP address")]

    def rows():
        yield "\ufeff"  # Excel opens UTF-8 CSV with Chinese text correctly only with a BOM
        yield writer.writerow(header)
        for e in entries:
            yield writer.writerow(
                [
                    timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
                    str(e.source_label),
                    e.action,
                    e.actor,
                    e.target,
                    _csv_safe(e.summary),
                    e.ip,
                ]
            )

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
    return response


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a leading = + - @ becomes text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
