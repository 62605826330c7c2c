"""Serializers of the achievements API. Confidential sections the caller may not read are left out."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from platform_core.accounts.models import Organization

from .models import (
    CONFIDENTIAL_SECTIONS,
    Achievement,
    AchievementType,
    ApplicationCase,
    ApplicationScenario,
    Confidentiality,
    CooperationMode,
    IpStatusEntry,
    RequiredMaterial,
    Submission,
    TeamMember,
    TechnicalField,
    TechnicalParameter,
)
from .selectors import visible_fields

# Confidential section -> the API fields that carry it.
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "background": ("background",),
    "innovation_points": ("innovation_points",),
    "contributions": ("contributions",),
    "application_cases": ("application_cases",),
    "technical_parameters": ("technical_parameters",),
    "ip_status": ("ip_entries",),
    "team": ("team_members",),
    "cooperation_note": ("cooperation_note",),
    "technical_details": ("technical_details",),
    "price_expectation": ("price_expectation",),
    "contact": ("contact_name", "contact_phone", "contact_email"),
}


class VocabularySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    order = serializers.IntegerField()


class RequiredMaterialSerializer(serializers.ModelSerializer):
    achievement_type = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = RequiredMaterial
        fields = ["achievement_type", "code", "name", "description", "required", "order"]


class TechnicalParameterSerializer(serializers.ModelSerializer):
    class Meta:
        model = TechnicalParameter
        fields = ["name", "value", "unit", "method"]


class ApplicationCaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationCase
        fields = ["title", "site", "period", "description", "outcome"]


class IpStatusEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = IpStatusEntry
        fields = ["ip_type", "title", "number", "status", "protection_scope", "filed_on", "expires_on"]


class TeamMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = TeamMember
        fields = ["name", "role", "title", "organization_name", "division_of_work"]


class AchievementListSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    achievement_type = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    technical_field = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    holder = serializers.SerializerMethodField()
    organization = serializers.SerializerMethodField()
    assigned_to = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Achievement
        fields = [
            "id",
            "number",
            "name",
            "summary",
            "state",
            "state_label",
            "achievement_type",
            "technical_field",
            "maturity",
            "trl",
            "tags",
            "holder",
            "organization",
            "assigned_to",
            "version",
            "created_at",
            "updated_at",
            "submitted_at",
            "last_submitted_at",
            "decided_at",
            "published_at",
            "url",
        ]

    def get_holder(self, obj: Achievement) -> str:
        return str(obj.holder)

    def get_organization(self, obj: Achievement) -> str | None:
        return obj.organization.name if obj.organization_id else None

    def get_assigned_to(self, obj: Achievement) -> str | None:
        return str(obj.assigned_to) if obj.assigned_to_id else None

    def get_url(self, obj: Achievement) -> str:
        return obj.get_absolute_url()


class AchievementDetailSerializer(AchievementListSerializer):
    scenarios = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    cooperation_modes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    co_organizations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    technical_parameters = TechnicalParameterSerializer(many=True, read_only=True)
    application_cases = ApplicationCaseSerializer(many=True, read_only=True)
    ip_entries = IpStatusEntrySerializer(many=True, read_only=True)
    team_members = TeamMemberSerializer(many=True, read_only=True)
    price_expectation = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, allow_null=True
    )
    confidentiality = serializers.SerializerMethodField()
    hidden_sections = serializers.SerializerMethodField()

    class Meta(AchievementListSerializer.Meta):
        fields = [
            *AchievementListSerializer.Meta.fields,
            "scenarios",
            "co_organizations",
            "cooperation_modes",
            "background",
            "innovation_points",
            "contributions",
            "technical_details",
            "technical_parameters",
            "application_cases",
            "ip_entries",
            "team_members",
            "cooperation_note",
            "price_expectation",
            "contact_name",
            "contact_phone",
            "contact_email",
            "confidentiality",
            "hidden_sections",
        ]

    def _hidden(self, obj: Achievement) -> list[str]:
        cache = self.context.setdefault("_hidden", {})
        if obj.pk not in cache:
            request = self.context.get("request")
            user = getattr(request, "user", None)
            cache[obj.pk] = sorted(set(CONFIDENTIAL_SECTIONS) - visible_fields(obj, user))
        return cache[obj.pk]

    def get_confidentiality(self, obj: Achievement) -> dict[str, str]:
        return {key: obj.level_of(key) for key in CONFIDENTIAL_SECTIONS}

    def get_hidden_sections(self, obj: Achievement) -> list[str]:
        return self._hidden(obj)

    def to_representation(self, instance: Achievement) -> dict[str, Any]:
        data = super().to_representation(instance)
        for section in self._hidden(instance):
            for name in SECTION_FIELDS[section]:
                data.pop(name, None)
        return data


class AchievementWriteSerializer(serializers.ModelSerializer):
    """Create or update a draft; nested row lists replace the whole section; ``version`` is required to update."""

    version = serializers.IntegerField(required=False)
    achievement_type = serializers.SlugRelatedField(
        slug_field="code", queryset=AchievementType.objects.active(), required=False, allow_null=True
    )
    technical_field = serializers.SlugRelatedField(
        slug_field="code", queryset=TechnicalField.objects.active(), required=False, allow_null=True
    )
    scenarios = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=ApplicationScenario.objects.active(), required=False
    )
    cooperation_modes = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=CooperationMode.objects.active(), required=False
    )
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False, allow_null=True
    )
    co_organizations = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), many=True, required=False
    )
    price_expectation = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    background = serializers.CharField(required=False, allow_blank=True)
    innovation_points = serializers.CharField(required=False, allow_blank=True)
    contributions = serializers.CharField(required=False, allow_blank=True)
    technical_details = serializers.CharField(required=False, allow_blank=True)
    cooperation_note = serializers.CharField(required=False, allow_blank=True)
    contact_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    contact_phone = serializers.RegexField(r"^[0-9+()\-\s]{5,30}$", required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    confidentiality = serializers.DictField(
        child=serializers.ChoiceField(choices=Confidentiality.choices), required=False
    )
    technical_parameters = TechnicalParameterSerializer(many=True, required=False)
    application_cases = ApplicationCaseSerializer(many=True, required=False)
    ip_entries = IpStatusEntrySerializer(many=True, required=False)
    team_members = TeamMemberSerializer(many=True, required=False)

    class Meta:
        model = Achievement
        fields = [
            "version",
            "name",
            "summary",
            "achievement_type",
            "technical_field",
            "maturity",
            "trl",
            "tags",
            "organization",
            "co_organizations",
            "scenarios",
            "background",
            "innovation_points",
            "contributions",
            "technical_details",
            "cooperation_modes",
            "cooperation_note",
            "price_expectation",
            "contact_name",
            "contact_phone",
            "contact_email",
            "confidentiality",
            "technical_parameters",
            "application_cases",
            "ip_entries",
            "team_members",
        ]
        extra_kwargs = {"name": {"required": False}}

    def validate_confidentiality(self, value: dict[str, str]) -> dict[str, str]:
        unknown = set(value) - set(CONFIDENTIAL_SECTIONS)
        if unknown:
            raise serializers.ValidationError(f"Unknown sections: {', '.join(sorted(unknown))}")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None and not (attrs.get("name") or "").strip():
            raise serializers.ValidationError({"name": "This field is required."})
        return attrs


class SubmissionSerializer(serializers.ModelSerializer):
    created_by = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = ["number", "kind", "created_at", "created_by", "pdf_url"]

    def get_created_by(self, obj: Submission) -> str | None:
        return str(obj.created_by) if obj.created_by_id else None

    def get_pdf_url(self, obj: Submission) -> str:
        return reverse("achievements:submission_pdf", kwargs={"pk": obj.achievement_id, "number": obj.number})


class SubmissionDetailSerializer(SubmissionSerializer):
    data = serializers.JSONField(read_only=True)

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "data"]


class ReasonInputSerializer(serializers.Serializer):
    target_kind = serializers.ChoiceField(choices=["field", "material", "general"], default="general")
    target = serializers.CharField(required=False, allow_blank=True, default="", max_length=60)
    text = serializers.CharField(max_length=2000)


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "return_for_supplement", "refuse"])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    reasons = ReasonInputSerializer(many=True, required=False)


class ReassignSerializer(serializers.Serializer):
    assignee = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    before = serializers.JSONField()
    after = serializers.JSONField()


class RowsChangeSerializer(serializers.Serializer):
    section = serializers.CharField()
    label = serializers.CharField()
    added = serializers.ListField(child=serializers.DictField())
    removed = serializers.ListField(child=serializers.DictField())


class DiffSerializer(serializers.Serializer):
    a = serializers.IntegerField()
    b = serializers.IntegerField()
    fields = FieldChangeSerializer(many=True)
    rows = RowsChangeSerializer(many=True)
    attachments_added = serializers.ListField(child=serializers.DictField())
    attachments_removed = serializers.ListField(child=serializers.DictField())
    confidentiality = FieldChangeSerializer(many=True)


class AttachmentBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    original_name = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    created_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, obj) -> str:
        return reverse("attachments:download", kwargs={"pk": obj.pk})


class ChecklistItemSerializer(serializers.Serializer):
    code = serializers.CharField(source="material.code")
    name = serializers.CharField(source="material.name")
    required = serializers.BooleanField(source="material.required")
    present = serializers.BooleanField()
    files = AttachmentBriefSerializer(many=True)


class MaterialUploadSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=40)
    file = serializers.FileField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


# API list name -> row section of the services.
ROW_FIELDS = {
    "technical_parameters": "technical_parameters",
    "application_cases": "application_cases",
    "ip_entries": "ip_status",
    "team_members": "team",
}


def pop_rows(data: dict[str, Any]) -> dict[str, list]:
    return {section: data.pop(name) for name, section in ROW_FIELDS.items() if name in data}
