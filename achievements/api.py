"""REST API of the achievements app (/api/v1/achievements/ and the vocabularies).

Holders create and edit their drafts, upload materials, submit; staff list the formal-review queue, decide
(``transition`` or ``review`` with itemised reasons), reassign, compare submissions. 404 for records one may
not see, 403 for actions one may not take, 409 for moves the workflow does not allow or stale versions,
400 for invalid data.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.http import Http404
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from platform_core.api.workflow import TransitionLogSerializer, WorkflowActionsMixin
from platform_core.errors import PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import history, transition

from . import services
from .api_serializers import (
    AchievementDetailSerializer,
    AchievementListSerializer,
    AchievementWriteSerializer,
    AttachmentBriefSerializer,
    ChecklistItemSerializer,
    DiffSerializer,
    MaterialUploadSerializer,
    ReassignSerializer,
    RequiredMaterialSerializer,
    ReviewSerializer,
    SubmissionDetailSerializer,
    SubmissionSerializer,
    VocabularySerializer,
    pop_rows,
)
from .models import (
    Achievement,
    AchievementType,
    ApplicationScenario,
    CooperationMode,
    RequiredMaterial,
    TechnicalField,
)
from .permissions import visible_q
from .selectors import achievement_attachments, material_checklist
from .snapshots import diff_snapshots


class AchievementFilter(filters.FilterSet):
    state = filters.MultipleChoiceFilter(choices=Achievement.State.choices)
    achievement_type = filters.CharFilter(field_name="achievement_type__code")
    technical_field = filters.CharFilter(field_name="technical_field__code")
    maturity = filters.ChoiceFilter(choices=Achievement.Maturity.choices)
    scope = filters.ChoiceFilter(
        method="filter_scope",
        choices=[("mine", "mine"), ("queue", "queue"), ("assigned", "assigned")],
        label="mine: my own; queue: waiting for formal review (staff); assigned: assigned to me (staff)",
    )

    class Meta:
        model = Achievement
        fields = ["state", "achievement_type", "technical_field", "maturity"]

    def filter_scope(self, queryset, name, value):
        user = self.request.user
        if value == "mine":
            return queryset.filter(holder_id=user.pk)
        if value == "queue":
            return queryset.filter(state__in=Achievement.REVIEW_STATES)
        if value == "assigned":
            return queryset.filter(assigned_to_id=user.pk)
        return queryset


class AchievementViewSet(WorkflowActionsMixin, viewsets.ModelViewSet):
    """Achievements visible to the caller (own drafts, the queue for staff, published ones for everyone)."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    filterset_class = AchievementFilter
    search_fields = ["name", "summary", "tags"]
    ordering_fields = ["updated_at", "created_at", "last_submitted_at", "submitted_at", "name", "state"]
    ordering = ["-updated_at", "-id"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        queryset = Achievement.objects.filter(visible_q(self.request.user))
        if self.action == "list":
            return queryset.for_list()
        return queryset.select_related(
            "holder", "organization", "achievement_type", "technical_field", "assigned_to"
        ).prefetch_related(
            "scenarios",
            "cooperation_modes",
            "co_organizations",
            "technical_parameters",
            "application_cases",
            "ip_entries",
            "team_members",
        )

    def get_serializer_class(self):
        if self.action == "list":
            return AchievementListSerializer
        if self.action in ("create", "update", "partial_update"):
            return AchievementWriteSerializer
        return AchievementDetailSerializer

    def _detail(self, achievement: Achievement, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=achievement.pk)
        return Response(
            AchievementDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(request=AchievementWriteSerializer, responses={201: AchievementDetailSerializer})
    def create(self, request, *args, **kwargs):
        serializer = AchievementWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        rows = pop_rows(data)
        achievement = services.achievement_create(holder=request.user, **data)
        if rows:
            achievement = services.achievement_update(
                achievement_id=achievement.pk,
                actor=request.user,
                expected_version=achievement.version,
                rows=rows,
            )
        return self._detail(achievement, status.HTTP_201_CREATED)

    @extend_schema(request=AchievementWriteSerializer, responses={200: AchievementDetailSerializer})
    def update(self, request, *args, **kwargs):
        achievement = self.get_object()
        partial = kwargs.pop("partial", False)
        serializer = AchievementWriteSerializer(
            achievement, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "version" not in data:
            raise ValidationFailed(
                "version: this field is required (optimistic locking).", code="version_required"
            )
        version = data.pop("version")
        m2m = {
            k: data.pop(k) for k in list(data) if k in ("scenarios", "co_organizations", "cooperation_modes")
        }
        rows = pop_rows(data)
        levels = data.pop("confidentiality", None)
        achievement = services.achievement_update(
            achievement_id=achievement.pk,
            actor=request.user,
            expected_version=version,
            fields=data,
            m2m=m2m,
            rows=rows,
            confidentiality=levels,
        )
        return self._detail(achievement)

    def destroy(self, request, *args, **kwargs):
        achievement = self.get_object()
        services.achievement_delete_draft(achievement_id=achievement.pk, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- workflow -----------------------------------------------------------------------------
    def perform_transition(self, obj, *, action_name: str, reason: str):
        user = self.request.user
        if action_name in ("submit", "resubmit"):
            return services.achievement_submit(achievement_id=obj.pk, actor=user, action=action_name)
        if action_name in ("accept", "return_for_supplement", "refuse"):
            return services.achievement_review(
                achievement_id=obj.pk, actor=user, decision=action_name, note=reason
            )
        if action_name == "withdraw":
            return services.achievement_withdraw(achievement_id=obj.pk, actor=user, reason=reason)
        if action_name == "publish":
            return services.achievement_publish(achievement_id=obj.pk, actor=user, reason=reason)
        return transition(Achievement, obj.pk, action=action_name, actor=user, reason=reason)

    @extend_schema(request=ReviewSerializer, responses={200: TransitionLogSerializer})
    @action(detail=True, methods=["post"], url_path="review")
    def review(self, request, pk=None):
        """A formal-review decision with itemised reasons pinned to fields (``field``) or materials (``material``)."""
        achievement = self.get_object()
        payload = ReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        updated = services.achievement_review(
            achievement_id=achievement.pk,
            actor=request.user,
            decision=payload.validated_data["decision"],
            note=payload.validated_data.get("note", ""),
            reasons=payload.validated_data.get("reasons", []),
        )
        return Response(
            {"state": updated.state, "log": TransitionLogSerializer(history(updated).last()).data}
        )

    @extend_schema(request=ReassignSerializer, responses={200: AchievementListSerializer})
    @action(detail=True, methods=["post"], url_path="reassign")
    def reassign(self, request, pk=None):
        achievement = self.get_object()
        payload = ReassignSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        assignee = get_user_model().objects.filter(pk=payload.validated_data["assignee"]).first()
        updated = services.achievement_reassign(
            achievement_id=achievement.pk,
            actor=request.user,
            assignee=assignee,
            note=payload.validated_data.get("note", ""),
        )
        return Response(AchievementListSerializer(Achievement.objects.for_list().get(pk=updated.pk)).data)

    # --- submissions and diff ---------------------------------------------------------------------
    def _submissions_object(self) -> Achievement:
        achievement = self.get_object()
        if not self.request.user.has_perm("achievements.view_submissions", achievement):
            raise PermissionDeniedError("Only the holder and staff see the submissions.")
        return achievement

    @extend_schema(responses={200: SubmissionSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="submissions", pagination_class=None, filter_backends=[])
    def submissions(self, request, pk=None):
        achievement = self._submissions_object()
        rows = achievement.submissions.select_related("created_by").order_by("number")
        return Response(SubmissionSerializer(rows, many=True, context={"request": request}).data)

    @extend_schema(responses={200: SubmissionDetailSerializer})
    @action(
        detail=True,
        methods=["get"],
        url_path=r"submissions/(?P<number>\d+)",
        pagination_class=None,
        filter_backends=[],
    )
    def submission_detail(self, request, pk=None, number=None):
        achievement = self._submissions_object()
        submission = achievement.submissions.filter(number=number).select_related("created_by").first()
        if submission is None:
            raise Http404
        return Response(SubmissionDetailSerializer(submission, context={"request": request}).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("a", OpenApiTypes.INT, description="from submission number (default: previous)"),
            OpenApiParameter("b", OpenApiTypes.INT, description="to submission number (default: latest)"),
        ],
        responses={200: DiffSerializer},
    )
    @action(detail=True, methods=["get"], url_path="diff", pagination_class=None, filter_backends=[])
    def diff(self, request, pk=None):
        achievement = self._submissions_object()
        subs = {s.number: s for s in achievement.submissions.all()}
        if not subs:
            raise Http404
        try:
            b = int(request.query_params.get("b") or max(subs))
            a = int(request.query_params.get("a") or (b - 1 if b > 1 else b))
        except ValueError:
            raise ValidationFailed("a and b must be submission numbers.", code="invalid") from None
        if a not in subs or b not in subs:
            raise Http404
        result = diff_snapshots(subs[a].data, subs[b].data)
        return Response({"a": a, "b": b, **result.as_dict()})

    # --- materials ----------------------------------------------------------------------------------
    @extend_schema(
        methods=["GET"],
        responses={200: ChecklistItemSerializer(many=True)},
        description="The checklist of materials for the achievement type, with the files uploaded for each.",
    )
    @extend_schema(
        methods=["POST"], request=MaterialUploadSerializer, responses={201: AttachmentBriefSerializer}
    )
    @action(
        detail=True, methods=["get", "post"], url_path="materials", pagination_class=None, filter_backends=[]
    )
    def materials(self, request, pk=None):
        achievement = self.get_object()
        if not request.user.has_perm("achievements.view_materials", achievement):
            raise PermissionDeniedError("Only the holder, staff and assigned evaluators see the materials.")
        if request.method == "POST":
            payload = MaterialUploadSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            attachment = services.material_upload(
                achievement_id=achievement.pk,
                actor=request.user,
                uploaded_file=payload.validated_data["file"],
                kind=payload.validated_data["kind"],
                note=payload.validated_data.get("note", ""),
            )
            return Response(AttachmentBriefSerializer(attachment).data, status=status.HTTP_201_CREATED)
        checklist = material_checklist(achievement, list(achievement_attachments(achievement)))
        return Response(ChecklistItemSerializer(checklist, many=True).data)


# --------------------------------------------------------------------------- vocabularies
class _VocabularyViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.AllowAny]
    serializer_class = VocabularySerializer
    lookup_field = "code"
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        return self.model.objects.active().order_by("order", "id")


class AchievementTypeViewSet(_VocabularyViewSet):
    """Achievement types (000 §3.2), with the materials each requires."""

    model = AchievementType

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("required_materials", queryset=RequiredMaterial.objects.order_by("order", "id"))
            )
        )

    @extend_schema(responses={200: RequiredMaterialSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="materials")
    def materials(self, request, code=None):
        kind = self.get_object()
        return Response(RequiredMaterialSerializer(kind.required_materials.all(), many=True).data)


class TechnicalFieldViewSet(_VocabularyViewSet):
    """Technical fields (000 §5.2.1.1)."""

    model = TechnicalField


class ApplicationScenarioViewSet(_VocabularyViewSet):
    """Application scenarios (000 §5.2.1.1)."""

    model = ApplicationScenario


class CooperationModeViewSet(_VocabularyViewSet):
    """Cooperation modes (000 §3.3)."""

    model = CooperationMode
