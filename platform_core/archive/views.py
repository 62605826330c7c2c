from __future__ import annotations

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.attachments.views import file_download_response
from platform_core.errors import DomainError
from platform_core.permissions import staff_required

from . import services
from .forms import ArchiveSearchForm, ArchiveUploadForm, DisposeForm
from .models import ArchiveEntry
from .selectors import SORTS, ArchiveFilters, archive_search


def _filters(request: HttpRequest) -> tuple[ArchiveSearchForm, ArchiveFilters]:
    form = ArchiveSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    sort = request.GET.get("sort", "-archived_at")
    return form, ArchiveFilters(
        q=data.get("q") or "",
        doc_type=data.get("doc_type") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        sort=sort if sort in SORTS else "-archived_at",
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_response(request: HttpRequest, qs) -> StreamingHttpResponse:
    from platform_core.audit.services import audit_event_record

    audit_event_record(
        kind="export",
        actor=request.user,
        summary="archive register CSV",
        detail=dict(request.GET.items()),
        request=request,
    )
    writer = csv.writer(_Echo())
    header = [
        _("Retrieval code"),
        _("Type"),
        _("Title"),
        _("Related record"),
        _("Archived at"),
        _("Archived by"),
        _("Retain until"),
        "SHA-256",
    ]

    def rows():
        yield "\ufeff" + writer.writerow(header)  # BOM: Excel opens UTF-8 CSV correctly
        for e in qs.iterator(chunk_size=500):
            yield writer.writerow(
                [
                    e.code,
                    e.doc_type.name,
                    e.title,
                    e.subject_label,
                    timezone.localtime(e.archived_at).strftime("%Y-%m-%d %H:%M"),
                    str(e.archived_by) if e.archived_by_id else "",
                    e.retain_until.isoformat() if e.retain_until else _("permanent"),
                    e.sha256,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="archive-{timezone.localdate():%Y%m%d}.csv"'
    return response


@staff_required
def archive_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    qs = archive_search(filters)
    if request.GET.get("export") == "csv":
        return _csv_response(request, qs)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "archive/list.html",
        {
            "form": form,
            "page": page,
            "sort": filters.sort,
            "filtered": bool(
                request.GET.get("q") or request.GET.get("doc_type") or filters.date_from or filters.date_to
            ),
            "today": timezone.localdate(),
        },
    )


def _entry(pk: int) -> ArchiveEntry:
    entry = (
        ArchiveEntry.objects.select_related("doc_type", "archived_by", "report", "attachment")
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    return entry


@staff_required
def archive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(pk)
    subject = entry.subject if entry.content_type_id else None
    subject_url = getattr(subject, "get_absolute_url", None)
    return render(
        request,
        "archive/detail.html",
        {
            "entry": entry,
            "subject_url": subject_url() if subject_url else "",
            "retained": entry.is_retained(),
            "dispose_form": DisposeForm(),
        },
    )


@staff_required
def archive_download(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(pk)
    if entry.report_id:
        source, mime = entry.report.file, "application/pdf"
    elif entry.attachment_id:
        source, mime = entry.attachment.file, entry.attachment.detected_type
    else:
        source, mime = entry.file, ""
    if not source or not source.storage.exists(source.name):
        raise Http404
    if not mime and entry.original_name.lower().endswith(".pdf"):
        mime = "application/pdf"
    name = f"{entry.code}-{entry.original_name}" if entry.original_name else entry.code
    return file_download_response(source, filename=name, detected_type=mime)


@staff_required
def archive_create(request: HttpRequest) -> HttpResponse:
    form = ArchiveUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            entry = services.archive_document(
                subject=None,
                subject_label=form.cleaned_data["subject_label"],
                doc_type=form.cleaned_data["doc_type"],
                title=form.cleaned_data["title"],
                archived_by=request.user,
                file_bytes=upload.read(),
                filename=upload.name,
                retention_years=form.cleaned_data.get("retention_years"),
                note=form.cleaned_data.get("note") or "",
            )
        except DomainError as exc:
            form.add_error(
                "file" if exc.code not in {"bad_doc_type", "no_subject"} else None, str(exc.message)
            )
        else:
            messages.success(request, _("Archived as %(code)s.") % {"code": entry.code})
            return redirect(entry)
    return render(request, "archive/form.html", {"form": form})


@staff_required
@require_POST
def archive_dispose(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(pk)
    form = DisposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the disposal."))
        return redirect(entry)
    try:
        services.archive_dispose(
            entry_id=entry.pk, actor=request.user, reason=form.cleaned_data["reason"], request=request
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(entry)
    messages.success(
        request,
        _("%(code)s was disposed of; the disposal is recorded in the audit log.") % {"code": entry.code},
    )
    return redirect("archive:list")
