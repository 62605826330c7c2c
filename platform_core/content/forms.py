from __future__ import annotations

import re

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.models import User
from platform_core.accounts.roles import Role

from .models import Article, Consultation, Feedback, Tag
from .services import EDITABLE_FIELDS

# Records a benchmark case may point to, once those apps have them.
RELATED_MODELS = Q(app_label="achievements", model="achievement") | Q(app_label="matching", model="agreement")
TAG_SPLIT = re.compile(r"[,，、;；\s]+")


def indicators_to_text(rows: list[dict]) -> str:
    return "\n".join(
        " | ".join(str(row.get(k, "")) for k in ("name", "value", "unit", "note")).rstrip(" |")
        for row in rows or []
    )


def text_to_indicators(text: str) -> list[dict]:
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in re.split(r"[|｜]", line)] + ["", "", "", ""]
        rows.append({"name": parts[0], "value": parts[1], "unit": parts[2], "note": parts[3]})
    return rows


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ArticleForm(forms.ModelForm):
    tag_names = forms.MultipleChoiceField(
        label=_("Tags"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    new_tags = forms.CharField(
        label=_("New tags"),
        required=False,
        max_length=300,
        help_text=_("Separate several tags with commas, e.g. 医保报销, 创新激励."),
    )
    source_url = forms.URLField(label=_("source link"), required=False, assume_scheme="https", max_length=200)
    registration_url = forms.URLField(
        label=_("registration link"), required=False, assume_scheme="https", max_length=200
    )
    indicators_text = forms.CharField(
        label=_("Indicators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One indicator per line: name | value | unit | note, e.g. 患者人数 | 7000 | 万人 | 估算."
        ),
    )

    class Meta:
        model = Article
        fields = [f for f in EDITABLE_FIELDS if f not in {"indicators", "source_url", "registration_url"}]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14, "data-rich-text": "1"}),
            "interpretation": forms.Textarea(attrs={"rows": 8, "data-rich-text": "1"}),
            "compliance_guidance": forms.Textarea(attrs={"rows": 6, "data-rich-text": "1"}),
            "effective_date": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag_names"].choices = [(t.name, t.name) for t in Tag.objects.order_by("name")]
        self.fields["related_content_type"].queryset = ContentType.objects.filter(RELATED_MODELS)
        if self.instance.pk:
            self.initial.setdefault("tag_names", [t.name for t in self.instance.tags.all()])
            self.initial.setdefault("indicators_text", indicators_to_text(self.instance.indicators))
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            field.widget.attrs.setdefault("class", css)
            if name == "featured":
                field.help_text = _("Featured items are shown first on the information hub.")

    def clean(self):
        data = super().clean()
        data["indicators"] = text_to_indicators(data.get("indicators_text", ""))
        for row_no, row in enumerate(data["indicators"], start=1):
            if not row["name"]:
                self.add_error("indicators_text", _("Line %(n)d has no indicator name.") % {"n": row_no})
        return data

    def tag_list(self) -> list[str]:
        names = list(self.cleaned_data.get("tag_names") or [])
        names += [n for n in TAG_SPLIT.split(self.cleaned_data.get("new_tags") or "") if n]
        return names

    def article_data(self) -> dict:
        return {f: self.cleaned_data.get(f) for f in EDITABLE_FIELDS if f in self.cleaned_data}


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs.setdefault("class", "form-check-input")
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class ConsultationForm(StyledForm):
    category = forms.ChoiceField(label=_("Category"), choices=Consultation.Category.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    question = forms.CharField(
        label=_("Question"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_(
            "Describe the situation: the achievement or product concerned, the stage it is at and what you need "
            "to know (e.g. drug registration, medical device certification, insurance reimbursement)."
        ),
    )
    contact = forms.CharField(
        label=_("Contact (optional)"),
        max_length=100,
        required=False,
        help_text=_("A phone number or email if you would like a call back."),
    )


class MessageForm(StyledForm):
    text = forms.CharField(label=_("Text"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)


class AssignForm(StyledForm):
    assignee = forms.ModelChoiceField(label=_("Service specialist"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            User.objects.filter(groups__name__in=[Role.STAFF, Role.ADMIN], is_active=True)
            .distinct()
            .order_by("display_name", "username")
        )


class FeedbackForm(StyledForm):
    category = forms.ChoiceField(label=_("Category"), choices=Feedback.Category.choices)
    respondent = forms.ChoiceField(label=_("You are"), choices=Feedback.Respondent.choices)
    target = forms.CharField(
        label=_("Product, technology or service"),
        max_length=200,
        help_text=_("What your opinion is about, e.g. a product or technology name."),
    )
    body = forms.CharField(
        label=_("Opinion or suggestion"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    contact = forms.CharField(label=_("Contact (optional)"), max_length=100, required=False)


class TagForm(StyledForm):
    name = forms.CharField(label=_("Tag"), max_length=40)
