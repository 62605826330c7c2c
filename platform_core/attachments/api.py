from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404

from platform_core.errors import ValidationFailed

from .models import Attachment
from .registry import can_view_owner
from .selectors import attachment_visible, attachments_visible_to
from .views import file_download_response


class AttachmentSerializer(serializers.ModelSerializer):
    owner_type = serializers.SerializerMethodField()
    owner_id = serializers.IntegerField(source="object_id", read_only=True)
    uploaded_by = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "owner_type",
            "owner_id",
            "kind",
            "original_name",
            "size",
            "sha256",
            "detected_type",
            "uploaded_by",
            "created_at",
            "note",
            "locked",
            "download_url",
        ]

    def get_owner_type(self, obj: Attachment) -> str:
        ct = ContentType.objects.get_for_id(obj.content_type_id)
        return f"{ct.app_label}.{ct.model}"

    def get_uploaded_by(self, obj: Attachment) -> str | None:
        return str(obj.uploaded_by) if obj.uploaded_by_id else None

    def get_download_url(self, obj: Attachment) -> str:
        return obj.get_download_url()


OWNER_PARAMS = [
    OpenApiParameter(
        "owner_type", OpenApiTypes.STR, description="app_label.model, e.g. achievements.achievement"
    ),
    OpenApiParameter("owner_id", OpenApiTypes.INT),
    OpenApiParameter("kind", OpenApiTypes.STR),
]


@extend_schema_view(list=extend_schema(parameters=OWNER_PARAMS))
class AttachmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Attachments the user may see. Give ``owner_type`` and ``owner_id`` for one record's files;
    without them staff see every file and others the files they uploaded."""

    serializer_class = AttachmentSerializer
    filterset_fields = ["kind"]
    search_fields = ["original_name", "note"]
    ordering_fields = ["created_at", "original_name", "size"]
    queryset = Attachment.objects.none()

    def _owner(self):
        owner_type = self.request.query_params.get("owner_type")
        owner_id = self.request.query_params.get("owner_id")
        if not owner_type and not owner_id:
            return None
        app_label, _dot, model = (owner_type or "").lower().partition(".")
        if not (app_label and model and (owner_id or "").isdigit()):
            raise ValidationFailed(
                "owner_type must be app_label.model and owner_id a number.", code="bad_owner"
            )
        ct = ContentType.objects.filter(app_label=app_label, model=model).first()
        model_class = ct.model_class() if ct else None
        owner = model_class._default_manager.filter(pk=int(owner_id)).first() if model_class else None
        if owner is None or not can_view_owner(self.request.user, owner):
            # Unregistered owners are staff-only; the uploader still sees his own files through the plain list.
            raise Http404
        return owner

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Attachment.objects.none()
        if self.action == "list":
            owner = self._owner()
            if owner is not None:
                ct = ContentType.objects.get_for_model(owner)
                return Attachment.objects.filter(content_type=ct, object_id=owner.pk).select_related(
                    "uploaded_by"
                )
        return attachments_visible_to(self.request.user)

    def get_object(self):
        # DRF's get_object_or_404: a malformed id (not an integer) is a 404 too, not a ValueError
        obj = get_object_or_404(
            Attachment.objects.select_related("uploaded_by", "content_type"), pk=self.kwargs["pk"]
        )
        if not attachment_visible(self.request.user, obj):
            raise Http404
        return obj

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        obj = self.get_object()
        if not obj.file or not obj.file.storage.exists(obj.file.name):
            raise Http404
        return file_download_response(obj.file, filename=obj.original_name, detected_type=obj.detected_type)
