from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .validation import DEFAULT_EXTENSIONS, DEFAULT_MAX_BYTES


class AttachmentUploadForm(forms.Form):
    """A file with its kind and a note. Validation of the bytes happens in ``attachment_create``."""

    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(
            attrs={
                "class": "form-control form-control-sm",
                "accept": ",".join(f".{e}" for e in DEFAULT_EXTENSIONS),
            }
        ),
    )
    kind = forms.CharField(label=_("Kind"), max_length=80, required=False, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, kinds: list[tuple[str, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Accepted: %(types)s; at most %(limit)s.") % {
            "types": ", ".join(DEFAULT_EXTENSIONS),
            "limit": filesizeformat(getattr(settings, "ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES)),
        }
        if kinds:
            self.fields["kind"] = forms.ChoiceField(label=_("Kind"), choices=kinds, required=True)
