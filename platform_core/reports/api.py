from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404

from platform_core.attachments.registry import can_view_owner
from platform_core.attachments.views import file_download_response
from platform_core.errors import ValidationFailed

from .models import ReportRecord
from .selectors import report_visible, reports_visible_to


class ReportSerializer(serializers.ModelSerializer):
    subject_type = serializers.SerializerMethodField()
    subject_id = serializers.IntegerField(source="object_id", read_only=True)
    requested_by = serializers.SerializerMethodField()
    detail_url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportRecord
        fields = [
            "id",
            "subject_type",
            "subject_id",
            "kind",
            "title",
            "status",
            "progress",
            "pages",
            "size",
            "sha256",
            "error",
            "locked",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "detail_url",
            "download_url",
        ]

    def get_subject_type(self, obj: ReportRecord) -> str:
        ct = ContentType.objects.get_for_id(obj.content_type_id)
        return f"{ct.app_label}.{ct.model}"

    def get_requested_by(self, obj: ReportRecord) -> str | None:
        return str(obj.requested_by) if obj.requested_by_id else None

    def get_detail_url(self, obj: ReportRecord) -> str:
        return obj.get_absolute_url()

    def get_download_url(self, obj: ReportRecord) -> str | None:
        return obj.get_download_url() if obj.status == ReportRecord.Status.DONE else None


SUBJECT_PARAMS = [
    OpenApiParameter(
        "subject_type", OpenApiTypes.STR, description="app_label.model, e.g. evaluation.evaluation"
    ),
    OpenApiParameter("subject_id", OpenApiTypes.INT),
]


@extend_schema_view(list=extend_schema(parameters=SUBJECT_PARAMS))
class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """PDF reports and their rendering status. Give ``subject_type`` and ``subject_id`` for one record's
    reports; without them staff see every report and others the reports they requested."""

    serializer_class = ReportSerializer
    filterset_fields = ["kind", "status"]
    search_fields = ["title"]
    ordering_fields = ["created_at", "title"]
    queryset = ReportRecord.objects.none()

    def _subject(self):
        subject_type = self.request.query_params.get("subject_type")
        subject_id = self.request.query_params.get("subject_id")
        if not subject_type and not subject_id:
            return None
        app_label, _dot, model = (subject_type or "").lower().partition(".")
        if not (app_label and model and (subject_id or "").isdigit()):
            raise ValidationFailed(
                "subject_type must be app_label.model and subject_id a number.", code="bad_subject"
            )
        ct = ContentType.objects.filter(app_label=app_label, model=model).first()
        model_class = ct.model_class() if ct else None
        subject = model_class._default_manager.filter(pk=int(subject_id)).first() if model_class else None
        if subject is None or not can_view_owner(self.request.user, subject):
            raise Http404
        return subject

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ReportRecord.objects.none()
        if self.action == "list":
            subject = self._subject()
            if subject is not None:
                ct = ContentType.objects.get_for_model(subject)
                return ReportRecord.objects.filter(content_type=ct, object_id=subject.pk).select_related(
                    "requested_by"
                )
        return reports_visible_to(self.request.user)

    def get_object(self):
        # DRF's get_object_or_404: a malformed id (not an integer) is a 404 too, not a ValueError
        obj = get_object_or_404(
            ReportRecord.objects.select_related("requested_by", "content_type"), pk=self.kwargs["pk"]
        )
        if not report_visible(self.request.user, obj):
            raise Http404
        return obj

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        obj = self.get_object()
        if (
            obj.status != ReportRecord.Status.DONE
            or not obj.file
            or not obj.file.storage.exists(obj.file.name)
        ):
            raise Http404
        return file_download_response(obj.file, filename=obj.filename, detected_type="application/pdf")
