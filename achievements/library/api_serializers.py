"""Serializers of the library API (documented by drf-spectacular)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from achievements.models import CONFIDENTIAL_SECTIONS, Confidentiality

from .models import AccessRequest, Favourite, ImportJob


class CodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class LibraryResultSerializer(serializers.Serializer):
    """One row of the library (public information only)."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    title_html = serializers.CharField(help_text="The title with the query's words in <mark>.")
    summary = serializers.CharField()
    snippet_html = serializers.CharField(
        help_text="Escaped public text around the first match, words in <mark>."
    )
    technical_field = CodeLabelSerializer(allow_null=True)
    achievement_type = serializers.CharField(allow_blank=True)
    maturity = serializers.CharField(allow_blank=True)
    maturity_label = serializers.CharField(allow_blank=True)
    trl = serializers.IntegerField(allow_null=True)
    organization = serializers.CharField(allow_blank=True)
    province = serializers.CharField(allow_blank=True)
    holder_type = serializers.CharField(allow_blank=True)
    ip_status = serializers.CharField()
    scenarios = CodeLabelSerializer(many=True)
    cooperation_modes = CodeLabelSerializer(many=True)
    tags = serializers.ListField(child=serializers.CharField())
    published_at = serializers.DateTimeField()
    is_stale = serializers.BooleanField()
    is_favourite = serializers.BooleanField()
    url = serializers.CharField()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    values = FacetValueSerializer(many=True)


@extend_schema_serializer(many=False)  # one page object, although it answers the list action
class LibraryPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        allow_null=True, help_text="Matches of the filter set (cached with the facets)."
    )
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    sort = serializers.CharField()
    capped = serializers.BooleanField(
        help_text="Relevance ranks only the newest matches (setting LIBRARY_RELEVANCE_CANDIDATES)."
    )
    results = LibraryResultSerializer(many=True)
    facets = FacetSerializer(many=True)


class SectionSerializer(serializers.Serializer):
    label = serializers.CharField()
    level = serializers.ChoiceField(choices=Confidentiality.choices)
    visible = serializers.BooleanField()


class LibraryEntrySerializer(serializers.Serializer):
    """An entry as the caller may see it: a section he may not read is absent (not empty, absent)."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    name = serializers.CharField()
    summary = serializers.CharField()
    state = serializers.CharField()
    achievement_type = serializers.CharField()
    technical_field = serializers.CharField()
    maturity = serializers.CharField()
    maturity_label = serializers.CharField()
    trl = serializers.IntegerField(allow_null=True)
    tags = serializers.ListField(child=serializers.CharField())
    organization = serializers.CharField()
    province = serializers.CharField()
    scenarios = serializers.ListField(child=serializers.CharField())
    cooperation_modes = serializers.ListField(child=serializers.CharField())
    published_at = serializers.DateTimeField(allow_null=True)
    sections = serializers.DictField(child=SectionSerializer())
    background = serializers.CharField(required=False)
    innovation_points = serializers.CharField(required=False)
    contributions = serializers.CharField(required=False)
    cooperation_note = serializers.CharField(required=False)
    technical_details = serializers.CharField(required=False)
    price_expectation = serializers.CharField(required=False, allow_null=True)
    contact = serializers.DictField(required=False)
    technical_parameters = serializers.ListField(child=serializers.DictField(), required=False)
    application_cases = serializers.ListField(child=serializers.DictField(), required=False)
    ip_status = serializers.ListField(child=serializers.DictField(), required=False)
    team = serializers.ListField(child=serializers.DictField(), required=False)
    similar = serializers.ListField(child=serializers.DictField())
    is_favourite = serializers.BooleanField()
    can_request_access = serializers.BooleanField()
    access_request = serializers.DictField(allow_null=True)


class FavouriteSerializer(serializers.ModelSerializer):
    achievement_name = serializers.CharField(source="achievement.name", read_only=True)

    class Meta:
        model = Favourite
        fields = ["id", "achievement", "achievement_name", "note", "created_at"]
        read_only_fields = ["id", "achievement_name", "created_at"]


class FavouriteCreateSerializer(serializers.Serializer):
    achievement = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class AccessRequestSerializer(serializers.ModelSerializer):
    achievement_name = serializers.CharField(source="achievement.name", read_only=True)
    requester_name = serializers.CharField(source="requester.__str__", read_only=True)

    class Meta:
        model = AccessRequest
        fields = [
            "id",
            "achievement",
            "achievement_name",
            "requester",
            "requester_name",
            "all_confidential",
            "sections",
            "message",
            "response",
            "state",
            "created_at",
            "decided_at",
        ]
        read_only_fields = fields


class AccessRequestCreateSerializer(serializers.Serializer):
    achievement = serializers.IntegerField()
    message = serializers.CharField(max_length=2000)
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=list(CONFIDENTIAL_SECTIONS)), required=False, default=list
    )


class RecommendationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="achievement_id")
    title = serializers.CharField(source="row.title")
    summary = serializers.CharField(source="row.summary")
    technical_field = serializers.CharField(source="row.technical_field__name", allow_null=True)
    trl = serializers.IntegerField(source="row.trl", allow_null=True)
    organization = serializers.CharField(source="row.organization_name")
    published_at = serializers.DateTimeField(source="row.published_at")
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class ImportJobSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()
    created_by_name = serializers.CharField(source="created_by.__str__", read_only=True)

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "original_name",
            "mode",
            "state",
            "phase",
            "total_rows",
            "processed_rows",
            "created_count",
            "errors",
            "message",
            "created_by",
            "created_by_name",
            "created_at",
            "started_at",
            "finished_at",
            "progress",
        ]
        read_only_fields = fields

    def get_progress(self, obj: ImportJob) -> dict:
        from .services.imports import progress_of

        return progress_of(obj)


class ImportJobCreateSerializer(serializers.Serializer):
    file = serializers.FileField()
    mode = serializers.ChoiceField(choices=ImportJob.Mode.choices, default=ImportJob.Mode.PUBLISHED)


class PublishSerializer(serializers.Serializer):
    achievement = serializers.IntegerField()
    levels = serializers.DictField(
        child=serializers.ChoiceField(choices=Confidentiality.choices), required=False
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    featured = serializers.BooleanField(required=False, default=False)


class UnpublishSerializer(serializers.Serializer):
    achievement = serializers.IntegerField()
    reason = serializers.CharField(max_length=2000)
