from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.models import User
from platform_core.accounts.roles import Role

from .models import (
    Dispute,
    DisputeEvidence,
    DisputeParty,
    InfringementAlert,
    InfringementWatch,
    IpAsset,
    IpServiceRequest,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def https_urls(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class BootstrapMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            widget = f.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 3)


def staff_users():
    return (
        User.objects.filter(groups__name__in=[Role.STAFF, Role.ADMIN], is_active=True)
        .distinct()
        .order_by("pk")
    )


def client_users():
    return (
        User.objects.filter(groups__name__in=[Role.HOLDER, Role.ENTERPRISE], is_active=True)
        .distinct()
        .order_by("username")
    )


def own_achievements(user):
    from achievements.models import Achievement

    qs = Achievement.objects.order_by("-id")
    return qs if user.has_perm("ip_services.manage") else qs.filter(holder=user)


class AssetForm(BootstrapMixin, forms.ModelForm):
    holder = forms.ModelChoiceField(
        label=_("Holder on the platform"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = IpAsset
        fields = [
            "kind",
            "title",
            "number",
            "jurisdiction",
            "country",
            "status",
            "filing_date",
            "publication_date",
            "grant_date",
            "expiry_date",
            "owners",
            "inventors",
            "trademark_classes",
            "claims_summary",
            "achievements",
            "is_public",
            "notes",
        ]
        widgets = {
            "filing_date": DATE,
            "publication_date": DATE,
            "grant_date": DATE,
            "expiry_date": DATE,
            "achievements": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achievements"].queryset = own_achievements(user)
        self.fields["achievements"].required = False
        if user is not None and user.has_perm("ip_services.manage") and not self.instance.pk:
            self.fields["holder"].queryset = client_users()
            self.fields["holder"].required = True
        else:
            del self.fields["holder"]
        if self.instance.pk and not self.instance.expiry_entered:
            self.initial["expiry_date"] = None

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("achievements", None)
        data.pop("holder", None)
        return data


class RequestForm(BootstrapMixin, forms.ModelForm):
    material = forms.FileField(
        label=_("Materials"), required=False, help_text=_("Optional: documents the specialist needs.")
    )

    class Meta:
        model = IpServiceRequest
        fields = ["service_type", "title", "achievement", "assets", "description"]
        widgets = {"assets": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from achievements.models import Achievement

        self.fields["achievement"].queryset = Achievement.objects.filter(holder=user).order_by("-id")
        self.fields["achievement"].required = False
        self.fields["assets"].queryset = IpAsset.objects.filter(holder=user)
        self.fields["assets"].required = False


class AssignForm(BootstrapMixin, forms.Form):
    assignee = forms.ModelChoiceField(label=_("Service specialist"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_users()


class DeliverForm(BootstrapMixin, forms.Form):
    report = forms.FileField(label=_("Report"), help_text=_("PDF or Word; the requester downloads it."))
    summary = forms.CharField(label=_("Summary of findings"), widget=forms.Textarea(attrs={"rows": 4}))


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=60)
    reason = forms.CharField(required=False, max_length=5000)


class WatchForm(BootstrapMixin, forms.ModelForm):
    owner = forms.ModelChoiceField(label=_("Right holder"), queryset=User.objects.none(), required=False)

    class Meta:
        model = InfringementWatch
        fields = ["title", "asset", "keywords", "competitors", "patent_numbers"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.has_perm("ip_services.manage"):
            self.fields["owner"].queryset = client_users()
            self.fields["owner"].required = True
            self.fields["asset"].queryset = IpAsset.objects.select_related("holder")
        else:
            del self.fields["owner"]
            self.fields["asset"].queryset = IpAsset.objects.filter(holder=user)
        self.fields["asset"].required = False


class AlertForm(BootstrapMixin, forms.ModelForm):
    owner = forms.ModelChoiceField(label=_("Right holder"), queryset=User.objects.none())

    class Meta:
        model = InfringementAlert
        fields = [
            "owner",
            "title",
            "watch",
            "asset",
            "detected_on",
            "suspected_infringer",
            "evidence_url",
            "severity",
            "description",
        ]
        widgets = {"detected_on": DATE}
        formfield_callback = https_urls

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = client_users()
        self.fields["watch"].queryset = InfringementWatch.objects.filter(is_active=True).select_related(
            "owner"
        )
        self.fields["asset"].queryset = IpAsset.objects.select_related("holder")


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class AlertActionForm(BootstrapMixin, forms.Form):
    action = forms.ChoiceField(label=_("Response measure"), choices=InfringementAlert.Action.choices)
    note = forms.CharField(label=_("Action taken"), widget=forms.Textarea(attrs={"rows": 2}))


class DisputeForm(BootstrapMixin, forms.ModelForm):
    owner = forms.ModelChoiceField(label=_("Right holder"), queryset=User.objects.none(), required=False)
    counterparty = forms.CharField(label=_("Opposing party"), max_length=200, required=False)

    class Meta:
        model = Dispute
        fields = [
            "title",
            "kind",
            "assets",
            "summary",
            "forum",
            "case_number",
            "filed_on",
            "amount_claimed",
            "handler",
        ]
        widgets = {
            "filed_on": DATE,
            "assets": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        staff = user is not None and user.has_perm("ip_services.manage")
        self.fields["assets"].required = False
        if staff:
            self.fields["owner"].queryset = client_users()
            self.fields["owner"].required = True
            self.fields["handler"].queryset = staff_users()
            self.fields["assets"].queryset = IpAsset.objects.select_related("holder")
        else:
            del self.fields["owner"]
            del self.fields["handler"]
            self.fields["assets"].queryset = IpAsset.objects.filter(holder=user)


class PartyForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = DisputeParty
        fields = ["name", "role", "is_client", "representative"]


class EvidenceForm(BootstrapMixin, forms.ModelForm):
    file = forms.FileField(label=_("File"), required=False)

    class Meta:
        model = DisputeEvidence
        fields = ["title", "kind", "collected_on", "description"]
        widgets = {"collected_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}


class CloseForm(BootstrapMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Dispute outcome"), choices=Dispute.Outcome.choices)
    amount_recovered = forms.DecimalField(
        label=_("Amount recovered (yuan)"), min_value=0, decimal_places=2, required=False
    )
    note = forms.CharField(
        label=_("Outcome details"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
