"""HTML forms of the service-quality pages (the services validate again; forms only shape the input)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role

from .models import (
    ConformityAudit,
    EvaluationTrigger,
    ImprovementAction,
    PanelMember,
    PlatformEvaluation,
    ServiceStarEvaluation,
    SurveyTemplate,
)
from .service_types import choices as service_choices

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"})


def staff_users():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.STAFF, Role.ADMIN])
        .distinct()
        .order_by("username")
    )


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class ComplaintForm(StyledForm):
    name = forms.CharField(label=_("Your name"), max_length=100)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    organization = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    service_type = forms.ChoiceField(
        label=_("Service concerned"),
        choices=[("", _("Other or not sure"))] + service_choices(),
        required=False,
    )
    related_label = forms.CharField(
        label=_("Record concerned"),
        max_length=200,
        required=False,
        help_text=_("E.g. the achievement's name or the request number."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    expectation = forms.CharField(
        label=_("What you expect"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.is_authenticated:
            self.fields["name"].initial = str(user)
            self.fields["email"].initial = user.email
            self.fields["phone"].initial = getattr(user, "phone", "")
            self.fields["organization"].initial = str(user.organization or "")

    def clean(self):
        data = super().clean()
        anonymous = self.user is None or not self.user.is_authenticated
        if anonymous and not (data.get("phone") or data.get("email")):
            raise forms.ValidationError(_("Leave a phone number or an email so that we can answer you."))
        return data


class ReasonForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason or note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class InvestigationForm(StyledForm):
    investigation = forms.CharField(
        label=_("Investigation findings"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ActionForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    problem = forms.CharField(label=_("Problem found"), widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(
        label=_("Improvement measures"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=get_user_model().objects.none(), required=False)
    deadline_days = forms.IntegerField(
        label=_("Deadline (working days)"),
        min_value=1,
        max_value=ImprovementAction.DEADLINE_DAYS_MAX,
        initial=20,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()


class NewActionForm(ActionForm):
    source = forms.ChoiceField(
        label=_("Source"),
        choices=[
            (ImprovementAction.Source.EVALUATION, ImprovementAction.Source.EVALUATION.label),
            (ImprovementAction.Source.SURVEY, ImprovementAction.Source.SURVEY.label),
            (ImprovementAction.Source.OTHER, ImprovementAction.Source.OTHER.label),
        ],
    )
    source_reference = forms.CharField(
        label=_("Source reference"),
        max_length=200,
        required=False,
        help_text=_("E.g. the evaluation report's number."),
    )


class PlanForm(ActionForm):
    problem = None


class VerifyForm(StyledForm):
    note = forms.CharField(
        label=_("How the effect was checked"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AuditForm(forms.ModelForm):
    class Meta:
        model = ConformityAudit
        fields = [
            "title",
            "service_type",
            "sample_from",
            "sample_to",
            "sample_size",
            "auditor_kind",
            "auditor",
            "external_auditor",
        ]
        widgets = {"sample_from": DATE, "sample_to": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditor"].queryset = staff_users()
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )


class CampaignForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    template = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=SurveyTemplate.objects.filter(is_active=True)
    )
    audience = forms.MultipleChoiceField(
        label=_("Who is invited"),
        choices=[(r, label) for r, label in Role.choices if r not in (Role.STAFF, Role.ADMIN)],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Nothing ticked: every user outside the staff."),
    )
    valid_days = forms.IntegerField(label=_("Link valid for (days)"), min_value=1, max_value=365, initial=30)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].widget.attrs = {"class": "form-check-input"}


class PlatformEvaluationForm(forms.ModelForm):
    class Meta:
        model = PlatformEvaluation
        fields = ["title", "year", "mode", "purpose", "site_visit_on"]
        widgets = {"site_visit_on": DATE, "purpose": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )


class TriggerForm(forms.ModelForm):
    class Meta:
        model = EvaluationTrigger
        fields = ["kind", "occurred_on", "description"]
        widgets = {"occurred_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )


class PanelMemberForm(forms.ModelForm):
    class Meta:
        model = PanelMember
        fields = [
            "user",
            "organization",
            "professional_title",
            "expertise",
            "duties",
            "is_leader",
            "intermediate_title",
            "management_knowledge",
            "trained",
            "impartial",
            "hands_on_experience",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True).order_by("username")
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
            else:
                field.widget.attrs.setdefault(
                    "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                )


class ConclusionsForm(StyledForm):
    overall_situation = forms.CharField(
        label=_("Overall situation"), widget=forms.Textarea(attrs={"rows": 4})
    )
    problems = forms.CharField(label=_("Problems found"), widget=forms.Textarea(attrs={"rows": 4}))


class SuggestionForm(StyledForm):
    text = forms.CharField(label=_("Improvement suggestion"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline_days = forms.IntegerField(
        label=_("Deadline (working days)"),
        min_value=1,
        max_value=ImprovementAction.DEADLINE_DAYS_MAX,
        initial=30,
    )


class IssueReportForm(StyledForm):
    owner = forms.ModelChoiceField(
        label=_("Owner of the improvement actions"), queryset=get_user_model().objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()


class ServiceStarForm(forms.ModelForm):
    class Meta:
        model = ServiceStarEvaluation
        fields = [
            "title",
            "subject_name",
            "subject_kind",
            "organization",
            "party",
            "evaluating_body",
            "quality_literacy",
            "service_innovation",
            "service_performance",
            "user_satisfaction",
            "conditions_note",
            "summary",
        ]
        widgets = {
            "conditions_note": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
            else:
                field.widget.attrs.setdefault(
                    "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                )


class StarMembersForm(StyledForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Evaluators"),
        queryset=get_user_model().objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[Role.EVALUATOR, Role.STAFF, Role.ADMIN])
            .distinct()
            .order_by("username")
        )
