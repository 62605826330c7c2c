from __future__ import annotations

from django import template
from django.urls import reverse

from platform_core.attachments.forms import AttachmentUploadForm
from platform_core.attachments.registry import can_upload_to

register = template.Library()


@register.simple_tag
def attachment_upload_url(owner) -> str:
    """The generic upload URL for a record: ``{% attachment_upload_url obj %}``."""
    meta = owner._meta
    return reverse("attachments:upload", args=[f"{meta.app_label}.{meta.model_name}", owner.pk])


@register.inclusion_tag("attachments/partials/upload_form.html", takes_context=True)
def attachment_upload_form(context, owner, kind: str = "", label: str = ""):
    """``{% attachment_upload_form obj kind="material:report" %}`` — shown only to who may upload."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "allowed": can_upload_to(user, owner),
        "upload_url": attachment_upload_url(owner),
        "form": AttachmentUploadForm(initial={"kind": kind}),
        "next": request.get_full_path() if request else "",
        "label": label,
        "csrf_token": context.get("csrf_token"),
    }
