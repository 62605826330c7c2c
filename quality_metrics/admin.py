"""Web admin of service quality: every model, with the same rules as the pages (staff only)."""

from __future__ import annotations

from django.contrib import admin

from platform_core.accounts.roles import is_staff_member

from .models import (
    AuditItem,
    CodeSequence,
    Complaint,
    ConformityAudit,
    EvaluationSuggestion,
    EvaluationTrigger,
    ImprovementAction,
    MetricSnapshot,
    PanelMember,
    PlatformEvaluation,
    QualityReport,
    ScanWatermark,
    ServiceCase,
    ServiceStarEvaluation,
    SurveyAnswer,
    SurveyCampaign,
    SurveyDimension,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    SurveyTemplate,
)


class StaffAdmin(admin.ModelAdmin):
    """Staff may look; states change only through the workflow pages (state fields are read-only here)."""

    readonly_state_fields: tuple[str, ...] = ("state",)

    def has_module_permission(self, request) -> bool:
        return is_staff_member(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_staff_member(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_staff_member(request.user)

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        fields = [f.name for f in self.model._meta.fields if f.name in self.readonly_state_fields]
        return [*super().get_readonly_fields(request, obj), *fields]


class ReadOnlyAdmin(StaffAdmin):
    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(MetricSnapshot)
class MetricSnapshotAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "period_type", "period_start", "value", "status", "computed_at")
    list_filter = ("indicator", "period_type", "status")
    search_fields = ("indicator",)
    date_hierarchy = "period_start"


@admin.register(ServiceCase)
class ServiceCaseAdmin(ReadOnlyAdmin):
    list_display = ("service_type", "object_id", "user", "started_at", "response_days", "completion_days")
    list_filter = ("service_type",)
    list_select_related = ("user",)
    search_fields = ("object_id",)
    raw_id_fields = ("start_log", "user")


@admin.register(ScanWatermark)
class ScanWatermarkAdmin(ReadOnlyAdmin):
    list_display = ("name", "last_log_id", "updated_at")


@admin.register(CodeSequence)
class CodeSequenceAdmin(ReadOnlyAdmin):
    list_display = ("prefix", "year", "last")


class DimensionInline(admin.TabularInline):
    model = SurveyDimension
    extra = 0


class QuestionInline(admin.TabularInline):
    model = SurveyQuestion
    extra = 0
    fields = ("order", "dimension", "text", "kind", "scale_min", "scale_max", "options", "required")


@admin.register(SurveyTemplate)
class SurveyTemplateAdmin(StaffAdmin):
    list_display = ("name", "code", "is_default", "is_active")
    search_fields = ("name", "code")
    list_filter = ("is_default", "is_active")
    inlines = [DimensionInline, QuestionInline]

    def has_add_permission(self, request) -> bool:
        return is_staff_member(request.user)


@admin.register(SurveyCampaign)
class SurveyCampaignAdmin(StaffAdmin):
    list_display = ("title", "kind", "period_type", "period_start", "state", "sent_at")
    list_filter = ("kind", "state")
    search_fields = ("title",)
    list_select_related = ("template",)


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(ReadOnlyAdmin):
    list_display = (
        "campaign",
        "name",
        "service_type",
        "sent_at",
        "reminded_at",
        "expires_at",
        "responded_at",
    )
    list_filter = ("campaign__kind", "service_type")
    search_fields = ("name", "email")
    list_select_related = ("campaign",)
    exclude = ("token",)


class AnswerInline(admin.TabularInline):
    model = SurveyAnswer
    extra = 0
    can_delete = False
    readonly_fields = ("question", "rating", "choice", "text", "normalised")


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ReadOnlyAdmin):
    list_display = ("invitation", "submitted_at", "score", "service_type")
    list_filter = ("service_type", "invitation__campaign__kind")
    search_fields = ("comment",)
    list_select_related = ("invitation__campaign",)
    inlines = [AnswerInline]


@admin.register(Complaint)
class ComplaintAdmin(StaffAdmin):
    list_display = (
        "code",
        "subject",
        "name",
        "state",
        "received_on",
        "resolve_due",
        "handler",
        "escalated_at",
    )
    list_filter = ("state", "source", "service_type")
    search_fields = ("code", "subject", "name", "email", "phone")
    list_select_related = ("handler",)
    readonly_fields = ("code", "track_token", "escalated_at")


class AuditItemInline(admin.TabularInline):
    model = AuditItem
    extra = 0
    fields = ("record_label", "conforming", "finding", "checked_at")
    readonly_fields = ("record_label", "checked_at")


@admin.register(ConformityAudit)
class ConformityAuditAdmin(StaffAdmin):
    list_display = ("code", "title", "service_type", "auditor", "state", "completed_at")
    list_filter = ("state", "service_type", "auditor_kind")
    search_fields = ("code", "title")
    list_select_related = ("auditor",)
    inlines = [AuditItemInline]


@admin.register(AuditItem)
class AuditItemAdmin(StaffAdmin):
    list_display = ("record_label", "audit", "service_type", "conforming", "checked_at")
    list_filter = ("conforming", "service_type")
    search_fields = ("record_label", "finding")
    list_select_related = ("audit",)


@admin.register(ImprovementAction)
class ImprovementActionAdmin(StaffAdmin):
    list_display = ("code", "title", "source", "owner", "due_date", "state", "escalated_at")
    list_filter = ("state", "source", "indicator")
    search_fields = ("code", "title", "problem")
    list_select_related = ("owner",)
    raw_id_fields = ("audit_item", "complaint", "platform_evaluation")
    readonly_fields = ("code", "escalated_at")


class PanelInline(admin.TabularInline):
    model = PanelMember
    extra = 0


class SuggestionInline(admin.TabularInline):
    model = EvaluationSuggestion
    extra = 0
    readonly_fields = ("action",)


@admin.register(PlatformEvaluation)
class PlatformEvaluationAdmin(StaffAdmin):
    list_display = ("code", "title", "year", "mode", "state", "total", "grade_label", "archive_code")
    list_filter = ("state", "mode", "reason", "year")
    search_fields = ("code", "title")
    readonly_fields = ("code", "scorecard", "total", "grade", "grade_label", "report", "archive_code")
    inlines = [PanelInline, SuggestionInline]


@admin.register(EvaluationTrigger)
class EvaluationTriggerAdmin(StaffAdmin):
    list_display = ("kind", "occurred_on", "description", "recorded_by")
    list_filter = ("kind",)
    search_fields = ("description",)
    list_select_related = ("recorded_by",)

    def has_add_permission(self, request) -> bool:
        return is_staff_member(request.user)


@admin.register(ServiceStarEvaluation)
class ServiceStarEvaluationAdmin(StaffAdmin):
    list_display = ("code", "title", "subject_name", "party", "state", "total", "grade_label")
    list_filter = ("state", "party", "subject_kind")
    search_fields = ("code", "title", "subject_name")
    readonly_fields = ("code", "scorecard", "total", "grade", "grade_label")


@admin.register(QualityReport)
class QualityReportAdmin(ReadOnlyAdmin):
    list_display = ("period_type", "period_start", "created_at")
