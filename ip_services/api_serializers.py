"""Serializers of the IP services API."""

from __future__ import annotations

from rest_framework import serializers

from .models import (
    Dispute,
    DisputeEvidence,
    DisputeParty,
    InfringementAlert,
    InfringementWatch,
    IpAsset,
    IpDeadline,
    IpServiceRequest,
)


class IpDeadlineSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    asset_title = serializers.CharField(source="asset.title", read_only=True)

    class Meta:
        model = IpDeadline
        fields = [
            "id",
            "asset",
            "asset_title",
            "kind",
            "label",
            "year_index",
            "due_date",
            "window_opens",
            "grace_until",
            "status",
            "done_at",
            "note",
        ]


class IpDeadlineCompleteSerializer(serializers.Serializer):
    waived = serializers.BooleanField(default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class IpAssetSerializer(serializers.ModelSerializer):
    holder = serializers.StringRelatedField()
    claims_summary = serializers.SerializerMethodField()

    class Meta:
        model = IpAsset
        fields = [
            "id",
            "kind",
            "title",
            "number",
            "jurisdiction",
            "country",
            "filing_date",
            "publication_date",
            "grant_date",
            "expiry_date",
            "expiry_entered",
            "status",
            "owners",
            "inventors",
            "claims_summary",
            "trademark_classes",
            "holder",
            "achievements",
            "is_public",
            "notes",
            "created_at",
        ]

    def get_claims_summary(self, obj) -> str | None:
        """The claims summary only for the holder and staff."""
        request = self.context.get("request")
        if request is not None and request.user.has_perm("ip_services.change_asset", obj):
            return obj.claims_summary
        return None


class IpAssetWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=IpAsset.Kind.choices)
    title = serializers.CharField(max_length=300)
    number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    jurisdiction = serializers.ChoiceField(choices=IpAsset.Jurisdiction.choices, required=False)
    country = serializers.CharField(max_length=60, required=False, allow_blank=True)
    filing_date = serializers.DateField(required=False, allow_null=True)
    publication_date = serializers.DateField(required=False, allow_null=True)
    grant_date = serializers.DateField(required=False, allow_null=True)
    expiry_date = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=IpAsset.Status.choices, required=False)
    owners = serializers.CharField(max_length=500)
    inventors = serializers.CharField(max_length=500, required=False, allow_blank=True)
    claims_summary = serializers.CharField(required=False, allow_blank=True)
    trademark_classes = serializers.CharField(max_length=100, required=False, allow_blank=True)
    is_public = serializers.BooleanField(required=False)
    notes = serializers.CharField(required=False, allow_blank=True)
    achievements = serializers.ListField(child=serializers.IntegerField(), required=False)
    holder = serializers.IntegerField(
        required=False, help_text="Staff only: the holder the asset belongs to."
    )


class DisclaimerSerializer(serializers.Serializer):
    version = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)


class IpServiceRequestSerializer(serializers.ModelSerializer):
    requester = serializers.StringRelatedField()
    assignee = serializers.StringRelatedField(allow_null=True)  # null until assigned
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    service_label = serializers.CharField(source="get_service_type_display", read_only=True)
    working_days = serializers.SerializerMethodField(
        help_text="Working days from intake to (latest) delivery; running if open."
    )
    clock_finished = serializers.SerializerMethodField()

    class Meta:
        model = IpServiceRequest
        fields = [
            "id",
            "service_type",
            "service_label",
            "title",
            "description",
            "requester",
            "achievement",
            "assets",
            "assignee",
            "state",
            "state_label",
            "delivery_summary",
            "delivered_at",
            "accepted_at",
            "created_at",
            "working_days",
            "clock_finished",
        ]

    def _clock(self, obj):
        return self.context.get("clocks", {}).get(obj.pk)

    def get_working_days(self, obj) -> int | None:
        clock = self._clock(obj)
        return clock.working_days if clock else None

    def get_clock_finished(self, obj) -> bool | None:
        clock = self._clock(obj)
        return clock.finished if clock else None


class IpServiceRequestCreateSerializer(serializers.Serializer):
    service_type = serializers.ChoiceField(choices=IpServiceRequest.ServiceType.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    achievement = serializers.IntegerField(required=False, allow_null=True, default=None)
    assets = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class IpAssignSerializer(serializers.Serializer):
    assignee = serializers.IntegerField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class IpDeliverSerializer(serializers.Serializer):
    report = serializers.FileField()
    summary = serializers.CharField()


class InfringementWatchSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = InfringementWatch
        fields = [
            "id",
            "owner",
            "title",
            "asset",
            "keywords",
            "competitors",
            "patent_numbers",
            "is_active",
            "created_at",
        ]
        read_only_fields = ["is_active", "created_at"]


class InfringementWatchCreateSerializer(serializers.Serializer):
    owner = serializers.IntegerField(required=False, help_text="Staff only.")
    title = serializers.CharField(max_length=200)
    asset = serializers.IntegerField(required=False, allow_null=True)
    keywords = serializers.CharField(required=False, allow_blank=True, default="")
    competitors = serializers.CharField(required=False, allow_blank=True, default="")
    patent_numbers = serializers.CharField(required=False, allow_blank=True, default="")


class InfringementAlertSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = InfringementAlert
        fields = [
            "id",
            "owner",
            "watch",
            "asset",
            "title",
            "source",
            "detected_on",
            "suspected_infringer",
            "evidence_url",
            "description",
            "severity",
            "state",
            "state_label",
            "action",
            "action_note",
            "dispute",
            "created_at",
        ]
        read_only_fields = ["source", "state", "action", "action_note", "dispute", "created_at"]


class AlertActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=InfringementAlert.Action.choices)
    note = serializers.CharField()


class AlertImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class AlertImportRowSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    ok = serializers.BooleanField()
    messages = serializers.ListField(child=serializers.CharField())
    alert_id = serializers.IntegerField(allow_null=True)


class AlertImportReportSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    created = serializers.IntegerField()
    batch = serializers.CharField()
    rows = AlertImportRowSerializer(many=True)


class DisputePartySerializer(serializers.ModelSerializer):
    class Meta:
        model = DisputeParty
        fields = ["id", "name", "role", "is_client", "representative"]


class DisputeEvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = DisputeEvidence
        fields = ["id", "title", "kind", "collected_on", "description", "created_at"]
        read_only_fields = ["created_at"]


class DisputeEvidenceCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=DisputeEvidence.Kind.choices)
    collected_on = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False, allow_null=True, default=None)


class DisputeSerializer(serializers.ModelSerializer):
    parties = DisputePartySerializer(many=True, read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)

    class Meta:
        model = Dispute
        fields = [
            "id",
            "owner",
            "title",
            "kind",
            "assets",
            "summary",
            "forum",
            "case_number",
            "filed_on",
            "amount_claimed",
            "amount_recovered",
            "handler",
            "state",
            "state_label",
            "outcome",
            "outcome_label",
            "outcome_note",
            "closed_at",
            "created_at",
            "parties",
        ]


class DisputeCreateSerializer(serializers.Serializer):
    owner = serializers.IntegerField(required=False, help_text="Staff only: the right holder.")
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Dispute.Kind.choices)
    summary = serializers.CharField()
    forum = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    case_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    filed_on = serializers.DateField(required=False, allow_null=True, default=None)
    amount_claimed = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    assets = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    parties = DisputePartySerializer(many=True, required=False, default=list)
    alert = serializers.IntegerField(required=False, allow_null=True, default=None)


class DisputeCloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Dispute.Outcome.choices)
    amount_recovered = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
