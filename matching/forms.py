"""Forms of the matching pages. They validate input; the services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from achievements.models import ApplicationScenario, CooperationMode, Maturity, TechnicalField

from .models import (
    Agreement,
    AgreementTemplate,
    Demand,
    DockingProject,
    EventSession,
    FollowUp,
    ImplementationIssue,
    ImplementationProject,
    MatchingWeights,
    MatchmakingEvent,
    Milestone,
    NegotiationRecord,
    ProposedTerms,
    StageAssessment,
    ValuationWorksheet,
)
from .models.common import PROVINCE_CHOICES


def bootstrap(form: forms.BaseForm) -> forms.BaseForm:
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
        if isinstance(widget, forms.Textarea) and str(widget.attrs.get("rows", "10")) == "10":
            widget.attrs["rows"] = 3  # Django's default of 10 rows is far too tall for these forms
    return form


class BootstrapMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


# --------------------------------------------------------------------------- demands
class DemandForm(BootstrapMixin, forms.ModelForm):
    scenarios = forms.ModelMultipleChoiceField(
        ApplicationScenario.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        label=_("application scenarios"),
    )
    cooperation_modes = forms.ModelMultipleChoiceField(
        CooperationMode.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        label=_("cooperation modes"),
    )

    class Meta:
        model = Demand
        fields = [
            "title", "technical_field", "scenarios", "min_maturity", "min_trl", "cooperation_modes", "budget_min",
            "budget_max", "region", "deadline", "description", "tags", "confidentiality", "is_challenge", "reward",
        ]  # fmt: skip
        widgets = {"deadline": DATE, "description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["technical_field"].queryset = TechnicalField.objects.active()
        self.fields["technical_field"].required = True

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        return data


class DemandFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Keyword"), required=False)
    field = forms.ChoiceField(label=_("technical field"), required=False)
    scenario = forms.ChoiceField(label=_("application scenario"), required=False)
    mode = forms.ChoiceField(label=_("cooperation mode"), required=False)
    maturity = forms.ChoiceField(
        label=_("minimum maturity"), required=False, choices=[("", _("Any maturity")), *Maturity.choices]
    )
    region = forms.ChoiceField(
        label=_("region"), required=False, choices=[("", _("Any region")), *PROVINCE_CHOICES]
    )
    challenge = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All demands")), ("1", _("Challenge calls")), ("0", _("Ordinary demands"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [
            ("", _("Any field")),
            *TechnicalField.objects.active().values_list("code", "name"),
        ]
        self.fields["scenario"].choices = [
            ("", _("Any scenario")),
            *ApplicationScenario.objects.active().values_list("code", "name"),
        ]
        self.fields["mode"].choices = [
            ("", _("Any cooperation mode")),
            *CooperationMode.objects.active().values_list("code", "name"),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = field.widget.attrs.get("class", "") + " form-control-sm"
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["data-autosubmit"] = "1"

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        challenge = {"1": True, "0": False}.get(data.get("challenge") or "")
        return {
            "q": data.get("q") or "", "field": data.get("field") or "", "scenario": data.get("scenario") or "",
            "mode": data.get("mode") or "", "maturity": data.get("maturity") or "", "region": data.get("region") or "",
            "challenge": challenge,
        }  # fmt: skip


class ReasonForm(BootstrapMixin, forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ApplicationForm(BootstrapMixin, forms.Form):
    achievement = forms.ChoiceField(label=_("achievement offered"), required=False)
    proposal = forms.CharField(label=_("solution proposal"), widget=forms.Textarea(attrs={"rows": 6}))
    team_summary = forms.CharField(
        label=_("team and track record"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, achievements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achievement"].choices = [("", _("— none —")), *[(a.pk, a.name) for a in achievements]]


class InquiryForm(BootstrapMixin, forms.Form):
    message = forms.CharField(
        label=_("Your inquiry"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like to know, how you would like to cooperate, your timeline."),
    )
    demand = forms.ChoiceField(label=_("Related demand"), required=False)

    def __init__(self, *args, demands=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["demand"].choices = [("", _("— none —")), *[(d.pk, d.title) for d in demands]]


class WeightsForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = MatchingWeights
        fields = [*MatchingWeights.CRITERIA, "k1", "b", "top_n", "min_score"]


# --------------------------------------------------------------------------- docking
class CloseForm(BootstrapMixin, forms.Form):
    close_reason = forms.ChoiceField(
        label=_("reason for closing"), choices=DockingProject.CloseReason.choices
    )
    reason = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 2}))


class NegotiationForm(BootstrapMixin, forms.ModelForm):
    prefix = "neg"  # several forms share the page: distinct field names and ids

    class Meta:
        model = NegotiationRecord
        fields = ["kind", "occurred_at", "participants", "summary", "next_steps"]
        widgets = {"occurred_at": DATETIME}


class TermsForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ProposedTerms
        fields = [
            "proposed_by", "cooperation_mode", "technical_scope", "exclusive", "territory", "field_of_use", "term_years",
            "payment_method", "price", "royalty_rate", "equity_share", "payment_schedule", "acceptance_criteria",
            "ip_warranty", "confidentiality", "dispute_resolution", "note",
        ]  # fmt: skip


class ValuationForm(BootstrapMixin, forms.ModelForm):
    prefix = "val"  # several forms share the page: distinct field names and ids

    class Meta:
        model = ValuationWorksheet
        fields = [
            "rd_cost", "replacement_factor", "obsolescence_rate", "comparable_prices", "market_adjustment",
            "annual_revenue", "share_rate", "discount_rate", "risk_factor", "note",
        ]  # fmt: skip


class DocumentForm(BootstrapMixin, forms.Form):
    prefix = "doc"  # several forms share the page: distinct field names and ids

    kind = forms.ChoiceField(label=_("Document"))
    file = forms.FileField(label=_("File"))
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)


class DraftForm(BootstrapMixin, forms.Form):
    template = forms.ModelChoiceField(AgreementTemplate.objects.filter(is_active=True), label=_("template"))
    title = forms.CharField(label=_("title"), required=False, max_length=200)


# --------------------------------------------------------------------------- agreements
class AgreementEditForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("title"), max_length=200)
    party_a = forms.CharField(label=_("party A (supply side)"), max_length=200)
    party_b = forms.CharField(label=_("party B (demand side)"), max_length=200)
    value = forms.DecimalField(
        label=_("contract value (10k yuan)"), required=False, max_digits=14, decimal_places=2, min_value=0
    )

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.clause_codes = []
        for clause in clauses:
            name = f"clause_{clause.code}"
            self.fields[name] = forms.CharField(
                label=clause.title,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
            )
            self.initial.setdefault(name, clause.body)
            self.clause_codes.append(clause.code)
        bootstrap(self)

    def clause_fields(self):
        return [self[f"clause_{code}"] for code in self.clause_codes]

    def clauses(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"clause_{code}", "") for code in self.clause_codes}


class WaiveForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("reason for accepting the risk"), widget=forms.Textarea(attrs={"rows": 2})
    )


class SignForm(BootstrapMixin, forms.Form):
    signed_on = forms.DateField(label=_("signed on"), widget=DATE)
    value = forms.DecimalField(
        label=_("contract value (10k yuan)"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    signed_copy = forms.FileField(label=_("Signed copy (PDF or scan)"))


class RegistrationForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "registration_body",
            "registration_number",
            "registered_on",
            "tax_incentive",
            "tax_incentive_amount",
        ]
        widgets = {"registered_on": DATE}


# --------------------------------------------------------------------------- implementation
class MilestoneForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = [
            "title",
            "deliverable",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "status",
            "payment_share",
        ]
        widgets = {"planned_start": DATE, "planned_end": DATE, "actual_start": DATE, "actual_end": DATE}


class IssueForm(BootstrapMixin, forms.ModelForm):
    prefix = "issue"  # several forms share the page: distinct field names and ids

    class Meta:
        model = ImplementationIssue
        fields = ["title", "description", "severity"]


class ActionForm(BootstrapMixin, forms.Form):
    description = forms.CharField(label=_("coordination action"), widget=forms.Textarea(attrs={"rows": 2}))
    resolve = forms.BooleanField(label=_("This resolves the issue"), required=False)


class AssessmentForm(BootstrapMixin, forms.ModelForm):
    prefix = "assess"  # several forms share the page: distinct field names and ids

    class Meta:
        model = StageAssessment
        fields = ["period", "assessed_on", "rating", "progress_percent", "findings", "adjustments"]
        widgets = {"assessed_on": DATE}


class FollowUpForm(BootstrapMixin, forms.ModelForm):
    prefix = "fu"  # several forms share the page: distinct field names and ids

    class Meta:
        model = FollowUp
        fields = ["visited_on", "mode", "participants", "summary", "problems", "next_visit_on"]
        widgets = {"visited_on": DATE, "next_visit_on": DATE}


class FeedbackRequestForm(BootstrapMixin, forms.Form):
    prefix = "fbr"  # several forms share the page: distinct field names and ids

    recipient = forms.ChoiceField(label=_("Ask"))
    due_on = forms.DateField(label=_("answer by"), required=False, widget=DATE)

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = [(u.pk, str(u)) for u in parties]


class FeedbackAnswerForm(BootstrapMixin, forms.Form):
    prefix = "fba"  # several forms share the page: distinct field names and ids

    rating = forms.TypedChoiceField(
        label=_("rating (1–5)"), coerce=int, choices=[(i, str(i)) for i in range(5, 0, -1)]
    )
    comments = forms.CharField(label=_("comments"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OutcomeForm(BootstrapMixin, forms.ModelForm):
    evidence = forms.FileField(
        label=_("Evidence (launch approval, process record, sales statement…)"), required=False
    )

    class Meta:
        model = ImplementationProject
        fields = ["outcome_kind", "outcome_description", "revenue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome_kind"].required = True
        self.fields["outcome_kind"].choices = [c for c in ImplementationProject.OutcomeKind.choices if c[0]]
        self.fields["outcome_description"].required = True


# --------------------------------------------------------------------------- events
class EventForm(BootstrapMixin, forms.ModelForm):
    online_link = forms.URLField(label=_("online meeting link"), required=False, assume_scheme="https")

    class Meta:
        model = MatchmakingEvent
        fields = [
            "title", "mode", "venue", "online_link", "starts_at", "ends_at", "registration_deadline", "capacity",
            "technical_field", "session_minutes", "description",
        ]  # fmt: skip
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "registration_deadline": DATETIME}


class AgendaForm(BootstrapMixin, forms.Form):
    prefix = "agenda"  # several forms share the page: distinct field names and ids

    starts_at = forms.DateTimeField(label=_("starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("ends at"), required=False, widget=DATETIME)
    title = forms.CharField(label=_("item"), max_length=200)
    speaker = forms.CharField(label=_("speaker"), max_length=200, required=False)


class RegisterForm(BootstrapMixin, forms.Form):
    achievement = forms.ChoiceField(label=_("achievement presented"), required=False)
    demand = forms.ChoiceField(label=_("demand brought"), required=False)
    note = forms.CharField(label=_("note"), required=False, max_length=300)

    def __init__(self, *args, achievements=(), demands=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achievement"].choices = [("", _("— none —")), *[(a.pk, a.name) for a in achievements]]
        self.fields["demand"].choices = [("", _("— none —")), *[(d.pk, d.title) for d in demands]]
        if not achievements:
            del self.fields["achievement"]
        if not demands:
            del self.fields["demand"]


class SessionForm(BootstrapMixin, forms.Form):
    prefix = "session"  # several forms share the page: distinct field names and ids

    demand_side = forms.ChoiceField(label=_("demand side"))
    supply_side = forms.ChoiceField(label=_("supply side"))
    starts_at = forms.DateTimeField(label=_("starts at"), widget=DATETIME)
    table = forms.CharField(label=_("table / room"), required=False, max_length=50)

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        demand = [
            (r.pk, f"{r.user}（{r.user.organization or ''}）") for r in registrations if r.side != "supply"
        ]
        supply = [
            (r.pk, f"{r.user}（{r.achievement or r.user.organization or ''}）")
            for r in registrations
            if r.side == "supply"
        ]
        self.fields["demand_side"].choices = demand
        self.fields["supply_side"].choices = supply


class OutcomeSessionForm(BootstrapMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("outcome"), choices=[c for c in EventSession.Outcome.choices if c[0]])
    note = forms.CharField(label=_("outcome note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    open_project = forms.BooleanField(label=_("Open a docking project for this intent"), required=False)
