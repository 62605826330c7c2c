from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.models import User
from platform_core.accounts.roles import Role

from .models import (
    CoachingSession,
    Cohort,
    ConsultingRequest,
    Course,
    Facility,
    FinancingContact,
    FinancingEvent,
    FundApplication,
    FundProgramme,
    IncubationProject,
    Mentor,
    ProgressReport,
    ResourceLink,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class BootstrapMixin:
    """Bootstrap classes on every widget (the field partial renders labels and errors)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            widget = f.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            elif isinstance(widget, forms.RadioSelect):
                continue
            else:
                widget.attrs.setdefault("class", "form-control")
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 3)


def https_urls(field, **kwargs):
    """Model URL fields become form fields that assume https (Django 6 default) without a warning."""
    from django.db import models

    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


def staff_choices():
    return (
        User.objects.filter(groups__name__in=[Role.STAFF, Role.ADMIN], is_active=True)
        .distinct()
        .order_by("pk")
    )


class ProjectForm(BootstrapMixin, forms.ModelForm):
    business_plan = forms.FileField(
        label=_("Business plan"),
        required=False,
        help_text=_(
            "PDF, Word or PowerPoint. The business plan states development goals and strategy (5.4.2.1)."
        ),
    )
    team = forms.CharField(
        label=_("Team members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One member per line: name, role, title, organisation (separated by commas)."),
    )

    class Meta:
        model = IncubationProject
        fields = [
            "name",
            "achievement",
            "summary",
            "team_description",
            "business_model",
            "seeking_financing",
            "financing_need",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from achievements.models import Achievement

        qs = Achievement.objects.all()
        if user is not None and not user.has_perm("incubation.manage"):
            qs = qs.filter(holder=user)
        self.fields["achievement"].queryset = qs.order_by("-id")
        self.fields["achievement"].required = False
        if self.instance.pk:
            del self.fields["business_plan"]
            del self.fields["team"]

    def team_members(self) -> list[dict]:
        members = []
        for line in (self.cleaned_data.get("team") or "").splitlines():
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if parts and parts[0]:
                parts += [""] * 4
                members.append(
                    {
                        "name": parts[0][:100],
                        "role": parts[1][:100],
                        "title": parts[2][:100],
                        "organization_name": parts[3][:200],
                    }
                )
        return members


class StartReviewForm(BootstrapMixin, forms.Form):
    reviewers = forms.ModelMultipleChoiceField(
        label=_("Reviewers"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Staff and experts who fill in the admission score form."),
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = (
            User.objects.filter(groups__name__in=[Role.STAFF, Role.EVALUATOR], is_active=True)
            .distinct()
            .order_by("username")
        )


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=60)
    reason = forms.CharField(required=False, max_length=5000)
    cohort = forms.IntegerField(required=False)


class MentorsForm(BootstrapMixin, forms.Form):
    mentors = forms.ModelMultipleChoiceField(
        label=_("Mentors"),
        queryset=Mentor.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class OutcomeForm(BootstrapMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Incubation outcome"), choices=IncubationProject.Outcome.choices)
    note = forms.CharField(
        label=_("Evidence of the outcome"),
        required=False,
        widget=forms.Textarea,
        help_text=_(
            "For example: product registration and first sales, or the financing round and investor."
        ),
    )
    evidence = forms.FileField(label=_("Evidence file"), required=False)


class ProgressReportForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = [
            "period",
            "period_end",
            "progress",
            "revenue",
            "employees",
            "financing_raised",
            "problems",
            "next_steps",
        ]
        widgets = {"period_end": DATE}


class CommentForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(label=_("Staff comment"), widget=forms.Textarea)


class FinancingEventForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FinancingEvent
        fields = ["round", "amount", "investor_name", "contact", "occurred_on", "note"]
        widgets = {"occurred_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class CoachingForm(BootstrapMixin, forms.ModelForm):
    scheduled_at = forms.DateTimeField(label=_("Time"), widget=DATETIME, input_formats=DATETIME_FORMATS)

    class Meta:
        model = CoachingSession
        fields = ["mentor", "topic", "scheduled_at", "duration_minutes", "location"]


class BookingForm(BootstrapMixin, forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE)
    start = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    quantity = forms.IntegerField(label=_("Units"), min_value=1, initial=1)
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=IncubationProject.objects.none(), required=False
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300)

    def __init__(self, *args, user=None, facility=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = IncubationProject.objects.filter(state__in=IncubationProject.ACTIVE_STATES)
        if user is not None and not user.has_perm("incubation.manage"):
            qs = qs.filter(applicant=user)
        self.fields["project"].queryset = qs
        if facility is not None:
            self.fields["quantity"].max_value = facility.capacity
            self.fields["quantity"].widget.attrs["max"] = facility.capacity
            if facility.capacity == 1:
                self.fields["quantity"].widget = forms.HiddenInput()

    def interval(self) -> tuple[dt.datetime, dt.datetime]:
        day = self.cleaned_data["day"]
        tz = timezone.get_current_timezone()
        return (
            dt.datetime.combine(day, self.cleaned_data["start"], tzinfo=tz),
            dt.datetime.combine(day, self.cleaned_data["end"], tzinfo=tz),
        )


class FundApplicationForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FundApplication
        fields = ["project", "amount_requested", "use_of_funds", "milestones"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = IncubationProject.objects.filter(
            applicant=user, state__in=IncubationProject.ACTIVE_STATES
        )


class AwardForm(BootstrapMixin, forms.Form):
    amount_awarded = forms.DecimalField(label=_("Amount awarded (10k yuan)"), min_value=0, decimal_places=2)
    reason = forms.CharField(label=_("Opinion"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DisbursementForm(BootstrapMixin, forms.Form):
    amount = forms.DecimalField(label=_("Amount (10k yuan)"), min_value=0, decimal_places=2)
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ConsultingForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ConsultingRequest
        fields = ["topic", "subject", "project", "description"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = IncubationProject.objects.filter(applicant=user)
        self.fields["project"].required = False


class AssignForm(BootstrapMixin, forms.Form):
    assignee = forms.ModelChoiceField(label=_("Service specialist"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_choices()


class AnswerForm(BootstrapMixin, forms.Form):
    response = forms.CharField(label=_("Advice given"), widget=forms.Textarea(attrs={"rows": 5}))


# --- reference data edited by staff -------------------------------------------------------------


class FacilityForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Facility
        fields = [
            "name",
            "kind",
            "location",
            "capacity",
            "opens_at",
            "closes_at",
            "max_hours",
            "requires_approval",
            "is_active",
            "manager",
            "rules",
            "description",
        ]
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = staff_choices()


class ProgrammeForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FundProgramme
        fields = [
            "name",
            "kind",
            "total_budget",
            "max_award",
            "opens_on",
            "closes_on",
            "is_active",
            "eligibility",
            "description",
        ]
        widgets = {"opens_on": DATE, "closes_on": DATE}


class MentorForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Mentor
        fields = [
            "name",
            "kind",
            "title",
            "organization_name",
            "expertise",
            "email",
            "phone",
            "is_active",
            "bio",
        ]


class CourseForm(BootstrapMixin, forms.ModelForm):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME, input_formats=DATETIME_FORMATS)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME, input_formats=DATETIME_FORMATS)

    class Meta:
        model = Course
        fields = [
            "title",
            "topic",
            "instructor",
            "starts_at",
            "ends_at",
            "location",
            "capacity",
            "is_published",
            "description",
        ]

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class ContactForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FinancingContact
        fields = [
            "name",
            "kind",
            "organization",
            "contact_person",
            "phone",
            "email",
            "website",
            "focus",
            "is_active",
        ]
        formfield_callback = https_urls


class ResourceForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ResourceLink
        fields = [
            "title",
            "kind",
            "organization_name",
            "url",
            "contact",
            "event_date",
            "is_active",
            "description",
        ]
        widgets = {"event_date": DATE}
        formfield_callback = https_urls


class CohortForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "year", "starts_on", "ends_on", "description"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
