"""REST API of information services: content (public when published), consultations, feedback."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from platform_core.accounts.models import User
from platform_core.accounts.roles import is_staff_member
from platform_core.api.workflow import WorkflowActionsMixin

from . import selectors, services
from .models import Article, Consultation, ConsultationMessage, Feedback, Tag


class IsStaffOrReadOnly(permissions.BasePermission):
    """Anyone (anonymous too) may read; only service specialists write."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated and is_staff_member(request.user))


# ---------------------------------------------------------------------------------------------- content


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "name"]


class IndicatorSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    value = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    unit = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ArticleListSerializer(serializers.ModelSerializer):
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "kind",
            "state",
            "title",
            "summary",
            "tags",
            "featured",
            "published_at",
            "policy_level",
            "issuing_body",
            "document_number",
            "effective_date",
            "starts_on",
            "ends_on",
            "location",
            "event_mode",
            "region",
            "url",
        ]


class ArticleDetailSerializer(ArticleListSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta(ArticleListSerializer.Meta):
        fields = [
            *ArticleListSerializer.Meta.fields,
            "body",
            "source",
            "source_url",
            "interpretation",
            "compliance_guidance",
            "organiser",
            "registration_url",
            "related_text",
            "indicators",
            "created_at",
            "updated_at",
        ]


WRITE_FIELDS = [f for f in services.EDITABLE_FIELDS if f not in {"related_content_type", "related_object_id"}]


class ArticleWriteSerializer(serializers.ModelSerializer):
    """Staff create or edit; rich text is sanitised by the service, tags are names (created if new)."""

    tags = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, help_text="Tag names."
    )
    indicators = IndicatorSerializer(many=True, required=False)

    class Meta:
        model = Article
        fields = [*WRITE_FIELDS, "tags"]

    def create(self, validated_data):
        tags = validated_data.pop("tags", None)
        return services.article_create(
            actor=self.context["request"].user, data=validated_data, tag_names=tags
        )

    def update(self, instance, validated_data):
        tags = validated_data.pop("tags", None)
        return services.article_update(
            article_id=instance.pk, actor=self.context["request"].user, data=validated_data, tag_names=tags
        )

    def to_representation(self, instance):
        return ArticleDetailSerializer(instance, context=self.context).data


class ArticleFilter(django_filters.FilterSet):
    tag = django_filters.CharFilter(field_name="tags__name", label="tag name")

    class Meta:
        model = Article
        fields = ["kind", "state", "featured", "policy_level", "event_mode", "tag"]


class ArticleViewSet(WorkflowActionsMixin, viewsets.ModelViewSet):
    """Information items. Anyone may list and read published ones; staff see drafts and edit.

    Transitions (staff): ``publish``, ``unpublish`` (reason required).
    """

    permission_classes = [IsStaffOrReadOnly]
    filterset_class = ArticleFilter
    search_fields = ["title", "summary", "body", "interpretation", "document_number"]
    ordering_fields = ["published_at", "title", "starts_on", "updated_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]  # no delete: unpublish instead

    def get_queryset(self):
        qs = Article.objects.prefetch_related("tags").order_by("-published_at", "-id")
        if not is_staff_member(self.request.user):
            qs = qs.filter(state=Article.State.PUBLISHED)
        return qs

    def get_serializer_class(self):
        if self.action in {"create", "partial_update", "update"}:
            return ArticleWriteSerializer
        if self.action == "list":
            return ArticleListSerializer
        return ArticleDetailSerializer

    def perform_transition(self, obj, *, action_name: str, reason: str):
        if action_name == "publish":
            return services.article_publish(article_id=obj.pk, actor=self.request.user, reason=reason)
        return super().perform_transition(obj, action_name=action_name, reason=reason)


class TagViewSet(viewsets.ReadOnlyModelViewSet):
    """The topic tags (anyone may read them)."""

    queryset = Tag.objects.order_by("name")
    serializer_class = TagSerializer
    permission_classes = [permissions.AllowAny]
    pagination_class = None
    search_fields = ["name"]
    filterset_fields: list[str] = []


# ----------------------------------------------------------------------------------------- consultations


class UserBriefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "name"]


class ConsultationMessageSerializer(serializers.ModelSerializer):
    author = UserBriefSerializer(read_only=True)

    class Meta:
        model = ConsultationMessage
        fields = ["id", "kind", "author", "body", "created_at"]


class ConsultationSerializer(serializers.ModelSerializer):
    asker = UserBriefSerializer(read_only=True)
    assignee = UserBriefSerializer(read_only=True, allow_null=True)  # none until staff assign it
    waiting_days = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "id",
            "category",
            "subject",
            "question",
            "contact",
            "state",
            "asker",
            "assignee",
            "created_at",
            "first_answered_at",
            "closed_at",
            "waiting_days",
        ]
        read_only_fields = ["state", "created_at", "first_answered_at", "closed_at"]

    def get_waiting_days(self, obj: Consultation) -> int | None:
        """Working days the asker has been waiting for an answer (null when not waiting)."""
        if not obj.is_waiting:
            return None
        clock = self.context.setdefault("waiting_clock", selectors.WaitingClock())
        return clock.days_since(obj.waiting_since)

    def create(self, validated_data):
        return services.consultation_submit(asker=self.context["request"].user, **validated_data)


class ConsultationDetailSerializer(ConsultationSerializer):
    messages = ConsultationMessageSerializer(many=True, read_only=True)
    response_days = serializers.SerializerMethodField()
    completion_days = serializers.SerializerMethodField()

    class Meta(ConsultationSerializer.Meta):
        fields = [*ConsultationSerializer.Meta.fields, "messages", "response_days", "completion_days"]

    def _clock(self, obj):
        key = f"clock-{obj.pk}"
        if key not in self.context:
            self.context[key] = selectors.consultation_clock(obj)
        return self.context[key]

    def get_response_days(self, obj) -> int | None:
        """Working days from the question to the first answer."""
        return self._clock(obj).response_days

    def get_completion_days(self, obj) -> int | None:
        """Working days from the question to closing."""
        return self._clock(obj).completion_days


class AssignSerializer(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))


class ConsultationViewSet(
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Online consultation. Users see and ask their own; staff see all.

    Transitions: ``answer`` (staff; the ``reason`` is the answer text), ``follow_up`` (asker; ``reason`` is the
    question), ``confirm`` (asker), ``close`` (staff, reason), ``reopen`` (reason), ``assign`` (staff, to
    oneself; use ``assign/`` to choose someone).
    """

    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["state", "category"]
    search_fields = ["subject", "question"]
    ordering_fields = ["created_at", "waiting_since"]

    def get_queryset(self):
        qs = selectors.consultations_visible_to(self.request.user).order_by("-created_at", "-id")
        if self.action == "retrieve":
            qs = qs.prefetch_related("messages__author")
        return qs

    def get_serializer_class(self):
        return ConsultationDetailSerializer if self.action == "retrieve" else ConsultationSerializer

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return services.consultation_act(
            consultation_id=obj.pk, actor=self.request.user, action=action_name, text=reason
        )

    @extend_schema(request=AssignSerializer, responses={200: ConsultationSerializer})
    @action(detail=True, methods=["post"], url_path="assign")
    def assign(self, request: Request, pk=None) -> Response:
        obj = self.get_object()
        payload = AssignSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        updated = services.consultation_assign(
            consultation_id=obj.pk, actor=request.user, assignee=payload.validated_data["assignee"]
        )
        return Response(ConsultationSerializer(updated, context=self.get_serializer_context()).data)


# ---------------------------------------------------------------------------------------------- feedback


class FeedbackSerializer(serializers.ModelSerializer):
    author = UserBriefSerializer(read_only=True)

    class Meta:
        model = Feedback
        fields = [
            "id",
            "category",
            "respondent",
            "target",
            "body",
            "contact",
            "state",
            "handling_note",
            "author",
            "created_at",
        ]
        read_only_fields = ["state", "handling_note", "created_at"]

    def create(self, validated_data):
        return services.feedback_submit(author=self.context["request"].user, **validated_data)


class FeedbackViewSet(
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """User feedback (5.2.2.3.2). Users see their own; staff see all and act: ``acknowledge``,
    ``resolve`` (the reason is the handling note shown to the author), ``reopen``."""

    serializer_class = FeedbackSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["state", "category", "respondent"]
    search_fields = ["target", "body"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return selectors.feedback_visible_to(self.request.user).order_by("-created_at", "-id")

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return services.feedback_act(
            feedback_id=obj.pk, actor=self.request.user, action=action_name, reason=reason
        )
