"""Serializers of the matching API: output shapes and validated inputs for every operation."""

from __future__ import annotations

from rest_framework import serializers

from achievements.models import ApplicationScenario, CooperationMode, TechnicalField
from platform_core.api.validators import check_period

from ..models import (
    AgendaItem,
    Agreement,
    AgreementClause,
    AgreementTemplate,
    ChallengeApplication,
    CoordinationAction,
    Demand,
    DockingProject,
    EventRegistration,
    EventSession,
    FeedbackRequest,
    FollowUp,
    ImplementationIssue,
    ImplementationProject,
    MatchingWeights,
    MatchmakingEvent,
    MatchSuggestion,
    Milestone,
    NegotiationRecord,
    ProposedTerms,
    RiskFlag,
    StageAssessment,
    TemplateClause,
    ValuationWorksheet,
)
from ..reasons import reason_label


class CodeRelated(serializers.SlugRelatedField):
    def __init__(self, model, **kwargs):
        super().__init__(slug_field="code", queryset=model.objects.all(), **kwargs)


# --------------------------------------------------------------------------- demands
class DemandSerializer(serializers.ModelSerializer):
    technical_field = CodeRelated(TechnicalField, allow_null=True, required=False)
    scenarios = CodeRelated(ApplicationScenario, many=True, required=False)
    cooperation_modes = CodeRelated(CooperationMode, many=True, required=False)
    organization = serializers.StringRelatedField()
    owner = serializers.StringRelatedField()
    number = serializers.CharField(read_only=True)

    class Meta:
        model = Demand
        fields = [
            "id", "number", "title", "owner", "organization", "technical_field", "scenarios", "min_maturity", "min_trl",
            "cooperation_modes", "budget_min", "budget_max", "region", "deadline", "description", "tags",
            "confidentiality", "is_challenge", "reward", "state", "published_at", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["state", "published_at", "created_at", "updated_at"]


class DemandListSerializer(serializers.ModelSerializer):
    technical_field = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organization = serializers.StringRelatedField()

    class Meta:
        model = Demand
        fields = [
            "id",
            "title",
            "organization",
            "technical_field",
            "state",
            "is_challenge",
            "deadline",
            "region",
            "published_at",
            "updated_at",
        ]


class ChallengeApplicationSerializer(serializers.ModelSerializer):
    applicant = serializers.StringRelatedField()

    class Meta:
        model = ChallengeApplication
        fields = [
            "id",
            "demand",
            "applicant",
            "achievement",
            "proposal",
            "team_summary",
            "state",
            "decided_at",
            "created_at",
        ]
        read_only_fields = ["demand", "applicant", "state", "decided_at", "created_at"]


class ChallengeApplyRequestSerializer(serializers.Serializer):
    proposal = serializers.CharField(max_length=10000)
    team_summary = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    achievement = serializers.IntegerField(required=False, allow_null=True)


# --------------------------------------------------------------------------- matching
class MatchReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    weight = serializers.FloatField()
    score = serializers.FloatField()
    points = serializers.FloatField()
    met = serializers.BooleanField()


class MatchSuggestionSerializer(serializers.ModelSerializer):
    achievement_name = serializers.CharField(source="achievement.name", read_only=True)
    demand_title = serializers.CharField(source="demand.title", read_only=True)
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = MatchSuggestion
        fields = [
            "id",
            "demand",
            "demand_title",
            "achievement",
            "achievement_name",
            "score",
            "text_score",
            "keywords",
            "reasons",
            "status",
            "weights_version",
            "computed_at",
        ]

    def get_reasons(self, obj) -> list[dict]:
        vocab = self.context.get("vocab")
        return [{**r, "label": reason_label(r, vocab)} for r in obj.reasons]


class MatchSuggestionStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=MatchSuggestion.Status.choices)


class DemandMatchSerializer(serializers.Serializer):
    demand = serializers.IntegerField()
    title = serializers.CharField()
    score = serializers.FloatField()
    reasons = MatchReasonSerializer(many=True)


class EnterpriseMatchSerializer(serializers.Serializer):
    organization = serializers.CharField()
    score = serializers.FloatField()
    demands = serializers.ListField(child=serializers.IntegerField())
    history = serializers.IntegerField()


class AchievementMatchesSerializer(serializers.Serializer):
    demands = DemandMatchSerializer(many=True)
    enterprises = EnterpriseMatchSerializer(many=True)


class MatchingWeightsSerializer(serializers.ModelSerializer):
    class Meta:
        model = MatchingWeights
        fields = [*MatchingWeights.CRITERIA, "k1", "b", "top_n", "min_score", "version", "updated_at"]
        read_only_fields = ["version", "updated_at"]


# --------------------------------------------------------------------------- docking
class DockingProjectSerializer(serializers.ModelSerializer):
    achievement_name = serializers.CharField(source="achievement.name", read_only=True)
    enterprise = serializers.StringRelatedField()
    enterprise_org = serializers.StringRelatedField()
    assigned_to = serializers.StringRelatedField(allow_null=True)  # null until staff take the project
    number = serializers.CharField(read_only=True)

    class Meta:
        model = DockingProject
        fields = [
            "id", "number", "title", "achievement", "achievement_name", "demand", "enterprise", "enterprise_org", "source",
            "message", "assigned_to", "state", "closed_reason", "intent_at", "signed_at", "closed_at", "created_at", "updated_at",
        ]  # fmt: skip


class DockingInquirySerializer(serializers.Serializer):
    achievement = serializers.IntegerField()
    message = serializers.CharField(max_length=5000)
    demand = serializers.IntegerField(required=False, allow_null=True)


class NegotiationRecordSerializer(serializers.ModelSerializer):
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = NegotiationRecord
        fields = [
            "id",
            "kind",
            "occurred_at",
            "participants",
            "summary",
            "next_steps",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["recorded_by", "created_at"]


class ProposedTermsSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProposedTerms
        fields = [
            "id", "project", "version", "proposed_by", "cooperation_mode", "technical_scope", "exclusive", "territory",
            "field_of_use", "term_years", "payment_method", "price", "royalty_rate", "equity_share", "payment_schedule",
            "acceptance_criteria", "ip_warranty", "confidentiality", "dispute_resolution", "note", "agreed", "created_at",
        ]  # fmt: skip
        read_only_fields = ["project", "version", "agreed", "created_at"]


class ValuationWorksheetSerializer(serializers.ModelSerializer):
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)  # null until the first save

    class Meta:
        model = ValuationWorksheet
        fields = [
            "rd_cost", "replacement_factor", "obsolescence_rate", "comparable_prices", "market_adjustment",
            "annual_revenue", "share_rate", "discount_rate", "risk_factor", "note", "results", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["results", "updated_at"]


class ComparableDealSerializer(serializers.ModelSerializer):
    achievement = serializers.CharField(source="project.achievement.name")

    class Meta:
        model = Agreement
        fields = ["id", "achievement", "contract_type", "value", "signed_on"]


class DockingDocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.ChoiceField(choices=["feasibility", "market_data", "minutes", "other"])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class DockingAttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    kind = serializers.CharField()
    size = serializers.IntegerField()


class AgreementDraftRequestSerializer(serializers.Serializer):
    template = serializers.SlugRelatedField(
        slug_field="code", queryset=AgreementTemplate.objects.filter(is_active=True)
    )
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


# --------------------------------------------------------------------------- agreements
class AgreementClauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgreementClause
        fields = ["code", "title", "body", "order"]


class RiskFlagSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()
    suggestion = serializers.SerializerMethodField()

    class Meta:
        model = RiskFlag
        fields = ["id", "code", "label", "suggestion", "severity", "status", "waiver_reason", "handled_at"]

    def get_label(self, obj) -> str:
        return str(obj.label)

    def get_suggestion(self, obj) -> str:
        return str(obj.suggestion)


class AgreementSerializer(serializers.ModelSerializer):
    template = serializers.SlugRelatedField(slug_field="code", read_only=True)
    clauses = AgreementClauseSerializer(many=True, read_only=True)
    risk_flags = RiskFlagSerializer(many=True, read_only=True)
    number = serializers.CharField(read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id", "number", "project", "template", "contract_type", "title", "party_a", "party_b", "value", "terms", "state",
            "version", "reviewed_at", "signed_on", "archive_code", "registration_body", "registration_number",
            "registered_on", "tax_incentive", "tax_incentive_amount", "clauses", "risk_flags", "created_at", "updated_at",
        ]  # fmt: skip


class AgreementListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = [
            "id",
            "project",
            "contract_type",
            "title",
            "value",
            "state",
            "signed_on",
            "registration_number",
            "updated_at",
        ]


class AgreementUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        help_text="The version you loaded (optimistic locking: a stale one answers 409)."
    )
    title = serializers.CharField(required=False, max_length=200)
    party_a = serializers.CharField(required=False, max_length=200)
    party_b = serializers.CharField(required=False, max_length=200)
    value = serializers.DecimalField(
        required=False, allow_null=True, max_digits=14, decimal_places=2, min_value=0
    )
    clauses = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)


class RiskWaiveSerializer(serializers.Serializer):
    flag = serializers.IntegerField()
    reason = serializers.CharField(max_length=2000)


class AgreementSignSerializer(serializers.Serializer):
    signed_on = serializers.DateField()
    value = serializers.DecimalField(
        required=False, allow_null=True, max_digits=14, decimal_places=2, min_value=0
    )
    signed_copy = serializers.FileField(required=False)


class ContractRegistrationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = [
            "registration_body",
            "registration_number",
            "registered_on",
            "tax_incentive",
            "tax_incentive_amount",
        ]


class AgreementReportRefSerializer(serializers.Serializer):
    report = serializers.IntegerField()
    status = serializers.CharField()


class TemplateClauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = TemplateClause
        fields = ["id", "code", "title", "body", "order", "required"]


class AgreementTemplateSerializer(serializers.ModelSerializer):
    clauses = TemplateClauseSerializer(many=True, read_only=True)

    class Meta:
        model = AgreementTemplate
        fields = ["id", "code", "name", "contract_type", "description", "is_active", "clauses"]


# --------------------------------------------------------------------------- implementation
class ImplementationMilestoneSerializer(serializers.ModelSerializer):
    is_overdue = serializers.BooleanField(read_only=True)
    delay_days = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Milestone
        fields = [
            "id",
            "title",
            "deliverable",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "status",
            "payment_share",
            "is_overdue",
            "delay_days",
        ]


class CoordinationActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CoordinationAction
        fields = ["id", "taken_on", "description"]


class ImplementationIssueSerializer(serializers.ModelSerializer):
    actions = CoordinationActionSerializer(many=True, read_only=True)

    class Meta:
        model = ImplementationIssue
        fields = ["id", "title", "description", "severity", "raised_on", "status", "resolved_on", "actions"]
        read_only_fields = ["raised_on", "status", "resolved_on"]


class CoordinationActionRequestSerializer(serializers.Serializer):
    issue = serializers.IntegerField()
    description = serializers.CharField(max_length=5000)
    resolve = serializers.BooleanField(required=False, default=False)


class StageAssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = StageAssessment
        fields = ["id", "period", "assessed_on", "rating", "progress_percent", "findings", "adjustments"]


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "visited_on", "mode", "participants", "summary", "problems", "next_visit_on"]


class ImplementationFeedbackSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeedbackRequest
        fields = ["id", "recipient", "due_on", "question", "answered_at", "rating", "comments", "survey_url"]
        read_only_fields = ["answered_at", "rating", "comments"]


class ImplementationFeedbackAnswerSerializer(serializers.Serializer):
    request = serializers.IntegerField()
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comments = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class ImplementationOutcomeSerializer(serializers.Serializer):
    outcome_kind = serializers.ChoiceField(
        choices=[c for c in ImplementationProject.OutcomeKind.choices if c[0]]
    )
    outcome_description = serializers.CharField(max_length=10000)
    revenue = serializers.DecimalField(
        required=False, allow_null=True, max_digits=14, decimal_places=2, min_value=0
    )
    evidence = serializers.FileField(required=False)


class ImplementationProjectSerializer(serializers.ModelSerializer):
    milestones = ImplementationMilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = ImplementationProject
        fields = [
            "id", "agreement", "project", "achievement", "title", "manager", "started_on", "state", "outcome_kind",
            "outcome_description", "revenue", "converted_on", "ended_on", "milestones", "created_at", "updated_at",
        ]  # fmt: skip


class ImplementationProjectListSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImplementationProject
        fields = [
            "id",
            "agreement",
            "achievement",
            "title",
            "state",
            "started_on",
            "converted_on",
            "updated_at",
        ]


# --------------------------------------------------------------------------- events
class MatchmakingEventSerializer(serializers.ModelSerializer):
    technical_field = CodeRelated(TechnicalField, allow_null=True, required=False)

    class Meta:
        model = MatchmakingEvent
        fields = [
            "id", "title", "mode", "venue", "online_link", "starts_at", "ends_at", "registration_deadline", "capacity",
            "technical_field", "session_minutes", "description", "state", "created_at",
        ]  # fmt: skip
        read_only_fields = ["state", "created_at"]

    def validate(self, attrs):
        check_period(attrs, self.instance, "starts_at", "ends_at", "registration_deadline")
        return attrs


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "starts_at", "ends_at", "title", "speaker", "description"]

    def validate(self, attrs):
        check_period(attrs, self.instance, "starts_at", "ends_at")
        return attrs


class EventRegistrationSerializer(serializers.ModelSerializer):
    user = serializers.StringRelatedField()

    class Meta:
        model = EventRegistration
        fields = ["id", "event", "user", "side", "achievement", "demand", "note", "status", "checked_in_at"]


class EventRegisterRequestSerializer(serializers.Serializer):
    achievement = serializers.IntegerField(required=False, allow_null=True)
    demand = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class EventSessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventSession
        fields = [
            "id",
            "event",
            "demand_side",
            "supply_side",
            "starts_at",
            "ends_at",
            "table",
            "achievement",
            "demand",
            "status",
            "outcome",
            "outcome_note",
        ]
        read_only_fields = ["event", "status", "outcome", "outcome_note"]


class EventSessionRequestSerializer(serializers.Serializer):
    demand_side = serializers.IntegerField(help_text="registration id of the demand side")
    supply_side = serializers.IntegerField(help_text="registration id of the supply side")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(required=False, allow_null=True)
    table = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)


class EventSessionOutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[c for c in EventSession.Outcome.choices if c[0]])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    open_project = serializers.BooleanField(required=False, default=False)
