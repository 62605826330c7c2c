from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.attachments.views import file_download_response
from platform_core.errors import DomainError

from . import services
from .models import ReportRecord
from .selectors import report_visible


def _visible_report(request: HttpRequest, pk: int) -> ReportRecord:
    report = ReportRecord.objects.select_related("requested_by", "content_type").filter(pk=pk).first()
    if report is None or not report_visible(request.user, report):
        raise Http404
    return report


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    subject = report.subject
    subject_url = getattr(subject, "get_absolute_url", None)
    return render(
        request,
        "reports/detail.html",
        {"report": report, "subject": subject, "subject_url": subject_url() if subject_url else ""},
    )


@login_required
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress partial polled by static/js/platform.js (stops at ``data-poll-done``)."""
    report = _visible_report(request, pk)
    response = render(request, "reports/partials/status.html", {"report": report})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    if (
        report.status != ReportRecord.Status.DONE
        or not report.file
        or not report.file.storage.exists(report.file.name)
    ):
        raise Http404
    return file_download_response(report.file, filename=report.filename, detected_type="application/pdf")


@login_required
@require_POST
def report_retry(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.report_retry(report_id=pk, actor=request.user)
    except DomainError as exc:
        if exc.status_code == 404:
            raise Http404 from None
        if exc.status_code == 403:
            raise PermissionDenied from None
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The report was queued again."))
    return redirect("reports:detail", pk=pk)
