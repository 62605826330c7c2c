"""Forms of the library's pages (thin: the services validate the business rules)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from achievements.models import CONFIDENTIAL_SECTIONS, LEVEL_RANK, Achievement, Confidentiality

from .models import ImportJob, RefreshProposal


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("Publication note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_("Recorded in the history (e.g. the evaluation report it follows)."),
    )
    featured = forms.BooleanField(label=_("Feature on the home page"), required=False)

    def __init__(self, *args, achievement: Achievement, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.achievement = achievement
        for key, (_default, label) in CONFIDENTIAL_SECTIONS.items():
            holder_level = Confidentiality(achievement.level_of(key))
            choices = [
                (level.value, level.label)
                for level in Confidentiality
                if LEVEL_RANK[level] >= LEVEL_RANK[holder_level]
            ]
            self.fields[f"level_{key}"] = forms.ChoiceField(
                label=label,
                choices=choices,
                initial=holder_level.value,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                help_text=_("Holder chose: %(level)s") % {"level": holder_level.label},
            )

    @property
    def level_fields(self):
        return [self[f"level_{key}"] for key in CONFIDENTIAL_SECTIONS]

    def levels(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"level_{key}"] for key in CONFIDENTIAL_SECTIONS}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class AccessRequestForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("Sections requested"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to ask for every confidential section."),
    )
    message = forms.CharField(
        label=_("Purpose of the request"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        help_text=_("Who you are and what you intend (evaluation of a licence, joint development …)."),
    )

    def __init__(self, *args, confidential: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = [(key, CONFIDENTIAL_SECTIONS[key][1]) for key in confidential]


class RefreshForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"), max_length=500, widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )
    tags = forms.CharField(label=_("Tags"), max_length=300, required=False)
    trl = forms.TypedChoiceField(
        label=_("Technology readiness level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(i, f"TRL {i}") for i in range(1, 10)],
    )
    background = forms.CharField(
        label=_("Research background"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    innovation_points = forms.CharField(
        label=_("Innovation points"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    contributions = forms.CharField(
        label=_("Main contributions"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    cooperation_note = forms.CharField(
        label=_("Cooperation requirements"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    note = forms.CharField(label=_("What changed"), max_length=500, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def changes(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in RefreshProposal.FIELDS}


class ExemptForm(forms.Form):
    until = forms.DateField(
        label=_("No reminders until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx) made from the template"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )
    mode = forms.ChoiceField(
        label=_("Import as"),
        choices=ImportJob.Mode.choices,
        initial=ImportJob.Mode.PUBLISHED,
        widget=forms.RadioSelect,
    )
