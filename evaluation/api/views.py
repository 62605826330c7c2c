"""REST API of the evaluation app under /api/v1/evaluation/. Every write calls a service; visibility is the
same ``rules`` predicates as the HTML (404 for what one may not see, 403 for what one may not do, 409 for
moves the workflow refuses or stale versions, 400 for bad input)."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from evaluation import ahp
from evaluation import scorecards as engine
from evaluation.models import (
    ComparisonMatrix,
    DelphiRound,
    Evaluation,
    Expert,
    IndicatorSystem,
    PanelMember,
    ScorecardEvaluation,
    ScorecardSheet,
    ScorecardTemplate,
    ScoreSheet,
    TrlScale,
)
from evaluation.selectors.aggregation import evaluation_results
from evaluation.selectors.delphi import round_statistics
from evaluation.selectors.panels import evaluation_list, expert_list
from evaluation.services import delphi_rounds
from evaluation.services import evaluations as services
from evaluation.services import indicators as indicator_services
from evaluation.services.reports import evaluation_report_request
from evaluation.services.scoring import score_sheet_save, score_sheet_submit, sheet_state
from platform_core.accounts.roles import is_staff_member
from platform_core.api.workflow import WorkflowActionsMixin
from platform_core.errors import PermissionDeniedError, ValidationFailed

from . import serializers as s


class IsStaff(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and is_staff_member(request.user))


class StaffWrites(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or is_staff_member(request.user)


def _ok(data) -> Response:
    return Response(data)


class IndicatorSystemViewSet(WorkflowActionsMixin, viewsets.ReadOnlyModelViewSet):
    """Indicator systems (read for every user; staff make versions, set weights, activate via transition)."""

    queryset = IndicatorSystem.objects.order_by("code", "-version")
    permission_classes = [StaffWrites]
    filterset_fields = ["code", "state", "is_default"]

    def get_serializer_class(self):
        return s.IndicatorSystemDetailSerializer if self.action == "retrieve" else s.IndicatorSystemSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = qs.prefetch_related("indicators__levels")
        return qs

    @extend_schema(request=None, responses=s.IndicatorSystemSerializer)
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk=None):
        copy = indicator_services.indicator_system_new_version(
            system_id=self.get_object().pk, actor=request.user
        )
        return _ok(s.IndicatorSystemSerializer(copy).data)

    @extend_schema(request=s.WeightsSerializer, responses=s.IndicatorSystemDetailSerializer)
    @action(detail=True, methods=["post"])
    def weights(self, request, pk=None):
        system = self.get_object()
        payload = s.WeightsSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        indicator_services.indicator_weights_set(
            system_id=system.pk,
            actor=request.user,
            weights={int(k): v for k, v in payload.validated_data["weights"].items()},
        )
        return _ok(
            s.IndicatorSystemDetailSerializer(
                IndicatorSystem.objects.prefetch_related("indicators__levels").get(pk=system.pk)
            ).data
        )


class ComparisonMatrixViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """AHP judgement matrices: save (weights, λmax, CI, CR computed), combine by geometric mean, adopt."""

    queryset = ComparisonMatrix.objects.select_related("system", "parent").order_by("-created_at")
    serializer_class = s.ComparisonMatrixSerializer
    permission_classes = [IsStaff]
    filterset_fields = ["system", "parent"]

    @extend_schema(request=s.MatrixInputSerializer, responses=s.ComparisonMatrixSerializer)
    def create(self, request, *args, **kwargs):
        payload = s.MatrixInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        matrix = indicator_services.comparison_matrix_save(
            system_id=data["system"].pk,
            actor=request.user,
            parent_id=data["parent"].pk if data.get("parent") else None,
            values=data["values"],
            note=data["note"],
        )
        return Response(s.ComparisonMatrixSerializer(matrix).data, status=201)

    @extend_schema(request=None, responses=s.ComparisonMatrixSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        matrix = indicator_services.comparison_matrix_adopt(
            matrix_id=self.get_object().pk, actor=request.user
        )
        return _ok(s.ComparisonMatrixSerializer(matrix).data)

    @extend_schema(request=s.AggregateInputSerializer, responses=s.ComparisonMatrixSerializer)
    @action(detail=False, methods=["post"])
    def aggregate(self, request):
        payload = s.AggregateInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        first = ComparisonMatrix.objects.filter(pk__in=payload.validated_data["matrices"]).first()
        if first is None:
            raise ValidationFailed("Unknown matrices.", code="unknown_matrix")
        matrix = indicator_services.comparison_matrix_aggregate(
            system_id=first.system_id,
            actor=request.user,
            matrix_ids=payload.validated_data["matrices"],
            parent_id=first.parent_id,
        )
        return Response(s.ComparisonMatrixSerializer(matrix).data, status=201)

    @extend_schema(request=s.AhpComputeSerializer, responses=s.AhpResultSerializer)
    @action(detail=False, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def compute(self, request):
        """Weights, λmax, CI and CR of a matrix without saving it (``evaluation.ahp.ahp_weights``)."""
        payload = s.AhpComputeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            full = ahp.validate_saaty_matrix(payload.validated_data["matrix"], strict_scale=False)
            result = ahp.ahp_weights(full)
        except ahp.AhpError as exc:
            raise ValidationFailed(str(exc), code="bad_matrix")
        return _ok(
            {
                "weights": list(result.weights),
                "lambda_max": result.lambda_max,
                "ci": result.ci,
                "cr": result.cr,
                "consistent": result.consistent,
            }
        )


class TrlScaleViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """TRL scales (GB/T 22900 general; drugs and biologics; devices and diagnostics); staff may edit."""

    queryset = TrlScale.objects.prefetch_related("levels")
    serializer_class = s.TrlScaleSerializer
    permission_classes = [StaffWrites]


class DelphiRoundViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Delphi rounds: staff start, close, run the next round and adopt; invited experts answer."""

    queryset = DelphiRound.objects.none()  # for the schema; get_queryset() filters per user
    serializer_class = s.DelphiRoundSerializer
    filterset_fields = ["system", "state"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = DelphiRound.objects.select_related("system").prefetch_related("experts").order_by("-created_at")
        if is_staff_member(self.request.user):
            return qs
        return qs.filter(experts=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        if not is_staff_member(self.request.user):
            raise PermissionDeniedError("Only staff start Delphi rounds.")
        experts = list(data.pop("experts", []))
        system = data.pop("system")
        serializer.instance = delphi_rounds.delphi_round_create(
            system_id=system.pk, actor=self.request.user, experts=experts, **data
        )

    @extend_schema(request=s.DelphiAnswerSerializer, responses=s.DelphiRoundSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        delphi_round = self.get_object()
        payload = s.DelphiAnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        delphi_rounds.delphi_response_save(
            round_id=delphi_round.pk, actor=request.user, **payload.validated_data
        )
        return _ok(s.DelphiRoundSerializer(delphi_round).data)

    @extend_schema(request=None, responses=s.JsonSerializer)
    @action(detail=True, methods=["get"])
    def statistics(self, request, pk=None):
        delphi_round = self.get_object()
        if not is_staff_member(request.user) and delphi_round.state != DelphiRound.State.CLOSED:
            raise PermissionDeniedError("The statistics are published when the round closes.")
        return _ok(delphi_round.results or round_statistics(delphi_round))

    @extend_schema(request=None, responses=s.DelphiRoundSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsStaff])
    def close(self, request, pk=None):
        return _ok(
            s.DelphiRoundSerializer(
                delphi_rounds.delphi_round_close(round_id=self.get_object().pk, actor=request.user)
            ).data
        )

    @extend_schema(request=None, responses=s.DelphiRoundSerializer)
    @action(detail=True, methods=["post"], url_path="next", permission_classes=[IsStaff])
    def next_round(self, request, pk=None):
        return _ok(
            s.DelphiRoundSerializer(
                delphi_rounds.delphi_round_next(round_id=self.get_object().pk, actor=request.user)
            ).data
        )

    @extend_schema(request=None, responses=s.IndicatorSystemSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsStaff])
    def adopt(self, request, pk=None):
        system = delphi_rounds.delphi_round_adopt(round_id=self.get_object().pk, actor=request.user)
        return _ok(s.IndicatorSystemSerializer(system).data)


class ExpertViewSet(viewsets.ModelViewSet):
    """The expert pool (staff)."""

    queryset = Expert.objects.none()  # for the schema; get_queryset() filters per user
    serializer_class = s.ExpertSerializer
    permission_classes = [IsStaff]
    filterset_fields = ["panel_role", "sector", "is_active"]
    search_fields = ["user__display_name", "user__username", "organization__name", "discipline", "expertise"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return expert_list().prefetch_related("relations").order_by("panel_role", "id")


class EvaluationViewSet(WorkflowActionsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Evaluations of achievements: create (staff), panel, audit, moves, results, conclusion, report."""

    queryset = Evaluation.objects.none()  # for the schema; get_queryset() filters per user
    filterset_fields = ["state", "mode", "achievement"]
    ordering_fields = ["created_at", "due_date", "panel_score"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = evaluation_list().prefetch_related("work_group").order_by("-created_at")
        if self.action == "retrieve":
            qs = qs.prefetch_related(
                "panel_members__expert__user", "panel_members__declaration", "panel_members__sheet"
            )
        user = self.request.user
        if is_staff_member(user):
            return qs
        return qs.filter(
            Q(leader=user)
            | Q(work_group=user)
            | (Q(panel_members__expert__user=user) & ~Q(panel_members__state="recused"))
        ).distinct()

    def get_serializer_class(self):
        return s.EvaluationDetailSerializer if self.action == "retrieve" else s.EvaluationSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        work_group = list(data.pop("work_group", []))
        achievement = data.pop("achievement")
        for key in ("trim_proportion", "outlier_threshold"):
            data.pop(key, None)
        serializer.instance = services.evaluation_create(
            achievement=achievement, actor=self.request.user, work_group=work_group, **data
        )

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return services.evaluation_transition(
            evaluation_id=obj.pk, action=action_name, actor=self.request.user, reason=reason
        )

    @extend_schema(request=s.AssignSerializer, responses=s.PanelMemberSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsStaff])
    def assign(self, request, pk=None):
        evaluation = self.get_object()
        payload = s.AssignSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        member = services.panel_member_assign(
            evaluation_id=evaluation.pk,
            actor=request.user,
            expert_id=payload.validated_data["expert"],
            is_chair=payload.validated_data["is_chair"],
        )
        return Response(s.PanelMemberSerializer(member).data, status=201)

    @extend_schema(request=None, responses=s.PanelMemberSerializer(many=True))
    @action(detail=True, methods=["post"], url_path="auto-assign", permission_classes=[IsStaff])
    def auto_assign(self, request, pk=None):
        added = services.panel_auto_assign(evaluation_id=self.get_object().pk, actor=request.user)
        return _ok(s.PanelMemberSerializer(added, many=True).data)

    @extend_schema(request=s.AuditSerializer, responses=s.EvaluationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsStaff])
    def audit(self, request, pk=None):
        evaluation = self.get_object()
        payload = s.AuditSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.material_audit_record(
            evaluation_id=evaluation.pk, actor=request.user, **payload.validated_data
        )
        return _ok(s.EvaluationSerializer(Evaluation.objects.get(pk=evaluation.pk)).data)

    @extend_schema(request=s.ConclusionSerializer, responses=s.EvaluationDetailSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsStaff])
    def conclusion(self, request, pk=None):
        evaluation = self.get_object()
        payload = s.ConclusionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        swot = data.pop("swot", None)
        services.evaluation_conclusion_save(evaluation_id=evaluation.pk, actor=request.user, **data)
        if swot is not None:
            services.swot_consolidated_save(evaluation_id=evaluation.pk, actor=request.user, entries=swot)
        return _ok(s.EvaluationDetailSerializer(Evaluation.objects.get(pk=evaluation.pk)).data)

    @extend_schema(request=None, responses=s.JsonSerializer)
    @action(detail=True, methods=["get"], permission_classes=[IsStaff])
    def results(self, request, pk=None):
        evaluation = self.get_object()
        return _ok(
            evaluation.results
            if evaluation.results and evaluation.state != "scoring"
            else evaluation_results(evaluation)
        )

    @extend_schema(request=None, responses=s.JsonSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsStaff])
    def report(self, request, pk=None):
        report = evaluation_report_request(evaluation_id=self.get_object().pk, actor=request.user)
        return Response(
            {"report": report.pk, "status": report.status, "url": report.get_absolute_url()}, status=202
        )


class PanelMemberViewSet(viewsets.GenericViewSet):
    """The expert's own actions on a panel seat: sign the declaration, recuse."""

    queryset = PanelMember.objects.none()  # for the schema; get_queryset() filters per user
    serializer_class = s.PanelMemberSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = PanelMember.objects.select_related("evaluation__achievement", "expert__user")
        if is_staff_member(self.request.user):
            return qs
        return qs.filter(expert__user=self.request.user)

    @extend_schema(request=s.DeclarationSerializer, responses=s.PanelMemberSerializer)
    @action(detail=True, methods=["post"])
    def declaration(self, request, pk=None):
        member = self.get_object()
        payload = s.DeclarationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.declaration_sign(
            member_id=member.pk,
            actor=request.user,
            ip_address=request.META.get("REMOTE_ADDR"),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            **payload.validated_data,
        )
        return _ok(s.PanelMemberSerializer(PanelMember.objects.get(pk=member.pk)).data)

    @extend_schema(request=s.ReasonSerializer, responses=s.PanelMemberSerializer)
    @action(detail=True, methods=["post"])
    def recuse(self, request, pk=None):
        member = self.get_object()
        payload = s.ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        if payload.validated_data.get("replacement"):
            new = services.panel_member_replace(
                member_id=member.pk,
                expert_id=payload.validated_data["replacement"],
                actor=request.user,
                reason=payload.validated_data["reason"],
            )
            return _ok(s.PanelMemberSerializer(new).data)
        services.panel_member_recuse(
            member_id=member.pk, actor=request.user, reason=payload.validated_data["reason"]
        )
        return _ok(s.PanelMemberSerializer(PanelMember.objects.get(pk=member.pk)).data)


class ScoreSheetViewSet(viewsets.ReadOnlyModelViewSet):
    """Score sheets: one's own (and others' once one's own is submitted); save with ``version``, submit."""

    queryset = ScoreSheet.objects.none()  # for the schema; get_queryset() filters per user
    serializer_class = s.ScoreSheetSerializer
    filterset_fields = ["state"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = ScoreSheet.objects.select_related("panel_member__expert__user", "panel_member__evaluation")
        user = self.request.user
        if is_staff_member(user):
            return qs.order_by("-updated_at")
        own = qs.filter(panel_member__expert__user=user)
        submitted_in = own.filter(state="submitted").values("panel_member__evaluation_id")
        open_in = own.filter(
            panel_member__evaluation__hide_others_until_submitted=False, panel_member__state="active"
        ).values("panel_member__evaluation_id")
        return qs.filter(
            Q(panel_member__expert__user=user)
            | (Q(panel_member__evaluation_id__in=submitted_in) | Q(panel_member__evaluation_id__in=open_in))
            & ~Q(panel_member__state="recused")
        ).order_by("-updated_at")

    @extend_schema(request=None, responses=s.JsonSerializer)
    @action(detail=True, methods=["get"])
    def content(self, request, pk=None):
        """Scores, comments, evidence, SWOT and TRL of the sheet."""
        return _ok(sheet_state(self.get_object()))

    @extend_schema(request=s.SheetSaveSerializer, responses=s.JsonSerializer)
    @action(detail=True, methods=["post"])
    def save(self, request, pk=None):
        sheet = self.get_object()
        payload = s.SheetSaveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        sheet = score_sheet_save(sheet_id=sheet.pk, actor=request.user, **data)
        return _ok(sheet_state(sheet))

    @extend_schema(request=s.SubmitSerializer, responses=s.ScoreSheetSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        sheet = self.get_object()
        payload = s.SubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        sheet = score_sheet_submit(
            sheet_id=sheet.pk, actor=request.user, version=payload.validated_data.get("version")
        )
        return _ok(s.ScoreSheetSerializer(sheet).data)


class ScorecardTemplateViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = ScorecardTemplate.objects.prefetch_related("criteria")
    serializer_class = s.ScorecardTemplateSerializer


class ScorecardEvaluationViewSet(
    WorkflowActionsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Scoring exercises with a scorecard template (the generic points engine)."""

    queryset = ScorecardEvaluation.objects.none()  # for the schema; get_queryset() filters per user
    serializer_class = s.ScorecardEvaluationSerializer
    filterset_fields = ["template", "state"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = ScorecardEvaluation.objects.select_related("template").order_by("-created_at")
        if is_staff_member(self.request.user):
            return qs
        return qs.filter(sheets__member=self.request.user).distinct()

    def perform_create(self, serializer):
        if not is_staff_member(self.request.user):
            raise PermissionDeniedError("Only staff create scorecard evaluations.")
        data = dict(serializer.validated_data)
        from django.contrib.auth import get_user_model

        members = list(get_user_model().objects.filter(pk__in=data.pop("members", [])))
        serializer.instance = engine.scorecard_evaluation_create(
            template=data["template"],
            title=data["title"],
            members=members,
            actor=self.request.user,
            due_date=data.get("due_date"),
            aggregation=data.get("aggregation"),
            notes=data.get("notes", ""),
        )

    def perform_transition(self, obj, *, action_name: str, reason: str):
        if action_name == "close":
            return engine.scorecard_evaluation_close(evaluation_id=obj.pk, actor=self.request.user)
        from platform_core.workflow.engine import transition

        return transition(
            ScorecardEvaluation, obj.pk, action=action_name, actor=self.request.user, reason=reason
        )


class ScorecardSheetViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = ScorecardSheet.objects.none()  # for the schema; get_queryset() filters per user
    serializer_class = s.ScorecardSheetSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = ScorecardSheet.objects.select_related("evaluation__template").order_by("-updated_at")
        user = self.request.user
        if is_staff_member(user):
            return qs
        submitted_in = ScorecardSheet.objects.filter(member=user, state="submitted").values("evaluation_id")
        return qs.filter(
            Q(member=user)
            | Q(evaluation_id__in=submitted_in)
            | Q(evaluation__hide_others_until_submitted=False, evaluation__sheets__member=user)
        ).distinct()

    @extend_schema(request=s.ScorecardSaveSerializer, responses=s.JsonSerializer)
    @action(detail=True, methods=["post"])
    def save(self, request, pk=None):
        sheet = self.get_object()
        payload = s.ScorecardSaveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        sheet = engine.scorecard_sheet_save(
            sheet_id=sheet.pk,
            actor=request.user,
            version=data["version"],
            scores=data.get("scores", {}),
            comment=data.get("overall_comment"),
        )
        return _ok(engine.sheet_state(sheet))

    @extend_schema(request=None, responses=s.ScorecardSheetSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        sheet = engine.scorecard_sheet_submit(sheet_id=self.get_object().pk, actor=request.user)
        return _ok(s.ScorecardSheetSerializer(sheet).data)
