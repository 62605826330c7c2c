"""Serializers of the evaluation API (read shapes and the request bodies of the actions)."""

from __future__ import annotations

from rest_framework import serializers

from evaluation.models import (
    ComparisonMatrix,
    Criterion,
    DelphiRound,
    Evaluation,
    Expert,
    ExpertRelation,
    Indicator,
    IndicatorLevel,
    IndicatorSystem,
    MaterialAudit,
    PanelMember,
    ScorecardEvaluation,
    ScorecardSheet,
    ScorecardTemplate,
    ScoreSheet,
    TrlLevel,
    TrlScale,
)


class IndicatorLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorLevel
        fields = ["id", "min_score", "max_score", "label", "description"]


class IndicatorSerializer(serializers.ModelSerializer):
    levels = IndicatorLevelSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "parent",
            "code",
            "name",
            "level",
            "clause",
            "description",
            "weight",
            "order",
            "levels",
        ]


class IndicatorSystemSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorSystem
        fields = [
            "id",
            "code",
            "version",
            "name",
            "description",
            "state",
            "is_default",
            "score_max",
            "weight_method",
            "derived_from",
            "created_at",
            "updated_at",
        ]


class IndicatorSystemDetailSerializer(IndicatorSystemSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta(IndicatorSystemSerializer.Meta):
        fields = [*IndicatorSystemSerializer.Meta.fields, "indicators"]


class WeightsSerializer(serializers.Serializer):
    weights = serializers.DictField(
        child=serializers.DecimalField(max_digits=10, decimal_places=6),
        help_text="{indicator id: local weight}",
    )


class ComparisonMatrixSerializer(serializers.ModelSerializer):
    consistent = serializers.BooleanField(read_only=True)

    class Meta:
        model = ComparisonMatrix
        fields = [
            "id",
            "system",
            "parent",
            "expert",
            "items",
            "values",
            "weights",
            "lambda_max",
            "ci",
            "cr",
            "consistent",
            "is_aggregate",
            "note",
            "created_at",
            "adopted_at",
        ]
        read_only_fields = fields


class MatrixInputSerializer(serializers.Serializer):
    system = serializers.PrimaryKeyRelatedField(queryset=IndicatorSystem.objects.all())
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Indicator.objects.all(), allow_null=True, required=False
    )
    values = serializers.JSONField(
        help_text='A full n×n matrix, or the upper triangle as {"0,1": "3", "0,2": "1/5", …}.'
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AhpComputeSerializer(serializers.Serializer):
    matrix = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()), help_text="n×n; entries like 3 or 1/3"
    )


class AhpResultSerializer(serializers.Serializer):
    weights = serializers.ListField(child=serializers.FloatField())
    lambda_max = serializers.FloatField()
    ci = serializers.FloatField()
    cr = serializers.FloatField()
    consistent = serializers.BooleanField()


class AggregateInputSerializer(serializers.Serializer):
    # ids within the database's integer range (a larger one crashed the pk__in lookup)
    matrices = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), min_length=2
    )


class TrlLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrlLevel
        fields = ["id", "level", "name", "description", "evidence"]


class TrlScaleSerializer(serializers.ModelSerializer):
    levels = TrlLevelSerializer(many=True, read_only=True)

    class Meta:
        model = TrlScale
        fields = [
            "id",
            "code",
            "name",
            "source",
            "description",
            "applies_to",
            "is_default",
            "order",
            "levels",
        ]
        read_only_fields = ["code"]


class DelphiRoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = DelphiRound
        fields = [
            "id",
            "system",
            "number",
            "title",
            "instructions",
            "state",
            "experts",
            "full_score",
            "cv_threshold",
            "p_threshold",
            "due_date",
            "results",
            "consensus",
            "adopted_system",
            "created_at",
            "closed_at",
        ]
        read_only_fields = [
            "number",
            "state",
            "results",
            "consensus",
            "adopted_system",
            "created_at",
            "closed_at",
        ]


class DelphiAnswerSerializer(serializers.Serializer):
    ratings = serializers.DictField(
        child=serializers.DictField(), help_text='{indicator id: {"score": 1..full, "comment": ""}}'
    )
    familiarity = serializers.ChoiceField(
        choices=["very_familiar", "familiar", "moderate", "unfamiliar", "very_unfamiliar"]
    )
    basis = serializers.DictField(
        child=serializers.ChoiceField(choices=["high", "medium", "low"]),
        help_text='{"theory"|"practice"|"peers"|"intuition": "high"|"medium"|"low"}',
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ExpertRelationSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExpertRelation
        fields = ["id", "organization", "person_name", "description", "created_at"]


class ExpertSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.__str__", read_only=True)
    relations = ExpertRelationSerializer(many=True, read_only=True)
    load = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Expert
        fields = [
            "id",
            "user",
            "name",
            "organization",
            "title",
            "discipline",
            "panel_role",
            "sector",
            "expertise",
            "bio",
            "max_load",
            "is_active",
            "load",
            "relations",
        ]


class PanelMemberSerializer(serializers.ModelSerializer):
    expert_name = serializers.CharField(source="expert.__str__", read_only=True)
    declaration_signed_at = serializers.DateTimeField(
        source="declaration.signed_at", read_only=True, default=None
    )
    sheet = serializers.PrimaryKeyRelatedField(read_only=True, default=None)

    class Meta:
        model = PanelMember
        fields = [
            "id",
            "evaluation",
            "expert",
            "expert_name",
            "panel_role",
            "is_chair",
            "state",
            "replaces",
            "recusal_reason",
            "declaration_signed_at",
            "sheet",
            "assigned_at",
        ]
        read_only_fields = fields


class EvaluationSerializer(serializers.ModelSerializer):
    achievement_name = serializers.CharField(source="achievement.name", read_only=True)
    # blank until the conclusion is written: declared so that the schema allows ""
    maturity_conclusion = serializers.ChoiceField(
        choices=Evaluation._meta.get_field("maturity_conclusion").choices, allow_blank=True, read_only=True
    )
    number = serializers.CharField(read_only=True)

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "number",
            "achievement",
            "achievement_name",
            "indicator_system",
            "trl_scale",
            "state",
            "mode",
            "due_date",
            "leader",
            "work_group",
            "aggregation",
            "trim_proportion",
            "hide_others_until_submitted",
            "min_per_role",
            "outlier_threshold",
            "panel_score",
            "recommend_publication",
            "conclusion",
            "maturity_conclusion",
            "trl_conclusion",
            "report_code",
            "report",
            "created_at",
            "started_at",
            "closed_at",
        ]
        extra_kwargs = {
            "indicator_system": {"required": False, "allow_null": True},
            "trl_scale": {"required": False, "allow_null": True},
            "leader": {"required": False, "allow_null": True},
        }
        read_only_fields = [
            "state",
            "panel_score",
            "recommend_publication",
            "conclusion",
            "maturity_conclusion",
            "trl_conclusion",
            "report_code",
            "report",
            "created_at",
            "started_at",
            "closed_at",
        ]


class EvaluationDetailSerializer(EvaluationSerializer):
    panel = PanelMemberSerializer(source="panel_members", many=True, read_only=True)

    class Meta(EvaluationSerializer.Meta):
        fields = [
            *EvaluationSerializer.Meta.fields,
            "overview",
            "transfer_suggestions",
            "expert_suggestions",
            "trl_assessment",
            "meeting_at",
            "meeting_place",
            "meeting_minutes",
            "consolidated_opinion",
            "panel",
        ]


class AssignSerializer(serializers.Serializer):
    expert = serializers.IntegerField()
    is_chair = serializers.BooleanField(required=False, default=False)


class AuditSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=MaterialAudit.Result.choices)
    reasons = serializers.CharField(required=False, allow_blank=True, default="")


class ConclusionSerializer(serializers.Serializer):
    overview = serializers.CharField(required=False, allow_blank=True)
    recommend_publication = serializers.BooleanField(required=False, allow_null=True)
    conclusion = serializers.CharField(required=False, allow_blank=True)
    transfer_suggestions = serializers.CharField(required=False, allow_blank=True)
    expert_suggestions = serializers.CharField(required=False, allow_blank=True)
    trl_assessment = serializers.CharField(required=False, allow_blank=True)
    maturity_conclusion = serializers.ChoiceField(choices=["", "lab", "pilot", "industrial"], required=False)
    trl_conclusion = serializers.IntegerField(min_value=1, max_value=9, required=False, allow_null=True)
    meeting_at = serializers.DateTimeField(required=False, allow_null=True)
    meeting_place = serializers.CharField(required=False, allow_blank=True)
    meeting_minutes = serializers.CharField(required=False, allow_blank=True)
    consolidated_opinion = serializers.CharField(required=False, allow_blank=True)
    swot = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


class DeclarationSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=100)
    agreed = serializers.BooleanField()


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)
    replacement = serializers.IntegerField(required=False, help_text="expert id of the replacement")


class ScoreSheetSerializer(serializers.ModelSerializer):
    expert = serializers.CharField(source="panel_member.expert.__str__", read_only=True)
    evaluation = serializers.IntegerField(source="panel_member.evaluation_id", read_only=True)

    class Meta:
        model = ScoreSheet
        fields = [
            "id",
            "evaluation",
            "expert",
            "state",
            "version",
            "trl_level",
            "weighted_total",
            "recommend",
            "submitted_at",
            "updated_at",
        ]
        read_only_fields = fields


class SheetSaveSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        help_text="The version you loaded; a stale one answers 409 with the current sheet."
    )
    scores = serializers.DictField(
        child=serializers.DictField(),
        required=False,
        help_text='{indicator id: {"score": "7.5", "comment": "", "evidence": ""}}',
    )
    swot = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)
    trl_level = serializers.IntegerField(min_value=1, max_value=9, required=False, allow_null=True)
    trl_evidence = serializers.CharField(required=False, allow_blank=True)
    overall_comment = serializers.CharField(required=False, allow_blank=True)
    recommend = serializers.BooleanField(required=False, allow_null=True)


class SubmitSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = [
            "id",
            "parent",
            "code",
            "title",
            "order",
            "max_points",
            "requirement",
            "scoring_rule",
            "is_bonus",
        ]


class ScorecardTemplateSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = ScorecardTemplate
        fields = [
            "id",
            "code",
            "name",
            "description",
            "bonus_max",
            "grade_bands",
            "aggregation",
            "is_active",
            "criteria",
        ]


class ScorecardEvaluationSerializer(serializers.ModelSerializer):
    members = serializers.ListField(child=serializers.IntegerField(), write_only=True, required=False)

    class Meta:
        model = ScorecardEvaluation
        fields = [
            "id",
            "template",
            "title",
            "state",
            "aggregation",
            "trim_proportion",
            "hide_others_until_submitted",
            "due_date",
            "total",
            "grade",
            "grade_label",
            "notes",
            "members",
            "created_at",
            "closed_at",
        ]
        read_only_fields = ["state", "total", "grade", "grade_label", "created_at", "closed_at"]


class ScorecardSheetSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScorecardSheet
        fields = [
            "id",
            "evaluation",
            "member",
            "state",
            "version",
            "total",
            "comment",
            "submitted_at",
            "updated_at",
        ]
        read_only_fields = fields


class ScorecardSaveSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    scores = serializers.DictField(
        child=serializers.DictField(),
        required=False,
        help_text='{criterion id: {"points": "1.5", "comment": ""}}',
    )
    overall_comment = serializers.CharField(required=False, allow_blank=True)


class JsonSerializer(serializers.Serializer):
    """Free-form JSON result (aggregation, statistics)."""

    def to_representation(self, instance):
        return instance


def _name_components() -> None:
    """Unique OpenAPI component names (other apps have e.g. their own ``Indicator`` and ``Assign``)."""
    from drf_spectacular.utils import extend_schema_serializer

    keep = ("Evaluation", "Scorecard", "Delphi", "ScoreSheet", "Trl")
    for name, obj in list(globals().items()):
        if (
            isinstance(obj, type)
            and issubclass(obj, serializers.BaseSerializer)
            and obj.__module__ == __name__
        ):
            base = name.removesuffix("Serializer")
            extend_schema_serializer(component_name=base if base.startswith(keep) else f"Evaluation{base}")(
                obj
            )


_name_components()
