"""Forms of the submission portal (one per step) and of the staff console."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.models import Organization

from .models import (
    CONFIDENTIAL_SECTIONS,
    Achievement,
    AchievementType,
    ApplicationScenario,
    Confidentiality,
    CooperationMode,
    IpStatusEntry,
    TeamMember,
    TechnicalField,
)
from .sections import FIELD_TARGETS


def bootstrap(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget (checkbox lists and radios excepted)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
            continue
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class LevelsMixin:
    """Adds one ``level_<section>`` select per confidential section shown on the step."""

    level_sections: tuple[str, ...] = ()

    def add_level_fields(self, achievement: Achievement | None) -> None:
        for key in self.level_sections:
            _default, label = CONFIDENTIAL_SECTIONS[key]
            self.fields[f"level_{key}"] = forms.ChoiceField(
                label=_("Who may read “%(section)s”") % {"section": label},
                choices=Confidentiality.choices,
                required=False,
                initial=achievement.level_of(key) if achievement else str(_default),
                widget=forms.Select(attrs={"class": "form-select form-select-sm level-select"}),
            )

    def levels(self) -> dict[str, str]:
        return {
            key: self.cleaned_data[f"level_{key}"]
            for key in self.level_sections
            if self.cleaned_data.get(f"level_{key}")
        }


class StepForm(LevelsMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    scalar_fields: tuple[str, ...] = ()
    m2m_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 1
        self.add_level_fields(self.instance if self.instance.pk else None)
        bootstrap(self)

    def step_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.scalar_fields if name in self.cleaned_data}

    def step_m2m(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.m2m_fields if name in self.cleaned_data}


def _active(model):
    return model.objects.active()


class BasicForm(StepForm):
    level_sections = ("background", "innovation_points", "contributions")
    scalar_fields = (
        "name",
        "summary",
        "achievement_type",
        "technical_field",
        "maturity",
        "trl",
        "tags",
        "organization",
        "background",
        "innovation_points",
        "contributions",
    )
    m2m_fields = ("scenarios", "co_organizations")

    class Meta:
        model = Achievement
        fields = [
            "name",
            "summary",
            "achievement_type",
            "technical_field",
            "maturity",
            "scenarios",
            "trl",
            "tags",
            "organization",
            "co_organizations",
            "background",
            "innovation_points",
            "contributions",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "background": forms.Textarea(attrs={"rows": 4}),
            "innovation_points": forms.Textarea(attrs={"rows": 4}),
            "contributions": forms.Textarea(attrs={"rows": 4}),
            "scenarios": forms.CheckboxSelectMultiple,
            "maturity": forms.RadioSelect,
        }
        help_texts = {
            "name": _("The name under which the achievement will be listed."),
            "trl": _("1 (basic principles observed) to 9 (proven in routine use)."),
            "background": _("The clinical problem, its burden and what is lacking today."),
            "innovation_points": _("What is original or a breakthrough; which gap it fills."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["achievement_type"].queryset = _active(AchievementType)
        self.fields["technical_field"].queryset = _active(TechnicalField)
        self.fields["scenarios"].queryset = _active(ApplicationScenario)
        self.fields["co_organizations"].queryset = Organization.objects.order_by("name")
        self.fields["co_organizations"].widget.attrs["size"] = 4
        self.fields["maturity"].choices = Achievement.Maturity.choices
        self.fields["maturity"].required = False
        self.fields["trl"].widget.attrs.update({"min": 1, "max": 9})


class TechnicalForm(StepForm):
    level_sections = ("technical_parameters", "technical_details", "application_cases")
    scalar_fields = ("technical_details",)

    class Meta:
        model = Achievement
        fields = ["technical_details"]
        widgets = {"technical_details": forms.Textarea(attrs={"rows": 5})}


class IpForm(StepForm):
    level_sections = ("ip_status",)

    class Meta:
        model = Achievement
        fields: list[str] = []


PHONE_RE = re.compile(r"^[0-9+()\-\s]{5,30}$")


class CooperationForm(StepForm):
    level_sections = ("cooperation_note", "price_expectation", "contact")
    scalar_fields = (
        "cooperation_note",
        "price_expectation",
        "contact_name",
        "contact_phone",
        "contact_email",
    )
    m2m_fields = ("cooperation_modes",)

    class Meta:
        model = Achievement
        fields = [
            "cooperation_modes",
            "cooperation_note",
            "price_expectation",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
        widgets = {
            "cooperation_modes": forms.CheckboxSelectMultiple,
            "cooperation_note": forms.Textarea(attrs={"rows": 3}),
            "contact_name": forms.TextInput,
            "contact_phone": forms.TextInput,
            "contact_email": forms.EmailInput,
        }
        help_texts = {
            "cooperation_modes": _(
                "000 §3.3: self-implementation, transfer, licence, investment at a valuation, joint development."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cooperation_modes"].queryset = _active(CooperationMode)
        self.fields["contact_email"] = forms.EmailField(
            label=self.fields["contact_email"].label,
            required=False,
            widget=forms.EmailInput(attrs={"class": "form-control"}),
        )
        self.fields["price_expectation"].widget.attrs.update({"min": 0, "step": "0.01"})

    def clean_price_expectation(self):
        price = self.cleaned_data.get("price_expectation")
        if price is not None and price < 0:
            raise forms.ValidationError(_("The price cannot be negative."))
        return price

    def clean_contact_phone(self) -> str:
        phone = (self.cleaned_data.get("contact_phone") or "").strip()
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(_("Enter a phone number (digits, spaces, +, - and brackets)."))
        return phone


class TeamForm(StepForm):
    level_sections = ("team",)

    class Meta:
        model = Achievement
        fields: list[str] = []


# --------------------------------------------------------------------------- row formsets
class RowForm(forms.Form):
    required_columns: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        bootstrap(self)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] += (
                    " form-control-sm" if "form-control" in field.widget.attrs["class"] else " form-select-sm"
                )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not any(
            v not in (None, "") for k, v in data.items() if k != "DELETE" and k not in self.defaults()
        )

    def defaults(self) -> set[str]:
        return set()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.is_blank() or data.get("DELETE"):
            return data
        for name in self.required_columns:
            if data.get(name) in (None, ""):
                self.add_error(name, _("This field is required."))
        return data

    def row(self) -> dict[str, Any]:
        return {
            k: ("" if v is None and k not in self.nullable else v)
            for k, v in self.cleaned_data.items()
            if k != "DELETE"
        }

    nullable: tuple[str, ...] = ()


class ParameterRowForm(RowForm):
    required_columns = ("name", "value")
    name = forms.CharField(label=_("parameter"), max_length=100)
    value = forms.CharField(label=_("value"), max_length=200)
    unit = forms.CharField(label=_("unit"), max_length=40)
    method = forms.CharField(label=_("measurement method / conditions"), max_length=500)


class CaseRowForm(RowForm):
    required_columns = ("title",)
    title = forms.CharField(label=_("case"), max_length=200)
    site = forms.CharField(label=_("where applied"), max_length=200)
    period = forms.CharField(label=_("period"), max_length=100)
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.CharField(label=_("effect and value"), widget=forms.Textarea(attrs={"rows": 2}))


class IpRowForm(RowForm):
    required_columns = ("title", "ip_type", "status")
    nullable = ("filed_on", "expires_on")
    ip_type = forms.ChoiceField(label=_("IP type"), choices=[("", "—"), *IpStatusEntry.IpType.choices])
    title = forms.CharField(label=_("title"), max_length=200)
    number = forms.CharField(label=_("application / grant number"), max_length=60)
    status = forms.ChoiceField(label=_("status"), choices=[("", "—"), *IpStatusEntry.Status.choices])
    protection_scope = forms.CharField(
        label=_("scope of protection"), widget=forms.Textarea(attrs={"rows": 2})
    )
    filed_on = forms.DateField(label=_("filed on"), widget=forms.DateInput(attrs={"type": "date"}))
    expires_on = forms.DateField(label=_("protection until"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filed, expires = data.get("filed_on"), data.get("expires_on")
        if filed and expires and expires < filed:
            self.add_error("expires_on", _("The end of protection cannot be before the filing date."))
        return data


class TeamRowForm(RowForm):
    required_columns = ("name", "role")
    name = forms.CharField(label=_("name"), max_length=100)
    role = forms.ChoiceField(label=_("role in the team"), choices=[("", "—"), *TeamMember.Role.choices])
    title = forms.CharField(label=_("professional title"), max_length=100)
    organization_name = forms.CharField(label=_("organisation"), max_length=200)
    division_of_work = forms.CharField(label=_("division of work"), max_length=1000)


def row_formset(form_class: type[RowForm], *, prefix: str, data=None, rows=(), extra: int = 2):
    FormSet = forms.formset_factory(form_class, extra=extra, can_delete=True, max_num=50, validate_max=True)
    return FormSet(data=data, initial=list(rows), prefix=prefix)


def formset_rows(formset) -> list[dict[str, Any]]:
    return [
        f.row()
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and not f.is_blank()
    ]


# --------------------------------------------------------------------------- materials
class MaterialUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Material"))
    file = forms.FileField(label=_("File"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, materials=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(m.code, m.name) for m in materials] + [
            ("other", _("Other materials"))
        ]
        bootstrap(self)


# --------------------------------------------------------------------------- staff console
def target_choices(materials=()) -> list[tuple[str, Any]]:
    fields = [(f"field:{key}", label) for key, (label, _step) in FIELD_TARGETS.items()]
    mats = [(f"material:{m.code}", m.name) for m in materials] + [("material:other", _("Other materials"))]
    return [
        ("general:", _("General")),
        (_("Fields"), fields),
        (_("Materials"), mats),
    ]


class ReasonRowForm(forms.Form):
    target = forms.ChoiceField(label=_("Concerns"), required=False)
    text = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, materials=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = target_choices(materials)
        bootstrap(self)

    def reason(self) -> dict[str, str] | None:
        text = (self.cleaned_data.get("text") or "").strip()
        if not text:
            return None
        kind, _sep, target = (self.cleaned_data.get("target") or "general:").partition(":")
        return {"target_kind": kind, "target": target, "text": text}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("accept", _("Accept")),
            ("return_for_supplement", _("Return for supplement")),
            ("refuse", _("Refuse")),
        ],
    )
    note = forms.CharField(
        label=_("Opinion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a refusal; a return needs at least one itemised reason."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


def reason_formset(*, data=None, materials=(), extra: int = 3):
    FormSet = forms.formset_factory(ReasonRowForm, extra=extra, max_num=30)
    return FormSet(data=data, prefix="reasons", form_kwargs={"materials": materials})


class ReassignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Service specialist"), queryset=None)
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Note (optional)")}),
    )

    def __init__(self, *args: Any, staff=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        User = get_user_model()
        self.fields["assignee"].queryset = User.objects.filter(pk__in=[u.pk for u in staff or []]).order_by(
            "username"
        )
        bootstrap(self)


class QueueFilterForm(forms.Form):
    ASSIGNED = [("", _("Everyone's")), ("mine", _("Assigned to me")), ("unassigned", _("Unassigned"))]
    q = forms.CharField(label=_("Search by name"), required=False)
    achievement_type = forms.ModelChoiceField(
        label=_("achievement type"), queryset=AchievementType.objects.all(), required=False
    )
    technical_field = forms.ModelChoiceField(
        label=_("technical field"), queryset=TechnicalField.objects.all(), required=False
    )
    state = forms.ChoiceField(label=_("state"), required=False)
    min_days = forms.IntegerField(label=_("Waiting at least (working days)"), required=False, min_value=0)
    assigned = forms.ChoiceField(label=_("Assigned"), required=False, choices=ASSIGNED)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        S = Achievement.State
        self.fields["state"].choices = [
            ("", _("Waiting for review")),
            (S.SUBMITTED, S.SUBMITTED.label),
            (S.RESUBMITTED, S.RESUBMITTED.label),
            (S.RETURNED, S.RETURNED.label),
            ("decided", _("Decided")),
        ]
        bootstrap(self)
        for field in self.fields.values():
            field.widget.attrs["class"] += (
                " form-select-sm" if isinstance(field.widget, forms.Select) else " form-control-sm"
            )


class MyListFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("state"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All states")), *Achievement.State.choices]
        bootstrap(self)
        self.fields["state"].widget.attrs.update(
            {"class": "form-select form-select-sm", "data-autosubmit": "1"}
        )
