from __future__ import annotations

import django_filters
from rest_framework import serializers, viewsets

from platform_core.accounts.api import IsStaffMember

from .models import ArchiveEntry


class ArchiveEntrySerializer(serializers.ModelSerializer):
    doc_type_name = serializers.CharField(source="doc_type.name", read_only=True)
    archived_by = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()
    report_id = serializers.IntegerField(read_only=True, allow_null=True)
    attachment_id = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = ArchiveEntry
        fields = [
            "id",
            "code",
            "doc_type",
            "doc_type_name",
            "title",
            "subject_label",
            "original_name",
            "sha256",
            "size",
            "report_id",
            "attachment_id",
            "archived_by",
            "archived_at",
            "retention_years",
            "retain_until",
            "note",
            "download_url",
        ]

    def get_archived_by(self, obj: ArchiveEntry) -> str | None:
        return str(obj.archived_by) if obj.archived_by_id else None

    def get_download_url(self, obj: ArchiveEntry) -> str:
        return obj.get_download_url()


class ArchiveEntryFilter(django_filters.FilterSet):
    doc_type = django_filters.CharFilter(field_name="doc_type_id")
    code = django_filters.CharFilter(field_name="code", lookup_expr="icontains")
    subject = django_filters.CharFilter(field_name="subject_label", lookup_expr="icontains")
    archived_from = django_filters.DateFilter(field_name="archived_at", lookup_expr="date__gte")
    archived_to = django_filters.DateFilter(field_name="archived_at", lookup_expr="date__lte")

    class Meta:
        model = ArchiveEntry
        fields = ["doc_type", "code", "subject", "archived_from", "archived_to"]


class ArchiveEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """The archive register (staff only): search by code, type, subject and date."""

    serializer_class = ArchiveEntrySerializer
    permission_classes = [IsStaffMember]
    filterset_class = ArchiveEntryFilter
    search_fields = ["code", "title", "subject_label"]
    ordering_fields = ["archived_at", "code", "retain_until"]
    queryset = ArchiveEntry.objects.select_related("doc_type", "archived_by").order_by("-archived_at", "-id")
