from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Organization, User
from .roles import Role


class LoginForm(AuthenticationForm):
    username = forms.CharField(label=_("Username or email"), max_length=254)

    error_messages = {
        **AuthenticationForm.error_messages,
        "pending": _("Your registration is waiting for approval by the platform staff."),
        "rejected": _("Your registration was not approved. Please contact the platform."),
    }

    def confirm_login_allowed(self, user: User) -> None:
        super().confirm_login_allowed(user)
        if user.approval_status == User.Approval.PENDING:
            raise forms.ValidationError(self.error_messages["pending"], code="pending")
        if user.approval_status == User.Approval.REJECTED:
            raise forms.ValidationError(self.error_messages["rejected"], code="rejected")


class RegistrationForm(forms.Form):
    role = forms.ChoiceField(
        label=_("I register as"),
        choices=[(Role.HOLDER, Role.HOLDER.label), (Role.ENTERPRISE, Role.ENTERPRISE.label)],
        widget=forms.RadioSelect,
    )
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_("Letters, digits and @/./+/-/_ only."),
    )
    display_name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("Email"))
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    organization_name = forms.CharField(label=_("Organisation"), max_length=200)
    organization_kind = forms.ChoiceField(label=_("Organisation type"), choices=Organization.Kind.choices)
    province = forms.CharField(label=_("Province"), max_length=50, required=False)
    city = forms.CharField(label=_("City"), max_length=50, required=False)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Confirm password"), widget=forms.PasswordInput, strip=False)
    agree = forms.BooleanField(
        label=_("I confirm that the information is true and accept the platform's service rules."),
        required=True,
    )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email already exists."))
        return email

    def clean(self) -> dict:
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            candidate = User(username=data.get("username", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "email", "phone", "title", "interests"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if email and User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("An account with this email already exists."))
        return email


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
