"""Web admin of the evaluation app (staff). State fields are read-only here: moves go through the workflow."""

from __future__ import annotations

from django.contrib import admin

from platform_core.accounts.roles import is_staff_member

from .models import (
    ComparisonMatrix,
    ConflictDeclaration,
    Criterion,
    CriterionScore,
    DelphiRating,
    DelphiResponse,
    DelphiRound,
    Evaluation,
    Expert,
    ExpertRelation,
    Indicator,
    IndicatorLevel,
    IndicatorSystem,
    MaterialAudit,
    PanelMember,
    ReminderLog,
    Score,
    ScorecardEvaluation,
    ScorecardSheet,
    ScorecardTemplate,
    ScoreSheet,
    SwotEntry,
    TrlLevel,
    TrlScale,
)


class StaffAdmin(admin.ModelAdmin):
    """Visible and editable for staff members (the same predicate as the console)."""

    def has_module_permission(self, request):
        return is_staff_member(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_staff_member(request.user) or super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return is_staff_member(request.user) or super().has_add_permission(request)


class ReadOnlyStateAdmin(StaffAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "state"]


class IndicatorLevelInline(admin.TabularInline):
    model = IndicatorLevel
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(StaffAdmin):
    list_display = ["name", "code", "system", "level", "weight", "order"]
    list_filter = ["system", "level"]
    search_fields = ["name", "code", "description"]
    list_select_related = ["system"]
    inlines = [IndicatorLevelInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["code", "name", "parent", "level", "weight", "order"]
    extra = 0
    show_change_link = True


@admin.register(IndicatorSystem)
class IndicatorSystemAdmin(ReadOnlyStateAdmin):
    list_display = ["name", "code", "version", "state", "is_default", "weight_method", "updated_at"]
    list_filter = ["state", "weight_method", "is_default"]
    search_fields = ["name", "code"]
    inlines = [IndicatorInline]


@admin.register(ComparisonMatrix)
class ComparisonMatrixAdmin(StaffAdmin):
    list_display = ["system", "parent", "expert", "cr", "is_aggregate", "created_at", "adopted_at"]
    list_filter = ["is_aggregate", "system"]
    list_select_related = ["system", "parent", "expert"]
    readonly_fields = ["weights", "lambda_max", "ci", "cr", "adopted_at", "adopted_by"]
    search_fields = ["note", "system__name"]


class TrlLevelInline(admin.TabularInline):
    model = TrlLevel
    extra = 0


@admin.register(TrlScale)
class TrlScaleAdmin(StaffAdmin):
    list_display = ["name", "code", "is_default", "applies_to", "order"]
    search_fields = ["name", "code", "applies_to"]
    list_filter = ["is_default"]
    inlines = [TrlLevelInline]


@admin.register(DelphiRound)
class DelphiRoundAdmin(ReadOnlyStateAdmin):
    list_display = ["system", "number", "title", "state", "consensus", "due_date"]
    list_filter = ["state", "consensus"]
    list_select_related = ["system"]
    search_fields = ["title", "system__name"]
    filter_horizontal = ["experts"]


class DelphiRatingInline(admin.TabularInline):
    model = DelphiRating
    extra = 0


@admin.register(DelphiResponse)
class DelphiResponseAdmin(StaffAdmin):
    list_display = ["round", "expert", "familiarity", "ca", "cs", "submitted_at"]
    list_filter = ["round"]
    list_select_related = ["round__system", "expert"]
    search_fields = ["expert__username", "expert__display_name"]
    inlines = [DelphiRatingInline]


class ExpertRelationInline(admin.TabularInline):
    model = ExpertRelation
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Expert)
class ExpertAdmin(StaffAdmin):
    list_display = ["__str__", "organization", "title", "panel_role", "sector", "max_load", "is_active"]
    list_filter = ["panel_role", "sector", "is_active"]
    search_fields = ["user__username", "user__display_name", "organization__name", "discipline", "expertise"]
    list_select_related = ["user", "organization"]
    autocomplete_fields = ["user", "organization"]
    inlines = [ExpertRelationInline]


class PanelMemberInline(admin.TabularInline):
    model = PanelMember
    fk_name = "evaluation"
    fields = ["expert", "panel_role", "is_chair", "state", "recusal_reason"]
    readonly_fields = ["expert", "panel_role", "state", "recusal_reason"]
    extra = 0
    can_delete = False


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyStateAdmin):
    list_display = ["__str__", "state", "mode", "due_date", "panel_score", "report_code", "created_at"]
    list_filter = ["state", "mode", "aggregation"]
    search_fields = ["achievement__name", "report_code"]
    list_select_related = ["achievement"]
    readonly_fields = ["results", "panel_score", "report", "report_code", "started_at", "closed_at"]
    raw_id_fields = ["achievement"]
    filter_horizontal = ["work_group", "meeting_attendees"]
    inlines = [PanelMemberInline]


@admin.register(PanelMember)
class PanelMemberAdmin(ReadOnlyStateAdmin):
    list_display = ["expert", "evaluation", "panel_role", "is_chair", "state", "assigned_at"]
    list_filter = ["state", "panel_role"]
    list_select_related = ["expert__user", "evaluation__achievement"]
    search_fields = ["expert__user__display_name", "evaluation__achievement__name"]


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(StaffAdmin):
    list_display = ["full_name", "panel_member", "signed_at", "ip_address"]
    list_select_related = ["panel_member__expert__user", "panel_member__evaluation__achievement"]
    search_fields = ["full_name"]
    readonly_fields = [
        "panel_member",
        "full_name",
        "agreed",
        "statement",
        "signed_at",
        "ip_address",
        "user_agent",
    ]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MaterialAudit)
class MaterialAuditAdmin(StaffAdmin):
    list_display = ["evaluation", "result", "auditor", "created_at"]
    list_filter = ["result"]
    list_select_related = ["evaluation__achievement", "auditor"]
    search_fields = ["evaluation__achievement__name", "reasons"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    readonly_fields = ["indicator", "score", "comment", "evidence"]
    can_delete = False


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnlyStateAdmin):
    list_display = ["panel_member", "state", "version", "weighted_total", "trl_level", "submitted_at"]
    list_filter = ["state"]
    list_select_related = ["panel_member__expert__user", "panel_member__evaluation__achievement"]
    search_fields = [
        "panel_member__expert__user__display_name",
        "panel_member__evaluation__achievement__name",
    ]
    readonly_fields = ["version", "weighted_total", "submitted_at"]
    inlines = [ScoreInline]


@admin.register(SwotEntry)
class SwotEntryAdmin(StaffAdmin):
    list_display = ["evaluation", "sheet", "quadrant", "text"]
    list_filter = ["quadrant"]
    list_select_related = ["evaluation__achievement", "sheet"]
    search_fields = ["text"]


@admin.register(ReminderLog)
class ReminderLogAdmin(StaffAdmin):
    list_display = ["evaluation", "panel_member", "kind", "due_date", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["evaluation__achievement", "panel_member__expert__user"]
    search_fields = ["evaluation__achievement__name"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["code", "title", "parent", "max_points", "is_bonus", "order"]
    extra = 0
    show_change_link = True


@admin.register(ScorecardTemplate)
class ScorecardTemplateAdmin(StaffAdmin):
    list_display = ["name", "code", "bonus_max", "aggregation", "is_active"]
    search_fields = ["name", "code"]
    list_filter = ["is_active"]
    inlines = [CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(StaffAdmin):
    list_display = ["title", "code", "template", "max_points", "is_bonus"]
    list_filter = ["template", "is_bonus"]
    search_fields = ["title", "code", "scoring_rule"]
    list_select_related = ["template"]


@admin.register(ScorecardEvaluation)
class ScorecardEvaluationAdmin(ReadOnlyStateAdmin):
    list_display = ["title", "template", "state", "total", "grade_label", "created_at"]
    list_filter = ["state", "template"]
    search_fields = ["title"]
    list_select_related = ["template"]
    readonly_fields = ["total", "grade", "grade_label", "closed_at"]


class CriterionScoreInline(admin.TabularInline):
    model = CriterionScore
    extra = 0
    readonly_fields = ["criterion", "points", "comment"]
    can_delete = False


@admin.register(ScorecardSheet)
class ScorecardSheetAdmin(ReadOnlyStateAdmin):
    list_display = ["evaluation", "member", "state", "total", "submitted_at"]
    list_filter = ["state"]
    list_select_related = ["evaluation", "member"]
    search_fields = ["evaluation__title", "member__username"]
    readonly_fields = ["version", "total", "submitted_at"]
    inlines = [CriterionScoreInline]
