from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .registry import AuditQuery, sources


class AuditFilterForm(forms.Form):
    source = forms.ChoiceField(label=_("Source"), required=False)
    actor = forms.CharField(label=_("Actor"), required=False, max_length=150)
    q = forms.CharField(label=_("Contains"), required=False, max_length=200)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("All sources"))] + [(s.key, s.label) for s in sources()]
        for name, field in self.fields.items():
            css = "form-select form-select-sm" if name == "source" else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", css)

    def query(self) -> AuditQuery:
        if not self.is_valid():
            return AuditQuery()
        data = self.cleaned_data
        return AuditQuery(
            kinds=(data["source"],) if data["source"] else (),
            actor=data["actor"].strip(),
            text=data["q"].strip(),
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
