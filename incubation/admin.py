"""Web admin for staff. Workflow states are read-only here: they change through the workflow only."""

from __future__ import annotations

from django.contrib import admin
from django.db import models as db_models

from .models import (
    Booking,
    CoachingSession,
    Cohort,
    ConsultingRequest,
    Course,
    Disbursement,
    Enrolment,
    Facility,
    FinancingContact,
    FinancingEvent,
    FundApplication,
    FundProgramme,
    IncubationProject,
    Mentor,
    ProgressReport,
    ProjectMember,
    ResourceLink,
)

HTTPS_URLS = {db_models.URLField: {"assume_scheme": "https"}}


class ProjectMemberInline(admin.TabularInline):
    model = ProjectMember
    extra = 0


@admin.register(IncubationProject)
class IncubationProjectAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "applicant",
        "organization",
        "cohort",
        "state",
        "outcome",
        "admitted_at",
        "closed_at",
    ]
    list_filter = ["state", "outcome", "cohort", "seeking_financing"]
    search_fields = [
        "name",
        "summary",
        "applicant__username",
        "applicant__display_name",
        "organization__name",
    ]
    list_select_related = ["applicant", "organization", "cohort"]
    readonly_fields = [
        "state",
        "admission_evaluation",
        "admitted_at",
        "closed_at",
        "created_at",
        "updated_at",
    ]
    raw_id_fields = ["applicant", "achievement"]
    filter_horizontal = ["mentors"]
    inlines = [ProjectMemberInline]
    date_hierarchy = "created_at"


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "starts_on", "ends_on"]
    search_fields = ["name"]
    list_filter = ["year"]


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["project", "period", "period_end", "submitted_by", "submitted_at", "reviewed_by"]
    search_fields = ["project__name", "period"]
    list_select_related = ["project", "submitted_by", "reviewed_by"]
    list_filter = ["period_end"]


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "location",
        "capacity",
        "opens_at",
        "closes_at",
        "requires_approval",
        "is_active",
    ]
    list_filter = ["kind", "requires_approval", "is_active"]
    search_fields = ["name", "location"]
    list_select_related = ["manager"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["id", "facility", "starts_at", "ends_at", "quantity", "project", "booked_by", "state"]
    list_filter = ["state", "facility__kind", "facility"]
    search_fields = ["purpose", "facility__name", "project__name", "booked_by__username"]
    list_select_related = ["facility", "project", "booked_by"]
    readonly_fields = ["state", "decided_at", "created_at", "updated_at"]
    date_hierarchy = "starts_at"


class DisbursementInline(admin.TabularInline):
    model = Disbursement
    extra = 0
    readonly_fields = ["created_at"]


@admin.register(FundProgramme)
class FundProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "total_budget", "max_award", "opens_on", "closes_on", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


@admin.register(FundApplication)
class FundApplicationAdmin(admin.ModelAdmin):
    list_display = ["project", "programme", "amount_requested", "amount_awarded", "state", "created_at"]
    list_filter = ["state", "programme"]
    search_fields = ["project__name", "programme__name"]
    list_select_related = ["project", "programme", "applicant"]
    readonly_fields = ["state", "amount_awarded", "decided_at", "created_at", "updated_at"]
    inlines = [DisbursementInline]


@admin.register(FinancingContact)
class FinancingContactAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "kind", "contact_person", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "focus"]
    list_select_related = ["organization"]


@admin.register(FinancingEvent)
class FinancingEventAdmin(admin.ModelAdmin):
    list_display = ["project", "round", "amount", "investor_name", "occurred_on"]
    list_filter = ["round"]
    search_fields = ["project__name", "investor_name"]
    list_select_related = ["project"]


@admin.register(Mentor)
class MentorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "title", "organization_name", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "expertise", "organization_name"]
    raw_id_fields = ["user"]


@admin.register(CoachingSession)
class CoachingSessionAdmin(admin.ModelAdmin):
    list_display = ["project", "mentor", "topic", "scheduled_at", "held"]
    list_filter = ["topic", "held"]
    search_fields = ["project__name", "mentor__name"]
    list_select_related = ["project", "mentor"]


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    raw_id_fields = ["user", "project"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "instructor", "starts_at", "capacity", "is_published"]
    list_filter = ["topic", "is_published"]
    search_fields = ["title", "instructor"]
    inlines = [EnrolmentInline]


@admin.register(ConsultingRequest)
class ConsultingRequestAdmin(admin.ModelAdmin):
    list_display = ["subject", "topic", "requester", "assignee", "state", "created_at", "answered_at"]
    list_filter = ["state", "topic"]
    search_fields = ["subject", "description", "requester__username"]
    list_select_related = ["requester", "assignee", "project"]
    readonly_fields = ["state", "answered_at", "created_at", "updated_at"]


@admin.register(ResourceLink)
class ResourceLinkAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "kind", "organization_name", "event_date", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["title", "organization_name"]
