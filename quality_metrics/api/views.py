"""REST API of service quality (DRF under /api/v1/): the same services as the HTML pages."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from platform_core.accounts.roles import is_staff_member
from platform_core.api.workflow import WorkflowActionsMixin
from platform_core.errors import ValidationFailed

from .. import indicators, periods
from ..models import (
    AuditItem,
    Complaint,
    ConformityAudit,
    EvaluationTrigger,
    ImprovementAction,
    MetricSnapshot,
    PanelMember,
    PlatformEvaluation,
    ServiceCase,
    ServiceStarEvaluation,
    SurveyResponse,
    SurveyTemplate,
)
from ..selectors.surveys import campaign_results, campaigns_with_rates
from ..services import audits as audit_svc
from ..services import complaints as complaint_svc
from ..services import improvements as action_svc
from ..services import platform_evaluation as pe_svc
from ..services import service_star as star_svc
from ..services import surveys as survey_svc
from ..services.snapshots import measure, snapshots_compute
from . import serializers as s


class IsStaff(permissions.BasePermission):
    message = "Only platform staff may do this."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and is_staff_member(request.user))


def _period(request: Request) -> periods.Period:
    key = request.query_params.get("period", "")
    if not key:
        return periods.containing("quarter")
    try:
        return periods.parse(key)
    except ValueError:
        raise ValidationFailed("period must look like quarter:2025-04-01", code="bad_period")


class IndicatorViewSet(viewsets.ViewSet):
    """The seven indicators of T/HEBQIA §7.1 with their definitions; ``retrieve`` measures one for a period."""

    permission_classes = [IsStaff]
    lookup_field = "code"
    lookup_value_regex = "[a-z_]+"

    @extend_schema(responses=s.QualityIndicatorSerializer(many=True))
    def list(self, request: Request) -> Response:
        data = [s.indicator_data(i) for i in sorted(indicators.INDICATORS.values(), key=lambda i: i.order)]
        return Response(s.QualityIndicatorSerializer(data, many=True).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("period", str, description="e.g. quarter:2025-04-01 (default: this quarter)")
        ],
        responses=s.QualityMeasurementSerializer,
    )
    def retrieve(self, request: Request, code: str | None = None) -> Response:
        if code not in indicators.INDICATORS:
            raise Http404
        period = _period(request)
        result = measure(indicator=code, period=period)
        band = indicators.get(code).band(result.value)
        data = {
            "indicator": code,
            "period": period.key,
            "value": result.value,
            "band": band,
            "band_label": str(indicators.band_label(band)),
            "numerator": result.numerator,
            "denominator": result.denominator,
            "status": result.status,
            "details": result.details,
        }
        return Response(s.QualityMeasurementSerializer(data).data)


class MetricSnapshotViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsStaff]
    serializer_class = s.MetricSnapshotSerializer
    queryset = MetricSnapshot.objects.order_by("indicator", "period_type", "-period_start")
    filterset_fields = ["indicator", "period_type", "period_start", "status"]
    ordering_fields = ["period_start", "indicator"]

    @extend_schema(request=s.RecomputeSerializer, responses=s.MetricSnapshotSerializer(many=True))
    @action(detail=False, methods=["post"], pagination_class=None, filter_backends=[])  # a plain list
    def recompute(self, request: Request) -> Response:
        payload = s.RecomputeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            period = periods.Period(
                payload.validated_data["period_type"], payload.validated_data["period_start"]
            )
        except ValueError as exc:
            raise ValidationFailed(str(exc), code="bad_period")
        snapshots = snapshots_compute(period=period)
        return Response(s.MetricSnapshotSerializer(snapshots, many=True).data)


class ServiceCaseViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsStaff]
    serializer_class = s.ServiceCaseSerializer
    queryset = ServiceCase.objects.select_related("content_type").order_by("-started_at", "-id")
    filterset_fields = {
        "service_type": ["exact"],
        "responded_at": ["gte", "lt", "isnull"],
        "completed_at": ["gte", "lt", "isnull"],
    }


class SurveyTemplateViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsStaff]
    serializer_class = s.SurveyTemplateSerializer
    queryset = SurveyTemplate.objects.prefetch_related("dimensions", "questions").order_by("name")


class SurveyCampaignViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Ad-hoc campaigns are created here; scheduled and case campaigns are created by the schedules."""

    permission_classes = [IsStaff]
    serializer_class = s.SurveyCampaignSerializer
    filterset_fields = ["kind", "state"]

    def get_queryset(self):
        return campaigns_with_rates().order_by("-created_at", "-id")

    def perform_create(self, serializer) -> None:
        data = serializer.validated_data
        campaign = survey_svc.campaign_create(
            actor=self.request.user,
            title=data["title"],
            template=data.get("template"),
            audience=data.get("audience") or [],
            valid_days=data.get("valid_days", 30),
            reminder_after_days=data.get("reminder_after_days", 7),
        )
        serializer.instance = self.get_queryset().get(pk=campaign.pk)

    @extend_schema(request=None, responses=s.SurveyCampaignSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk=None) -> Response:
        campaign = self.get_object()
        survey_svc.campaign_send(campaign_id=campaign.pk, actor=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=campaign.pk)).data)

    @extend_schema(request=None, responses=s.SurveyCampaignSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk=None) -> Response:
        campaign = self.get_object()
        survey_svc.campaign_close(campaign_id=campaign.pk, actor=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=campaign.pk)).data)

    @extend_schema(responses=s.CampaignResultsSerializer)
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk=None) -> Response:
        data = campaign_results(self.get_object())
        data.pop("questions", None)
        return Response(s.CampaignResultsSerializer(data).data)


class SurveyResponseViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsStaff]
    serializer_class = s.SurveyResponseSerializer
    queryset = SurveyResponse.objects.select_related("invitation").order_by("-submitted_at", "-id")
    filterset_fields = {
        "service_type": ["exact"],
        "submitted_at": ["gte", "lt"],
        "invitation__campaign": ["exact"],
    }


class PublicSurveyViewSet(viewsets.ViewSet):
    """The tokenised survey without login: GET ``{token}/`` for the questions, POST ``{token}/answer/`` (once)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    lookup_field = "token"
    lookup_value_regex = "[A-Za-z0-9_-]+"

    @extend_schema(responses=s.PublicSurveySerializer)
    def retrieve(self, request: Request, token: str | None = None) -> Response:
        invitation = survey_svc.invitation_for_token(token or "")
        campaign = invitation.campaign
        state = (
            "answered"
            if invitation.responded_at
            else ("expired" if invitation.is_expired else campaign.state)
        )
        data = {
            "title": campaign.template.name,
            "description": campaign.template.description,
            "service_type": invitation.service_type,
            "expires_at": invitation.expires_at,
            "status": state,
            "questions": list(campaign.template.questions.all()),
        }
        return Response(s.PublicSurveySerializer(data).data)

    @extend_schema(request=s.SurveyAnswerInSerializer, responses={201: s.SurveyResponseSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, token: str | None = None) -> Response:
        payload = s.SurveyAnswerInSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            answers = {int(k): v for k, v in payload.validated_data["answers"].items()}
        except ValueError:
            raise ValidationFailed("answers are keyed by question id", code="bad_answers")
        response = survey_svc.response_submit(
            token=token or "",
            answers=answers,
            comment=payload.validated_data["comment"],
            wants_contact=payload.validated_data["wants_contact"],
        )
        return Response(s.SurveyResponseSerializer(response).data, status=status.HTTP_201_CREATED)


class ComplaintViewSet(
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Everyone sees and files their own complaints; staff see and handle all."""

    serializer_class = s.ComplaintSerializer
    filterset_fields = ["state", "service_type", "source"]
    search_fields = ["code", "subject", "name"]
    ordering_fields = ["created_at", "resolve_due"]

    def get_queryset(self):
        qs = Complaint.objects.order_by("-created_at", "-id")
        if getattr(self, "swagger_fake_view", False):
            return qs.none()
        if is_staff_member(self.request.user):
            return qs
        return qs.filter(complainant=self.request.user)

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        data.setdefault("name", str(self.request.user))
        serializer.instance = complaint_svc.complaint_file(actor=self.request.user, **data)

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return complaint_svc.complaint_act(
            complaint_id=obj.pk, action=action_name, actor=self.request.user, reason=reason
        )

    @extend_schema(request=s.InvestigationSerializer, responses=s.ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def investigation(self, request: Request, pk=None) -> Response:
        complaint = self.get_object()
        if not request.user.has_perm("quality_metrics.handle_complaint", complaint):
            from platform_core.errors import PermissionDeniedError

            raise PermissionDeniedError("Only staff record investigation findings.")
        payload = s.InvestigationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        complaint = complaint_svc.complaint_record_investigation(
            complaint_id=complaint.pk,
            actor=request.user,
            investigation=payload.validated_data["investigation"],
        )
        return Response(self.get_serializer(complaint).data)


class ConformityAuditViewSet(
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsStaff]
    serializer_class = s.ConformityAuditSerializer
    filterset_fields = ["state", "service_type"]
    queryset = ConformityAudit.objects.prefetch_related("items").order_by("-created_at", "-id")

    def perform_create(self, serializer) -> None:
        serializer.instance = audit_svc.audit_create(actor=self.request.user, **serializer.validated_data)

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return audit_svc.audit_act(
            audit_id=obj.pk, action=action_name, actor=self.request.user, reason=reason
        )

    @extend_schema(request=None, responses=s.AuditItemSerializer(many=True))
    @action(detail=True, methods=["post"])
    def sample(self, request: Request, pk=None) -> Response:
        items = audit_svc.audit_sample(audit_id=self.get_object().pk, actor=request.user)
        return Response(s.AuditItemSerializer(items, many=True).data)


class AuditItemViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsStaff]
    serializer_class = s.AuditItemSerializer
    queryset = AuditItem.objects.order_by("audit", "id")
    filterset_fields = ["audit", "conforming", "service_type"]

    @extend_schema(request=s.AuditItemCheckSerializer, responses=s.AuditItemSerializer)
    @action(detail=True, methods=["post"])
    def check(self, request: Request, pk=None) -> Response:
        item = self.get_object()
        payload = s.AuditItemCheckSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = audit_svc.audit_item_check(item_id=item.pk, actor=request.user, **payload.validated_data)
        return Response(s.AuditItemSerializer(item).data)


class ImprovementActionViewSet(
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Staff see every action; an owner sees his own. ``transition`` with ``verify`` re-measures."""

    serializer_class = s.ImprovementActionSerializer
    filterset_fields = ["state", "source", "indicator", "owner"]
    ordering_fields = ["due_date", "created_at"]

    def get_queryset(self):
        qs = ImprovementAction.objects.order_by("due_date", "id")
        if getattr(self, "swagger_fake_view", False):
            return qs.none()
        if is_staff_member(self.request.user):
            return qs
        return qs.filter(Q(owner=self.request.user))

    def perform_create(self, serializer) -> None:
        if not is_staff_member(self.request.user):
            from platform_core.errors import PermissionDeniedError

            raise PermissionDeniedError("Only staff open improvement actions.")
        data = serializer.validated_data
        serializer.instance = action_svc.action_create(
            actor=self.request.user,
            title=data["title"],
            source=data["source"],
            problem=data["problem"],
            measures=data.get("measures", ""),
            owner=data.get("owner"),
            deadline_days=data.get("deadline_days", action_svc.DEFAULT_DEADLINE_DAYS),
            source_reference=data.get("source_reference", ""),
        )

    def perform_transition(self, obj, *, action_name: str, reason: str):
        if action_name == "verify":
            return action_svc.action_verify(action_id=obj.pk, actor=self.request.user, note=reason)
        return action_svc.action_act(
            action_id=obj.pk, action=action_name, actor=self.request.user, reason=reason
        )

    @extend_schema(request=s.ActionPlanSerializer, responses=s.ImprovementActionSerializer)
    @action(detail=True, methods=["post"])
    def plan(self, request: Request, pk=None) -> Response:
        obj = self.get_object()
        if not request.user.has_perm("quality_metrics.manage_action", obj):
            from platform_core.errors import PermissionDeniedError

            raise PermissionDeniedError("Only staff plan improvement actions.")
        payload = s.ActionPlanSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        obj = action_svc.action_plan(action_id=obj.pk, actor=request.user, **payload.validated_data)
        return Response(self.get_serializer(obj).data)


class PlatformEvaluationViewSet(
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsStaff]
    serializer_class = s.PlatformEvaluationSerializer
    filterset_fields = ["year", "state", "mode"]
    queryset = PlatformEvaluation.objects.prefetch_related("panel", "suggestions").order_by("-year", "-id")

    def perform_create(self, serializer) -> None:
        serializer.instance = pe_svc.platform_evaluation_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_transition(self, obj, *, action_name: str, reason: str):
        if action_name == "start_scoring":
            return pe_svc.evaluation_start_scoring(evaluation_id=obj.pk, actor=self.request.user)
        if action_name == "finish_scoring":
            return pe_svc.evaluation_finish_scoring(evaluation_id=obj.pk, actor=self.request.user)
        if action_name == "issue_report":
            return pe_svc.evaluation_issue_report(evaluation_id=obj.pk, actor=self.request.user)
        raise ValidationFailed(f"Unknown action “{action_name}”.", code="unknown_action")

    @extend_schema(request=s.PanelMemberSerializer, responses={201: s.PanelMemberSerializer})
    @action(detail=True, methods=["post"])
    def panel(self, request: Request, pk=None) -> Response:
        evaluation = self.get_object()
        payload = s.PanelMemberSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        member = pe_svc.panel_member_add(evaluation_id=evaluation.pk, actor=request.user, **data)
        return Response(s.PanelMemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"panel/(?P<member_id>\d+)")
    def panel_remove(self, request: Request, pk=None, member_id=None) -> Response:
        evaluation = self.get_object()
        member = PanelMember.objects.filter(pk=member_id, evaluation=evaluation).first()
        if member is None:
            raise Http404
        pe_svc.panel_member_remove(member_id=member.pk, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=s.ConclusionsSerializer, responses=s.PlatformEvaluationSerializer)
    @action(detail=True, methods=["post"])
    def conclusions(self, request: Request, pk=None) -> Response:
        evaluation = self.get_object()
        payload = s.ConclusionsSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        obj = pe_svc.evaluation_write_conclusions(
            evaluation_id=evaluation.pk, actor=request.user, **payload.validated_data
        )
        return Response(self.get_serializer(obj).data)

    @extend_schema(request=s.SuggestionSerializer, responses={201: s.SuggestionSerializer})
    @action(detail=True, methods=["post"])
    def suggestions(self, request: Request, pk=None) -> Response:
        evaluation = self.get_object()
        payload = s.SuggestionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        suggestion = pe_svc.suggestion_add(
            evaluation_id=evaluation.pk, actor=request.user, **payload.validated_data
        )
        return Response(s.SuggestionSerializer(suggestion).data, status=status.HTTP_201_CREATED)


class EvaluationTriggerViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [IsStaff]
    serializer_class = s.EvaluationTriggerSerializer
    queryset = EvaluationTrigger.objects.order_by("-occurred_on", "-id")

    def perform_create(self, serializer) -> None:
        serializer.instance = pe_svc.trigger_record(actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=None, responses={201: s.PlatformEvaluationSerializer})
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk=None) -> Response:
        evaluation = pe_svc.evaluation_from_trigger(trigger_id=self.get_object().pk, actor=request.user)
        return Response(s.PlatformEvaluationSerializer(evaluation).data, status=status.HTTP_201_CREATED)


class ServiceStarViewSet(
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsStaff]
    serializer_class = s.ServiceStarSerializer
    filterset_fields = ["state", "party"]
    queryset = ServiceStarEvaluation.objects.order_by("-created_at", "-id")

    def perform_create(self, serializer) -> None:
        serializer.instance = star_svc.service_star_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_transition(self, obj, *, action_name: str, reason: str):
        if action_name == "close":
            return star_svc.service_star_close(star_id=obj.pk, actor=self.request.user)
        raise ValidationFailed(
            "Start scoring with POST …/start_scoring/ and the evaluators.", code="use_start_scoring"
        )

    @extend_schema(request=s.StarMembersSerializer, responses=s.ServiceStarSerializer)
    @action(detail=True, methods=["post"])
    def start_scoring(self, request: Request, pk=None) -> Response:
        star = self.get_object()
        payload = s.StarMembersSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        star = star_svc.service_star_start_scoring(
            star_id=star.pk, actor=request.user, members=payload.validated_data["members"]
        )
        return Response(self.get_serializer(star).data)
