from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.errors import DomainError

from . import services
from .forms import AttachmentUploadForm
from .models import Attachment
from .registry import can_upload_to, can_view_owner
from .selectors import attachment_visible

INLINE_SAFE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def file_download_response(file_field, *, filename: str, detected_type: str) -> FileResponse:
    """A download that the browser saves, never renders: attachment disposition, nosniff, safe type."""
    content_type = detected_type if detected_type in INLINE_SAFE_TYPES else "application/octet-stream"
    response = FileResponse(
        file_field.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _next_url(request: HttpRequest, fallback: str = "dashboard") -> str:
    target = request.POST.get("next") or request.GET.get("next") or request.META.get("HTTP_REFERER", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    from django.urls import reverse

    return reverse(fallback)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = Attachment.objects.select_related("content_type").filter(pk=pk).first()
    if attachment is None or not attachment_visible(request.user, attachment):
        raise Http404
    if not attachment.file or not attachment.file.storage.exists(attachment.file.name):
        raise Http404
    return file_download_response(
        attachment.file, filename=attachment.original_name, detected_type=attachment.detected_type
    )


@login_required
@require_POST
def attachment_upload(request: HttpRequest, owner_type: str, owner_id: int) -> HttpResponse:
    """The generic upload endpoint behind ``attachments/partials/upload_form.html``."""
    app_label, _dot, model = owner_type.partition(".")
    ct = ContentType.objects.filter(app_label=app_label, model=model).first()
    model_class = ct.model_class() if ct else None
    owner = model_class._default_manager.filter(pk=owner_id).first() if model_class else None
    if owner is None or not can_view_owner(request.user, owner):
        raise Http404
    if not can_upload_to(request.user, owner):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    form = AttachmentUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect(_next_url(request))
    try:
        attachment = services.attachment_create(
            owner=owner,
            uploaded_file=form.cleaned_data["file"],
            uploaded_by=request.user,
            kind=form.cleaned_data.get("kind") or "",
            note=form.cleaned_data.get("note") or "",
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Uploaded %(name)s.") % {"name": attachment.original_name})
    return redirect(_next_url(request))


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.attachment_delete(attachment_id=pk, actor=request.user)
    except DomainError as exc:
        if exc.status_code == 404:
            raise Http404 from None
        if exc.status_code == 403:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied from None
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The attachment was deleted."))
    return redirect(_next_url(request))
