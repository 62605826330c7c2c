"""The web admin for staff: every model of the matching app, with the staff predicate as permission.

State fields are read-only here: states move only through the workflow (the app's pages and API)."""

from __future__ import annotations

from django.contrib import admin

from platform_core.accounts.roles import is_staff_member

from . import models as m


class StaffAdmin(admin.ModelAdmin):
    readonly_state_fields: tuple[str, ...] = ("state",)

    def has_module_permission(self, request) -> bool:
        return is_staff_member(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_staff_member(request.user)

    def has_add_permission(self, request) -> bool:
        return is_staff_member(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_staff_member(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_staff_member(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = {f.name for f in self.model._meta.fields}
        return tuple(super().get_readonly_fields(request, obj)) + tuple(
            f for f in self.readonly_state_fields if f in fields
        )


class ReadOnlyAdmin(StaffAdmin):
    """Computed rows (index, statistics): look, do not touch."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(m.Demand)
class DemandAdmin(StaffAdmin):
    list_display = (
        "title",
        "organization",
        "technical_field",
        "state",
        "is_challenge",
        "confidentiality",
        "deadline",
        "updated_at",
    )
    list_filter = ("state", "is_challenge", "confidentiality", "technical_field")
    search_fields = ("title", "description", "tags", "organization__name")
    list_select_related = ("organization", "technical_field")
    filter_horizontal = ("scenarios", "cooperation_modes")
    readonly_fields = ("search_tokens", "query_terms", "published_at")


@admin.register(m.ChallengeApplication)
class ChallengeApplicationAdmin(StaffAdmin):
    list_display = ("demand", "applicant", "achievement", "state", "created_at")
    list_filter = ("state",)
    search_fields = ("demand__title", "applicant__username", "proposal")
    list_select_related = ("demand", "applicant", "achievement")


@admin.register(m.MatchingWeights)
class MatchingWeightsAdmin(StaffAdmin):
    list_display = (
        "__str__",
        "field",
        "scenario",
        "maturity",
        "trl",
        "cooperation",
        "budget",
        "region",
        "text",
        "behaviour",
        "updated_at",
    )
    readonly_fields = ("version", "updated_by")
    list_filter = ()
    search_fields = ()

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        from .services.matching import weights_update

        weights_update(
            actor=request.user,
            **{k: form.cleaned_data[k] for k in form.changed_data if k in form.cleaned_data},
        )


@admin.register(m.MatchSuggestion)
class MatchSuggestionAdmin(ReadOnlyAdmin):
    list_display = ("demand", "achievement", "score", "status", "weights_version", "computed_at")
    list_filter = ("status",)
    search_fields = ("demand__title", "achievement__name")
    list_select_related = ("demand", "achievement")


@admin.register(m.MatchProfile)
class MatchProfileAdmin(ReadOnlyAdmin):
    list_display = (
        "achievement",
        "is_public",
        "field_key",
        "maturity_rank",
        "trl",
        "doc_len",
        "popularity",
        "indexed_at",
    )
    list_filter = ("is_public", "maturity_rank")
    search_fields = ("achievement__name",)
    list_select_related = ("achievement",)


@admin.register(m.TokenStat)
class TokenStatAdmin(ReadOnlyAdmin):
    list_display = ("token", "df")
    search_fields = ("token",)
    list_filter = ()


@admin.register(m.CorpusStat)
class CorpusStatAdmin(ReadOnlyAdmin):
    list_display = ("doc_count", "total_len", "avgdl", "version")
    search_fields = ()
    list_filter = ()


class AgendaInline(admin.TabularInline):
    model = m.AgendaItem
    extra = 0


@admin.register(m.MatchmakingEvent)
class MatchmakingEventAdmin(StaffAdmin):
    list_display = ("title", "mode", "starts_at", "state", "capacity", "organizer")
    list_filter = ("state", "mode")
    search_fields = ("title", "venue")
    list_select_related = ("organizer",)
    inlines = [AgendaInline]


@admin.register(m.EventRegistration)
class EventRegistrationAdmin(StaffAdmin):
    list_display = ("event", "user", "side", "status", "checked_in_at")
    list_filter = ("side", "status")
    search_fields = ("event__title", "user__username", "user__display_name")
    list_select_related = ("event", "user")


@admin.register(m.EventSession)
class EventSessionAdmin(StaffAdmin):
    list_display = (
        "event",
        "starts_at",
        "ends_at",
        "table",
        "demand_side",
        "supply_side",
        "status",
        "outcome",
    )
    list_filter = ("status", "outcome")
    search_fields = ("event__title", "table")
    list_select_related = ("event", "demand_side__user", "supply_side__user")
    readonly_state_fields = ()


class NegotiationInline(admin.TabularInline):
    model = m.NegotiationRecord
    extra = 0


class TermsInline(admin.StackedInline):
    model = m.ProposedTerms
    extra = 0


@admin.register(m.DockingProject)
class DockingProjectAdmin(StaffAdmin):
    list_display = ("title", "enterprise_org", "source", "state", "assigned_to", "updated_at")
    list_filter = ("state", "source", "closed_reason")
    search_fields = ("title", "achievement__name", "enterprise__username", "enterprise_org__name")
    list_select_related = ("achievement", "enterprise_org", "assigned_to")
    raw_id_fields = ("achievement", "demand", "suggestion", "session", "application")
    inlines = [NegotiationInline, TermsInline]


@admin.register(m.NegotiationRecord)
class NegotiationRecordAdmin(StaffAdmin):
    list_display = ("project", "kind", "occurred_at", "recorded_by")
    list_filter = ("kind",)
    search_fields = ("project__title", "summary")
    list_select_related = ("project", "recorded_by")


@admin.register(m.ProposedTerms)
class ProposedTermsAdmin(StaffAdmin):
    list_display = (
        "project",
        "version",
        "cooperation_mode",
        "payment_method",
        "price",
        "exclusive",
        "agreed",
    )
    list_filter = ("agreed", "payment_method", "cooperation_mode", "exclusive")
    search_fields = ("project__title", "technical_scope")
    list_select_related = ("project",)


@admin.register(m.ValuationWorksheet)
class ValuationWorksheetAdmin(StaffAdmin):
    list_display = ("project", "rd_cost", "updated_at")
    search_fields = ("project__title",)
    list_select_related = ("project",)
    list_filter = ()
    readonly_fields = ("results",)


class TemplateClauseInline(admin.StackedInline):
    model = m.TemplateClause
    extra = 0


@admin.register(m.AgreementTemplate)
class AgreementTemplateAdmin(StaffAdmin):
    list_display = ("name", "code", "contract_type", "is_active")
    list_filter = ("contract_type", "is_active")
    search_fields = ("name", "code")
    inlines = [TemplateClauseInline]


@admin.register(m.TemplateClause)
class TemplateClauseAdmin(StaffAdmin):
    list_display = ("template", "order", "code", "title", "required")
    list_filter = ("template",)
    search_fields = ("title", "body")
    list_select_related = ("template",)


class ClauseInline(admin.StackedInline):
    model = m.AgreementClause
    extra = 0


class RiskInline(admin.TabularInline):
    model = m.RiskFlag
    extra = 0
    readonly_fields = ("code", "severity", "status", "waiver_reason", "handled_by", "handled_at")


@admin.register(m.Agreement)
class AgreementAdmin(StaffAdmin):
    list_display = (
        "title",
        "contract_type",
        "state",
        "value",
        "signed_on",
        "registration_number",
        "archive_code",
    )
    list_filter = ("state", "contract_type", "tax_incentive")
    search_fields = ("title", "party_a", "party_b", "registration_number", "archive_code")
    list_select_related = ("project", "template")
    readonly_fields = ("version", "archive_code", "reviewed_by", "reviewed_at", "registration_reminded_at")
    raw_id_fields = ("project",)
    inlines = [ClauseInline, RiskInline]


@admin.register(m.RiskFlag)
class RiskFlagAdmin(StaffAdmin):
    list_display = ("agreement", "code", "severity", "status", "handled_by")
    list_filter = ("severity", "status", "code")
    search_fields = ("agreement__title",)
    list_select_related = ("agreement", "handled_by")
    readonly_state_fields = ()


class MilestoneInline(admin.TabularInline):
    model = m.Milestone
    extra = 0


@admin.register(m.ImplementationProject)
class ImplementationProjectAdmin(StaffAdmin):
    list_display = ("title", "state", "started_on", "outcome_kind", "revenue", "manager")
    list_filter = ("state", "outcome_kind")
    search_fields = ("title", "achievement__name")
    list_select_related = ("manager", "achievement")
    raw_id_fields = ("agreement", "project", "achievement")
    inlines = [MilestoneInline]


@admin.register(m.Milestone)
class MilestoneAdmin(StaffAdmin):
    list_display = ("project", "title", "planned_start", "planned_end", "actual_end", "status")
    list_filter = ("status",)
    search_fields = ("title", "project__title")
    list_select_related = ("project",)
    readonly_state_fields = ()


class ActionInline(admin.TabularInline):
    model = m.CoordinationAction
    extra = 0


@admin.register(m.ImplementationIssue)
class ImplementationIssueAdmin(StaffAdmin):
    list_display = ("project", "title", "severity", "status", "raised_on", "resolved_on")
    list_filter = ("severity", "status")
    search_fields = ("title", "description")
    list_select_related = ("project",)
    inlines = [ActionInline]
    readonly_state_fields = ()


@admin.register(m.StageAssessment)
class StageAssessmentAdmin(StaffAdmin):
    list_display = ("project", "period", "assessed_on", "rating", "progress_percent")
    list_filter = ("rating",)
    search_fields = ("period", "findings")
    list_select_related = ("project",)


@admin.register(m.FollowUp)
class FollowUpAdmin(StaffAdmin):
    list_display = ("project", "visited_on", "mode", "next_visit_on", "recorded_by")
    list_filter = ("mode",)
    search_fields = ("summary", "problems")
    list_select_related = ("project", "recorded_by")


@admin.register(m.FeedbackRequest)
class FeedbackRequestAdmin(StaffAdmin):
    list_display = ("project", "recipient", "due_on", "answered_at", "rating")
    list_filter = ("rating",)
    search_fields = ("project__title", "comments")
    list_select_related = ("project", "recipient")
