from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DocumentType


def _type_choices(blank_label) -> list[tuple[str, str]]:
    return [("", blank_label), *DocumentType.objects.filter(active=True).values_list("code", "name")]


class ArchiveSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    doc_type = forms.ChoiceField(label=_("Type"), required=False)
    date_from = forms.DateField(
        label=_("Archived from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Archived to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].choices = _type_choices(_("All types"))
        for field in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field, forms.ChoiceField)
                else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)
        self.fields["q"].widget.attrs["placeholder"] = _("Code, title or subject")


class ArchiveUploadForm(forms.Form):
    """Staff archive a document by hand, e.g. the scan of a signed paper form."""

    doc_type = forms.ChoiceField(label=_("Document type"))
    title = forms.CharField(label=_("Title"), max_length=300)
    subject_label = forms.CharField(
        label=_("Related record"),
        max_length=300,
        help_text=_("The achievement, project or organisation it concerns."),
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, Word, Excel, image or ZIP; at most 20 MB."))
    retention_years = forms.IntegerField(
        label=_("Retention (years)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Empty: the default of the document type. 0 means permanent."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].choices = _type_choices("—")
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs.setdefault("class", css)


class DisposeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for disposal"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
