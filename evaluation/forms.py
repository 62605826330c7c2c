"""HTML forms of the evaluation app (thin: services do the work)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role

from .models import (
    Aggregation,
    Evaluation,
    Expert,
    IndicatorSystem,
    MaterialAudit,
    PanelRole,
    Sector,
    SwotEntry,
    TrlLevel,
    TrlScale,
)

User = get_user_model()


def _bs(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
        elif isinstance(widget, forms.RadioSelect):
            pass
        else:
            widget.attrs.setdefault("class", "form-control")


def staff_users():
    return (
        User.objects.filter(groups__name__in=[Role.STAFF, Role.ADMIN], is_active=True)
        .distinct()
        .order_by("username")
    )


class EvaluationForm(forms.Form):
    indicator_system = forms.ModelChoiceField(
        label=_("indicator system"),
        queryset=IndicatorSystem.objects.filter(state=IndicatorSystem.State.ACTIVE),
    )
    trl_scale = forms.ModelChoiceField(
        label=_("TRL scale"),
        queryset=TrlScale.objects.all(),
        required=False,
        help_text=_("Empty: chosen by the achievement type."),
    )
    mode = forms.ChoiceField(label=_("review mode"), choices=Evaluation.Mode.choices)
    due_date = forms.DateField(
        label=_("scoring due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    leader = forms.ModelChoiceField(label=_("work group leader"), queryset=User.objects.none())
    work_group = forms.ModelMultipleChoiceField(
        label=_("work group members"), queryset=User.objects.none(), required=False
    )
    aggregation = forms.ChoiceField(label=_("panel score"), choices=Aggregation.choices)
    min_per_role = forms.IntegerField(
        label=_("minimum experts per panel role"), min_value=0, max_value=5, initial=1
    )
    hide_others_until_submitted = forms.BooleanField(
        label=_("hide other experts' sheets until one's own is submitted"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = staff_users()
        self.fields["work_group"].queryset = staff_users()
        self.fields["work_group"].widget.attrs["size"] = 4
        _bs(self)


class ExpertForm(forms.ModelForm):
    class Meta:
        model = Expert
        fields = [
            "user",
            "organization",
            "title",
            "discipline",
            "panel_role",
            "sector",
            "expertise",
            "bio",
            "max_load",
            "is_active",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            groups__name=Role.EVALUATOR, is_active=True
        ).order_by("username")
        if self.instance.pk:
            self.fields["user"].disabled = True
        _bs(self)


class RelationForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("organisation"), queryset=None, required=False)
    person_name = forms.CharField(label=_("person"), max_length=100, required=False)
    description = forms.CharField(label=_("relation"), max_length=300)

    def __init__(self, *args, **kwargs):
        from platform_core.accounts.models import Organization

        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("name")
        _bs(self)

    def clean(self):
        data = super().clean()
        if not data.get("organization") and not data.get("person_name"):
            raise forms.ValidationError(_("Name an organisation or a person."))
        return data


class AuditForm(forms.Form):
    result = forms.ChoiceField(
        label=_("result"), choices=MaterialAudit.Result.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(label=_("reasons"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bs(self)


class DeclarationForm(forms.Form):
    full_name = forms.CharField(
        label=_("full name"), max_length=100, help_text=_("Type your full name as your signature.")
    )
    agreed = forms.BooleanField(label=_("I have read and accept the declaration"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bs(self)


class ConclusionForm(forms.ModelForm):
    swot_strength = forms.CharField(
        label=_("Strengths"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    swot_weakness = forms.CharField(
        label=_("Weaknesses"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    swot_opportunity = forms.CharField(
        label=_("Opportunities"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    swot_threat = forms.CharField(
        label=_("Threats"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recommend_publication = forms.TypedChoiceField(
        label=_("recommend publication"),
        choices=[("", "—"), ("1", _("Recommend publication")), ("0", _("Do not recommend publication"))],
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Evaluation
        fields = [
            "overview",
            "recommend_publication",
            "conclusion",
            "transfer_suggestions",
            "expert_suggestions",
            "maturity_conclusion",
            "trl_conclusion",
            "trl_assessment",
            "meeting_at",
            "meeting_place",
            "meeting_attendees",
            "meeting_other_attendees",
            "meeting_minutes",
            "consolidated_opinion",
        ]
        widgets = {
            "overview": forms.Textarea(attrs={"rows": 4}),
            "conclusion": forms.Textarea(attrs={"rows": 3}),
            "transfer_suggestions": forms.Textarea(attrs={"rows": 3}),
            "expert_suggestions": forms.Textarea(attrs={"rows": 3}),
            "trl_assessment": forms.Textarea(attrs={"rows": 3}),
            "meeting_minutes": forms.Textarea(attrs={"rows": 4}),
            "consolidated_opinion": forms.Textarea(attrs={"rows": 3}),
            "meeting_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        evaluation = self.instance
        people = {m.expert.user_id for m in evaluation.panel_members.all()} | set(
            evaluation.work_group.values_list("pk", flat=True)
        )
        self.fields["meeting_attendees"].queryset = User.objects.filter(pk__in=people).order_by("username")
        self.fields["meeting_attendees"].required = False
        self.fields["trl_conclusion"].widget = forms.Select(
            choices=[("", "—")]
            + [
                (lvl.level, f"TRL {lvl.level} {lvl.name}")
                for lvl in TrlLevel.objects.filter(scale=evaluation.trl_scale_id)
            ]
        )
        if evaluation.recommend_publication is not None:
            self.initial["recommend_publication"] = "1" if evaluation.recommend_publication else "0"
        consolidated = evaluation.swot_entries.filter(sheet__isnull=True).exists()
        for quadrant in SwotEntry.Quadrant.values:
            entries = evaluation.swot_entries.filter(quadrant=quadrant, sheet__isnull=consolidated)
            # before the panel consolidates, start from the experts' distinct points
            texts = list(dict.fromkeys(e.text for e in entries.order_by("order", "id")))
            self.initial[f"swot_{quadrant}"] = "\n".join(texts)
        _bs(self)

    def swot(self) -> dict[str, list[str]]:
        return {q: self.cleaned_data.get(f"swot_{q}", "").splitlines() for q in SwotEntry.Quadrant.values}


class TrlScaleForm(forms.ModelForm):
    class Meta:
        model = TrlScale
        fields = ["name", "source", "description", "applies_to", "is_default", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bs(self)


TrlLevelFormSet = forms.inlineformset_factory(
    TrlScale,
    TrlLevel,
    fields=["level", "name", "description", "evidence"],
    extra=0,
    can_delete=False,
    widgets={
        "description": forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        "evidence": forms.Textarea(attrs={"rows": 1, "class": "form-control"}),
        "name": forms.TextInput(attrs={"class": "form-control"}),
        "level": forms.NumberInput(attrs={"class": "form-control", "readonly": True}),
    },
)


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    code = forms.SlugField(label=_("code"), max_length=60)
    clause = forms.CharField(label=_("clause of the standard"), max_length=40, required=False)
    description = forms.CharField(
        label=_("guidance"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    levels = forms.CharField(
        label=_("scoring levels"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One level per line: from–to label description, e.g. “9-10 优 受众人数多……”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bs(self)

    def clean_levels(self) -> list[dict]:
        out = []
        for line in self.cleaned_data["levels"].splitlines():
            line = line.strip()
            if not line:
                continue
            parts = line.split(None, 2)
            if len(parts) < 2 or "-" not in parts[0]:
                raise forms.ValidationError(_("Cannot read the level “%(line)s”.") % {"line": line})
            low, high = parts[0].split("-", 1)
            try:
                out.append(
                    {
                        "min_score": float(low),
                        "max_score": float(high),
                        "label": parts[1],
                        "description": parts[2] if len(parts) > 2 else "",
                    }
                )
            except ValueError:
                raise forms.ValidationError(_("Cannot read the level “%(line)s”.") % {"line": line})
        return out


class DelphiRoundForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    experts = forms.ModelMultipleChoiceField(label=_("invited experts"), queryset=User.objects.none())
    full_score = forms.IntegerField(label=_("full score"), min_value=2, max_value=100, initial=5)
    cv_threshold = forms.DecimalField(label=_("CV threshold"), initial="0.25", max_digits=4, decimal_places=3)
    p_threshold = forms.DecimalField(
        label=_("significance level"), initial="0.05", max_digits=4, decimal_places=3
    )
    due_date = forms.DateField(
        label=_("due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    instructions = forms.CharField(
        label=_("instructions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = User.objects.filter(
            groups__name=Role.EVALUATOR, is_active=True
        ).order_by("username")
        self.fields["experts"].widget.attrs["size"] = 6
        _bs(self)


class ExpertFilterForm(forms.Form):
    q = forms.CharField(required=False)
    panel_role = forms.ChoiceField(
        required=False, choices=[("", _("All panel roles"))] + list(PanelRole.choices)
    )
    sector = forms.ChoiceField(required=False, choices=[("", _("All sectors"))] + list(Sector.choices))
