from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from rest_framework import serializers

from .. import indicators
from ..models import (
    AuditItem,
    Complaint,
    ConformityAudit,
    EvaluationSuggestion,
    EvaluationTrigger,
    ImprovementAction,
    MetricSnapshot,
    PanelMember,
    PlatformEvaluation,
    ServiceCase,
    ServiceStarEvaluation,
    SurveyCampaign,
    SurveyDimension,
    SurveyQuestion,
    SurveyResponse,
    SurveyTemplate,
)
from ..periods import PeriodType
from ..service_types import choices as service_choices

User = get_user_model()


class QualityIndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    clause = serializers.CharField()
    definition = serializers.CharField()
    formula = serializers.CharField()
    numerator = serializers.CharField()
    denominator = serializers.CharField()
    unit = serializers.CharField()
    bands_text = serializers.CharField()
    bands = serializers.ListField(child=serializers.CharField())


class QualityMeasurementSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    period = serializers.CharField(help_text="e.g. quarter:2025-04-01")
    value = serializers.FloatField(allow_null=True)
    band = serializers.CharField(allow_null=True)
    band_label = serializers.CharField()
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    status = serializers.CharField()
    details = serializers.JSONField()


class MetricSnapshotSerializer(serializers.ModelSerializer):
    band = serializers.CharField(read_only=True, allow_null=True)
    band_label = serializers.SerializerMethodField()

    class Meta:
        model = MetricSnapshot
        fields = [
            "id",
            "indicator",
            "period_type",
            "period_start",
            "period_end",
            "status",
            "value",
            "band",
            "band_label",
            "numerator",
            "denominator",
            "details",
            "computed_at",
        ]

    def get_band_label(self, obj: MetricSnapshot) -> str:
        return str(obj.band_label)


class RecomputeSerializer(serializers.Serializer):
    period_type = serializers.ChoiceField(choices=PeriodType.choices)
    # a period far outside the platform's life overflowed the date arithmetic (a 500 found by schemathesis)
    period_start = serializers.DateField(
        validators=[MinValueValidator(dt.date(2000, 1, 1)), MaxValueValidator(dt.date(2100, 12, 31))]
    )


class ServiceCaseSerializer(serializers.ModelSerializer):
    record_type = serializers.CharField(source="content_type.model", read_only=True)

    class Meta:
        model = ServiceCase
        fields = [
            "id",
            "service_type",
            "record_type",
            "object_id",
            "user",
            "started_at",
            "responded_at",
            "response_days",
            "completed_at",
            "completion_state",
            "completion_days",
        ]


class SurveyQuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SurveyQuestion
        fields = ["id", "order", "text", "kind", "scale_min", "scale_max", "options", "required", "dimension"]


class SurveyDimensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SurveyDimension
        fields = ["id", "code", "name", "order"]


class SurveyTemplateSerializer(serializers.ModelSerializer):
    dimensions = SurveyDimensionSerializer(many=True, read_only=True)
    questions = SurveyQuestionSerializer(many=True, read_only=True)

    class Meta:
        model = SurveyTemplate
        fields = ["id", "code", "name", "description", "is_default", "is_active", "dimensions", "questions"]


class SurveyCampaignSerializer(serializers.ModelSerializer):
    invited = serializers.IntegerField(read_only=True)
    answered = serializers.IntegerField(read_only=True)
    mean = serializers.FloatField(read_only=True, allow_null=True)
    # blank for an ad-hoc campaign: declared so that the schema allows ""
    period_type = serializers.ChoiceField(choices=PeriodType.choices, allow_blank=True, read_only=True)

    class Meta:
        model = SurveyCampaign
        fields = [
            "id",
            "template",
            "kind",
            "title",
            "period_type",
            "period_start",
            "audience",
            "state",
            "valid_days",
            "reminder_after_days",
            "sent_at",
            "closed_at",
            "invited",
            "answered",
            "mean",
        ]
        read_only_fields = ["kind", "period_type", "period_start", "state", "sent_at", "closed_at"]


class CampaignResultsSerializer(serializers.Serializer):
    invited = serializers.IntegerField()
    answered = serializers.IntegerField()
    reminded = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)
    mean = serializers.FloatField(allow_null=True)
    dimensions = serializers.ListField(child=serializers.DictField())
    services = serializers.ListField(child=serializers.DictField())


class SurveyResponseSerializer(serializers.ModelSerializer):
    campaign = serializers.IntegerField(source="invitation.campaign_id", read_only=True)

    class Meta:
        model = SurveyResponse
        fields = ["id", "campaign", "submitted_at", "score", "service_type", "comment", "wants_contact"]


class SurveyAnswerInSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True), help_text="{question id: rating, choice index or text}"
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    wants_contact = serializers.BooleanField(required=False, default=False)


class PublicSurveySerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField()
    service_type = serializers.CharField()
    expires_at = serializers.DateTimeField()
    status = serializers.CharField()
    questions = SurveyQuestionSerializer(many=True)


class ComplaintSerializer(serializers.ModelSerializer):
    class Meta:
        model = Complaint
        fields = [
            "id",
            "code",
            "name",
            "phone",
            "email",
            "organization",
            "service_type",
            "related_label",
            "subject",
            "description",
            "expectation",
            "source",
            "state",
            "handler",
            "received_on",
            "acknowledge_due",
            "resolve_due",
            "acknowledged_at",
            "investigation",
            "resolution",
            "resolved_at",
            "confirmed_at",
            "closed_at",
            "escalated_at",
            "created_at",
        ]
        read_only_fields = [
            "code",
            "source",
            "state",
            "handler",
            "received_on",
            "acknowledge_due",
            "resolve_due",
            "acknowledged_at",
            "investigation",
            "resolution",
            "resolved_at",
            "confirmed_at",
            "closed_at",
            "escalated_at",
            "created_at",
        ]
        extra_kwargs = {
            "name": {"required": False},
            "service_type": {"choices": [("", "")] + service_choices()},
        }


class InvestigationSerializer(serializers.Serializer):
    investigation = serializers.CharField(max_length=10000)


class AuditItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditItem
        fields = [
            "id",
            "audit",
            "service_type",
            "object_id",
            "record_label",
            "checklist",
            "conforming",
            "finding",
            "checked_at",
        ]
        read_only_fields = fields


class AuditItemCheckSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.BooleanField(), help_text="{checklist item code: passed}"
    )
    finding = serializers.CharField(required=False, allow_blank=True, default="")


class ConformityAuditSerializer(serializers.ModelSerializer):
    items = AuditItemSerializer(many=True, read_only=True)

    class Meta:
        model = ConformityAudit
        fields = [
            "id",
            "code",
            "title",
            "service_type",
            "sample_from",
            "sample_to",
            "sample_size",
            "auditor_kind",
            "auditor",
            "external_auditor",
            "state",
            "summary",
            "completed_at",
            "items",
        ]
        read_only_fields = ["code", "state", "summary", "completed_at", "items"]


class ImprovementActionSerializer(serializers.ModelSerializer):
    is_overdue = serializers.BooleanField(read_only=True)
    # blank when the action is not tied to a period: declared so that the schema allows ""
    period_type = serializers.ChoiceField(choices=PeriodType.choices, allow_blank=True, read_only=True)
    indicator = serializers.ChoiceField(choices=indicators.choices(), allow_blank=True, read_only=True)
    # bounded like the plan endpoint's (a huge value overflowed the working-day arithmetic)
    deadline_days = serializers.IntegerField(
        min_value=1, max_value=ImprovementAction.DEADLINE_DAYS_MAX, required=False
    )

    class Meta:
        model = ImprovementAction
        fields = [
            "id",
            "code",
            "title",
            "source",
            "indicator",
            "period_type",
            "period_start",
            "baseline_value",
            "source_reference",
            "problem",
            "measures",
            "owner",
            "deadline_days",
            "start_date",
            "due_date",
            "state",
            "outcome",
            "verification_value",
            "verification_note",
            "is_overdue",
            "escalated_at",
            "complaint",
            "audit_item",
            "platform_evaluation",
        ]
        read_only_fields = [
            "code",
            "indicator",
            "period_type",
            "period_start",
            "baseline_value",
            "start_date",
            "due_date",
            "state",
            "outcome",
            "verification_value",
            "verification_note",
            "escalated_at",
            "complaint",
            "audit_item",
            "platform_evaluation",
        ]


class ActionPlanSerializer(serializers.Serializer):
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True)
    measures = serializers.CharField(allow_blank=True)
    deadline_days = serializers.IntegerField(min_value=1, max_value=ImprovementAction.DEADLINE_DAYS_MAX)


class PanelMemberSerializer(serializers.ModelSerializer):
    qualified = serializers.BooleanField(read_only=True)

    class Meta:
        model = PanelMember
        fields = [
            "id",
            "user",
            "organization",
            "professional_title",
            "expertise",
            "is_leader",
            "duties",
            "intermediate_title",
            "management_knowledge",
            "trained",
            "impartial",
            "hands_on_experience",
            "qualified",
        ]


class SuggestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationSuggestion
        fields = ["id", "text", "deadline_days", "action"]
        read_only_fields = ["action"]


class PlatformEvaluationSerializer(serializers.ModelSerializer):
    panel = PanelMemberSerializer(many=True, read_only=True)
    suggestions = SuggestionSerializer(many=True, read_only=True)
    panel_problems = serializers.SerializerMethodField()

    class Meta:
        model = PlatformEvaluation
        fields = [
            "id",
            "code",
            "title",
            "year",
            "reason",
            "trigger",
            "mode",
            "purpose",
            "site_visit_on",
            "state",
            "scorecard",
            "total",
            "grade",
            "grade_label",
            "overall_situation",
            "problems",
            "report",
            "archive_code",
            "panel",
            "suggestions",
            "panel_problems",
        ]
        read_only_fields = [
            "code",
            "reason",
            "trigger",
            "state",
            "scorecard",
            "total",
            "grade",
            "grade_label",
            "overall_situation",
            "problems",
            "report",
            "archive_code",
        ]

    def get_panel_problems(self, obj: PlatformEvaluation) -> list[str]:
        from ..services.platform_evaluation import panel_problems

        return [str(p) for p in panel_problems(obj)] if obj.state == "preparing" else []


class ConclusionsSerializer(serializers.Serializer):
    overall_situation = serializers.CharField()
    problems = serializers.CharField()


class IssueReportSerializer(serializers.Serializer):
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True, required=False)


class EvaluationTriggerSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationTrigger
        fields = ["id", "kind", "occurred_on", "description", "recorded_by", "created_at"]
        read_only_fields = ["recorded_by", "created_at"]


class ServiceStarSerializer(serializers.ModelSerializer):
    conditions_met = serializers.BooleanField(read_only=True)

    class Meta:
        model = ServiceStarEvaluation
        fields = [
            "id",
            "code",
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
            "conditions_met",
            "state",
            "scorecard",
            "total",
            "grade",
            "grade_label",
        ]
        read_only_fields = ["code", "state", "scorecard", "total", "grade", "grade_label"]


class StarMembersSerializer(serializers.Serializer):
    members = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), many=True)


def indicator_data(definition: indicators.Indicator) -> dict:
    return {
        "code": definition.code,
        "name": str(definition.name),
        "clause": definition.clause,
        "definition": str(definition.definition),
        "formula": str(definition.formula),
        "numerator": str(definition.numerator),
        "denominator": str(definition.denominator),
        "unit": definition.unit,
        "bands_text": str(definition.bands_text),
        "bands": list(definition.bands),
    }
