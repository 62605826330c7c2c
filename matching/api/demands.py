"""API: demands, challenge applications, suggestions, weights, matches of an achievement."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from achievements.models import Achievement
from platform_core.accounts.roles import is_staff_member
from platform_core.api.workflow import WorkflowActionsMixin
from platform_core.errors import NotFoundError, PermissionDeniedError

from .. import selectors
from ..models import ChallengeApplication, Demand, MatchingWeights, MatchSuggestion
from ..reasons import labelled, vocabulary_names
from ..services import demands as demand_services
from ..services import docking as docking_services
from ..services import matching as matching_services
from .serializers import (
    AchievementMatchesSerializer,
    ChallengeApplicationSerializer,
    ChallengeApplyRequestSerializer,
    DemandListSerializer,
    DemandSerializer,
    DockingProjectSerializer,
    MatchingWeightsSerializer,
    MatchSuggestionSerializer,
    MatchSuggestionStatusSerializer,
)


class DemandFilter(filters.FilterSet):
    state = filters.MultipleChoiceFilter(choices=Demand.State.choices)
    technical_field = filters.CharFilter(field_name="technical_field__code")
    is_challenge = filters.BooleanFilter()
    scope = filters.ChoiceFilter(
        method="filter_scope",
        choices=[("mine", "mine"), ("queue", "queue")],
        label="mine: my demands; queue: awaiting review (staff)",
    )
    q = filters.CharFilter(method="filter_q", label="keyword (jieba tokens, all must match)")

    class Meta:
        model = Demand
        fields = ["state", "technical_field", "is_challenge"]

    def filter_scope(self, queryset, name, value):
        if value == "mine":
            return queryset.filter(owner_id=self.request.user.pk)
        return queryset.filter(state=Demand.State.SUBMITTED)

    def filter_q(self, queryset, name, value):
        return selectors.demand_search(queryset, q=value)


def _fields(data: dict) -> dict:
    return {("technical_field" if k == "technical_field" else k): v for k, v in data.items()}


class DemandViewSet(
    WorkflowActionsMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Technology demands and challenge calls visible to the caller (confidentiality applies: 404 otherwise)."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    filterset_class = DemandFilter
    ordering_fields = ["updated_at", "published_at", "deadline", "title"]
    ordering = ["-updated_at", "-id"]

    def get_queryset(self):
        qs = selectors.visible_demands(self.request.user).select_related(
            "owner", "organization", "technical_field"
        )
        if self.action != "list":
            qs = qs.prefetch_related("scenarios", "cooperation_modes")
        return qs

    def get_serializer_class(self):
        return DemandListSerializer if self.action == "list" else DemandSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = demand_services.demand_create(owner=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = demand_services.demand_update(
            demand_id=serializer.instance.pk, actor=self.request.user, **data
        )

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return demand_services.demand_transition(
            demand_id=obj.pk, actor=self.request.user, action=action_name, reason=reason
        )

    @extend_schema(responses={200: MatchSuggestionSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def matches(self, request, pk=None):
        """The stored suggestions of this demand with their reasons (owner and staff)."""
        demand = self.get_object()
        if not request.user.has_perm("matching.view_demand_matches", demand):
            raise PermissionDeniedError(_("Only the demand's owner and staff see its matches."))
        qs = selectors.suggestions_for_demand(demand)
        return Response(MatchSuggestionSerializer(qs, many=True, context={"vocab": vocabulary_names()}).data)

    @extend_schema(request=None, responses={200: MatchSuggestionSerializer(many=True)})
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def recompute(self, request, pk=None):
        demand = self.get_object()
        if not request.user.has_perm("matching.view_demand_matches", demand):
            raise PermissionDeniedError(_("Only the demand's owner and staff see its matches."))
        matching_services.suggestions_refresh_for_demand(demand_id=demand.pk)
        qs = selectors.suggestions_for_demand(demand)
        return Response(MatchSuggestionSerializer(qs, many=True, context={"vocab": vocabulary_names()}).data)

    @extend_schema(request=ChallengeApplyRequestSerializer, responses={201: ChallengeApplicationSerializer})
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        """A holder applies to a challenge call."""
        demand = self.get_object()
        payload = ChallengeApplyRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        application = demand_services.challenge_apply(
            demand_id=demand.pk,
            actor=request.user,
            proposal=data["proposal"],
            team_summary=data["team_summary"],
            achievement_id=data.get("achievement"),
        )
        return Response(ChallengeApplicationSerializer(application).data, status=status.HTTP_201_CREATED)


class ApplicationViewSet(WorkflowActionsMixin, viewsets.ReadOnlyModelViewSet):
    """Challenge applications: the applicant's own, those to the caller's calls, all for staff.
    Transitions: accept (opens a docking project), reject (reason), withdraw."""

    serializer_class = ChallengeApplicationSerializer
    filterset_fields = ["state", "demand"]

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):
            return ChallengeApplication.objects.none()
        qs = ChallengeApplication.objects.select_related("applicant", "demand").order_by("-created_at", "-id")
        if is_staff_member(user):
            return qs
        return qs.filter(Q(applicant=user) | Q(demand__owner=user))

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return demand_services.application_decide(
            application_id=obj.pk, actor=self.request.user, action=action_name, reason=reason
        )


class SuggestionViewSet(viewsets.ReadOnlyModelViewSet):
    """Match suggestions: for the caller's demands (enterprise), for his achievements (holder, only demands
    he may see), all (staff)."""

    serializer_class = MatchSuggestionSerializer
    filterset_fields = ["demand", "achievement", "status"]
    ordering = ["-score", "id"]

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):
            return MatchSuggestion.objects.none()
        qs = MatchSuggestion.objects.select_related("demand", "achievement")
        if is_staff_member(user):
            return qs
        return qs.filter(
            Q(demand__owner=user) | Q(pk__in=selectors.suggestions_for_holder(user).values("pk"))
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "vocab": vocabulary_names()}

    @extend_schema(request=MatchSuggestionStatusSerializer, responses={200: MatchSuggestionSerializer})
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        suggestion = self.get_object()
        payload = MatchSuggestionStatusSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        updated = matching_services.suggestion_set_status(
            suggestion_id=suggestion.pk, actor=request.user, status=payload.validated_data["status"]
        )
        return Response(MatchSuggestionSerializer(updated, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses={201: DockingProjectSerializer})
    @action(detail=True, methods=["post"])
    def inquire(self, request, pk=None):
        """Open a docking project from this suggestion."""
        suggestion = self.get_object()
        project = docking_services.project_from_suggestion(suggestion_id=suggestion.pk, actor=request.user)
        return Response(DockingProjectSerializer(project).data, status=status.HTTP_201_CREATED)


class WeightsView(APIView):
    """The matching weights (staff read and change them; saving recomputes every suggestion)."""

    @extend_schema(responses={200: MatchingWeightsSerializer})
    def get(self, request):
        if not request.user.has_perm("matching.manage_weights"):
            raise PermissionDeniedError(_("Only staff may tune the matching weights."))
        return Response(MatchingWeightsSerializer(MatchingWeights.load()).data)

    @extend_schema(request=MatchingWeightsSerializer, responses={200: MatchingWeightsSerializer})
    def put(self, request):
        payload = MatchingWeightsSerializer(MatchingWeights.load(), data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        weights = matching_services.weights_update(actor=request.user, **payload.validated_data)
        return Response(MatchingWeightsSerializer(weights).data)


class AchievementMatchesView(APIView):
    """Demands and enterprises ranked for one achievement (its holder and staff)."""

    @extend_schema(responses={200: AchievementMatchesSerializer})
    def get(self, request, pk: int):
        achievement = Achievement.objects.filter(pk=pk).first()
        if achievement is None or not (
            is_staff_member(request.user) or achievement.holder_id == request.user.pk
        ):
            raise NotFoundError(_("Achievement not found."))
        vocab = vocabulary_names()
        ranked = matching_services.demands_for_achievement(achievement=achievement, user=request.user)
        enterprises = matching_services.enterprises_for_achievement(
            ranked_demands=ranked, achievement=achievement
        )
        return Response(
            {
                "demands": [
                    {
                        "demand": d.pk,
                        "title": d.title,
                        "score": m.score,
                        "reasons": labelled([r.as_dict() for r in m.reasons], vocab),
                    }
                    for d, m in ranked
                ],
                "enterprises": [
                    {
                        "organization": str(e["organization"]),
                        "score": e["score"],
                        "demands": [d.pk for d in e["demands"]],
                        "history": e["history"],
                    }
                    for e in enterprises
                ],
            }
        )
