"""Web admin for staff. Workflow states are read-only here: they change through the workflow only."""

from __future__ import annotations

from django.contrib import admin
from django.db import models as db_models

from .models import (
    DeadlineReminder,
    DisclaimerAcknowledgement,
    Dispute,
    DisputeEvidence,
    DisputeParty,
    InfringementAlert,
    InfringementWatch,
    IpAsset,
    IpDeadline,
    IpServiceRequest,
)

HTTPS_URLS = {db_models.URLField: {"assume_scheme": "https"}}


class IpDeadlineInline(admin.TabularInline):
    model = IpDeadline
    extra = 0
    fields = ["kind", "year_index", "due_date", "window_opens", "grace_until", "status", "done_at", "note"]
    readonly_fields = ["done_at"]


@admin.register(IpAsset)
class IpAssetAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "number",
        "jurisdiction",
        "status",
        "filing_date",
        "expiry_date",
        "holder",
        "is_public",
    ]
    list_filter = ["kind", "jurisdiction", "status", "is_public"]
    search_fields = ["title", "number", "owners", "holder__username", "holder__display_name"]
    list_select_related = ["holder", "organization"]
    raw_id_fields = ["holder"]
    filter_horizontal = ["achievements"]
    readonly_fields = ["legacy_status_entry_id", "created_at", "updated_at"]
    inlines = [IpDeadlineInline]


@admin.register(IpDeadline)
class IpDeadlineAdmin(admin.ModelAdmin):
    list_display = ["asset", "kind", "year_index", "due_date", "grace_until", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["asset__title", "asset__number"]
    list_select_related = ["asset"]
    date_hierarchy = "due_date"


@admin.register(DeadlineReminder)
class DeadlineReminderAdmin(admin.ModelAdmin):
    list_display = ["deadline", "offset_days", "recipient", "sent_at"]
    list_filter = ["offset_days"]
    search_fields = ["deadline__asset__title"]
    list_select_related = ["deadline__asset", "recipient"]


@admin.register(IpServiceRequest)
class IpServiceRequestAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "service_type",
        "requester",
        "assignee",
        "state",
        "created_at",
        "delivered_at",
        "accepted_at",
    ]
    list_filter = ["state", "service_type"]
    search_fields = ["title", "description", "requester__username"]
    list_select_related = ["requester", "assignee"]
    readonly_fields = ["state", "delivered_at", "accepted_at", "created_at", "updated_at"]
    raw_id_fields = ["requester", "achievement"]
    filter_horizontal = ["assets"]


@admin.register(DisclaimerAcknowledgement)
class DisclaimerAcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["user", "version", "acknowledged_at", "ip_address"]
    list_filter = ["version"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    readonly_fields = ["user", "version", "text", "acknowledged_at", "ip_address"]


@admin.register(InfringementWatch)
class InfringementWatchAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "asset", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["title", "keywords", "competitors", "patent_numbers"]
    list_select_related = ["owner", "asset"]


@admin.register(InfringementAlert)
class InfringementAlertAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "owner", "detected_on", "severity", "source", "state", "action"]
    list_filter = ["state", "severity", "source", "action"]
    search_fields = ["title", "suspected_infringer", "import_batch"]
    list_select_related = ["owner", "asset"]
    readonly_fields = ["state", "import_batch", "created_at", "updated_at"]


class DisputePartyInline(admin.TabularInline):
    model = DisputeParty
    extra = 0


class DisputeEvidenceInline(admin.TabularInline):
    model = DisputeEvidence
    extra = 0
    raw_id_fields = ["collected_by"]


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "owner",
        "state",
        "outcome",
        "amount_claimed",
        "amount_recovered",
        "closed_at",
    ]
    list_filter = ["state", "kind", "outcome"]
    search_fields = ["title", "case_number", "parties__name"]
    list_select_related = ["owner", "handler"]
    readonly_fields = ["state", "closed_at", "created_at", "updated_at"]
    filter_horizontal = ["assets"]
    inlines = [DisputePartyInline, DisputeEvidenceInline]
