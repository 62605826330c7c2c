"""REST API of the IP services app (/api/v1/ip/...).

Holders and enterprises see their own assets, requests, watch items, alerts and disputes (others: 404);
staff see all. Stateful resources carry ``POST {id}/transition/`` and ``GET {id}/history/``; actions that
need details (assign, deliver, take-action, close) have their own endpoints.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a ValueError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from platform_core.accounts.models import User
from platform_core.api.workflow import WorkflowActionsMixin
from platform_core.errors import NotFoundError, ValidationFailed

from . import disclaimer, selectors, services
from .api_serializers import (
    AlertActionSerializer,
    AlertImportReportSerializer,
    AlertImportSerializer,
    DisclaimerSerializer,
    DisputeCloseSerializer,
    DisputeCreateSerializer,
    DisputeEvidenceCreateSerializer,
    DisputeEvidenceSerializer,
    DisputePartySerializer,
    DisputeSerializer,
    InfringementAlertSerializer,
    InfringementWatchCreateSerializer,
    InfringementWatchSerializer,
    IpAssetSerializer,
    IpAssetWriteSerializer,
    IpAssignSerializer,
    IpDeadlineCompleteSerializer,
    IpDeadlineSerializer,
    IpDeliverSerializer,
    IpServiceRequestCreateSerializer,
    IpServiceRequestSerializer,
)
from .models import IpAsset, IpDeadline


def _user(pk: int | None) -> User | None:
    if pk is None:
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None:
        raise ValidationFailed(_("Unknown user."))
    return user


def _achievements(user, ids: list[int]) -> list:
    from achievements.models import Achievement

    found = list(Achievement.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationFailed(_("Unknown achievement."))
    return found


class IpAssetViewSet(viewsets.ModelViewSet):
    """IP assets; ``GET {id}/deadlines/`` lists the computed fee and renewal deadlines."""

    serializer_class = IpAssetSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["kind", "status", "jurisdiction", "is_public"]
    search_fields = ["title", "number", "owners"]
    ordering_fields = ["filing_date", "expiry_date", "created_at"]

    def get_queryset(self):
        qs = selectors.assets_visible_to(self.request.user).prefetch_related("achievements")
        if self.request.query_params.get("scope") == "mine":
            qs = qs.filter(holder_id=self.request.user.pk)
        return qs

    @extend_schema(
        parameters=[
            OpenApiParameter("scope", OpenApiTypes.STR, enum=["mine"], description="Only my own assets")
        ]
    )
    def list(self, request: Request, *args, **kwargs) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=IpAssetWriteSerializer, responses={201: IpAssetSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = IpAssetWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        achievements = _achievements(request.user, values.pop("achievements", []))
        holder = _user(values.pop("holder", None))
        asset = services.asset_create(actor=request.user, holder=holder, achievements=achievements, **values)
        return Response(IpAssetSerializer(asset, context={"request": request}).data, status=201)

    @extend_schema(request=IpAssetWriteSerializer, responses={200: IpAssetSerializer})
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        asset = self.get_object()
        data = IpAssetWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("holder", None)
        ids = values.pop("achievements", None)
        achievements = _achievements(request.user, ids) if ids is not None else None
        asset = services.asset_update(
            asset_id=asset.pk, actor=request.user, achievements=achievements, **values
        )
        return Response(IpAssetSerializer(asset, context={"request": request}).data)

    @extend_schema(responses={200: IpDeadlineSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def deadlines(self, request: Request, pk=None) -> Response:
        asset = self.get_object()
        if not request.user.has_perm("ip_services.change_asset", asset):
            raise NotFoundError(_("The IP asset does not exist."))
        return Response(IpDeadlineSerializer(asset.deadlines.select_related("asset"), many=True).data)


class IpDeadlineViewSet(viewsets.ReadOnlyModelViewSet):
    """Open deadlines in the next ``days`` days (default 90) of one's own assets (staff: all)."""

    serializer_class = IpDeadlineSerializer
    filterset_fields = ["kind"]

    def get_queryset(self):
        try:
            days = max(1, min(3650, int(self.request.query_params.get("days", "90"))))
        except ValueError:
            raise ValidationFailed(_("days must be a number"))
        return selectors.upcoming_deadlines(self.request.user, days=days)

    @extend_schema(parameters=[OpenApiParameter("days", OpenApiTypes.INT, description="Horizon, default 90")])
    def list(self, request: Request, *args, **kwargs) -> Response:
        return super().list(request, *args, **kwargs)

    def get_object(self):
        deadline = get_object_or_404(IpDeadline.objects.select_related("asset"), pk=self.kwargs["pk"])
        if not self.request.user.has_perm("ip_services.change_asset", deadline.asset):
            raise NotFoundError(_("The deadline does not exist."))
        return deadline

    @extend_schema(request=IpDeadlineCompleteSerializer, responses={200: IpDeadlineSerializer})
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk=None) -> Response:
        deadline = self.get_object()
        data = IpDeadlineCompleteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        deadline = services.deadline_complete(
            deadline_id=deadline.pk, actor=request.user, **data.validated_data
        )
        return Response(IpDeadlineSerializer(deadline).data)


class DisclaimerView(APIView):
    """The IP-services disclaimer (5.5.1); POST records the user's acknowledgement with a timestamp."""

    def _payload(self, request: Request) -> dict:
        ack = request.user.ip_disclaimer_acknowledgements.filter(version=disclaimer.VERSION).first()
        return {
            "version": disclaimer.VERSION,
            "title": disclaimer.TITLE,
            "text": disclaimer.TEXT,
            "acknowledged_at": ack.acknowledged_at if ack else None,
        }

    @extend_schema(responses={200: DisclaimerSerializer})
    def get(self, request: Request) -> Response:
        return Response(DisclaimerSerializer(self._payload(request)).data)

    @extend_schema(request=None, responses={200: DisclaimerSerializer})
    def post(self, request: Request) -> Response:
        services.disclaimer_acknowledge(user=request.user, ip_address=request.META.get("REMOTE_ADDR"))
        return Response(DisclaimerSerializer(self._payload(request)).data)


class IpServiceRequestViewSet(WorkflowActionsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """IP service requests with their working-day clock (intake → delivered)."""

    serializer_class = IpServiceRequestSerializer
    filterset_fields = ["state", "service_type"]
    search_fields = ["title", "description"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.requests_visible_to(self.request.user).prefetch_related("assets")

    def _data(self, items, many=False):
        clocks = selectors.request_clocks(list(items) if many else [items])
        return IpServiceRequestSerializer(items, many=many, context={"clocks": clocks}).data

    def list(self, request: Request, *args, **kwargs) -> Response:
        qs = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(qs)
        if page is not None:
            return self.get_paginated_response(self._data(page, many=True))
        return Response(self._data(list(qs), many=True))

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return Response(self._data(self.get_object()))

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return services.request_transition(
            request_id=obj.pk, action=action_name, actor=self.request.user, reason=reason
        )

    @extend_schema(request=IpServiceRequestCreateSerializer, responses={201: IpServiceRequestSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = IpServiceRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        achievement = _achievements(request.user, [v["achievement"]])[0] if v["achievement"] else None
        assets = list(IpAsset.objects.filter(pk__in=v["assets"]))
        if len(assets) != len(set(v["assets"])):
            raise ValidationFailed(_("Unknown IP asset."))
        item = services.request_create(
            requester=request.user,
            service_type=v["service_type"],
            title=v["title"],
            description=v["description"],
            achievement=achievement,
            assets=assets,
        )
        return Response(self._data(item), status=201)

    @extend_schema(request=IpAssignSerializer, responses={200: IpServiceRequestSerializer})
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk=None) -> Response:
        item = self.get_object()
        data = IpAssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.request_assign(
            request_id=item.pk,
            actor=request.user,
            assignee_id=data.validated_data["assignee"],
            reason=data.validated_data["reason"],
        )
        return Response(self._data(item))

    @extend_schema(
        request={"multipart/form-data": IpDeliverSerializer}, responses={200: IpServiceRequestSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def deliver(self, request: Request, pk=None) -> Response:
        item = self.get_object()
        data = IpDeliverSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.request_deliver(
            request_id=item.pk,
            actor=request.user,
            report=data.validated_data["report"],
            summary=data.validated_data["summary"],
        )
        return Response(self._data(item))


class InfringementWatchViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = InfringementWatchSerializer

    def get_queryset(self):
        return selectors.watches_visible_to(self.request.user)

    @extend_schema(request=InfringementWatchCreateSerializer, responses={201: InfringementWatchSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = InfringementWatchCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        owner = _user(values.pop("owner", None))
        asset_id = values.pop("asset", None)
        asset = IpAsset.objects.filter(pk=asset_id).first() if asset_id else None
        if asset_id and asset is None:
            raise ValidationFailed(_("Unknown IP asset."))
        watch = services.watch_create(actor=request.user, owner=owner, asset=asset, **values)
        return Response(InfringementWatchSerializer(watch).data, status=201)


class InfringementAlertViewSet(WorkflowActionsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Alerts: staff enter or import them (``POST import/``, all-or-nothing) and triage them."""

    serializer_class = InfringementAlertSerializer
    filterset_fields = ["state", "severity", "source"]
    search_fields = ["title", "suspected_infringer"]

    def get_queryset(self):
        return selectors.alerts_visible_to(self.request.user)

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return services.alert_transition(
            alert_id=obj.pk, action=action_name, actor=self.request.user, reason=reason
        )

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = InfringementAlertSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        owner = values.pop("owner")
        alert = services.alert_create(actor=request.user, owner=owner, **values)
        return Response(InfringementAlertSerializer(alert).data, status=201)

    @extend_schema(request=AlertActionSerializer, responses={200: InfringementAlertSerializer})
    @action(detail=True, methods=["post"], url_path="take-action")
    def take_action(self, request: Request, pk=None) -> Response:
        alert = self.get_object()
        data = AlertActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        alert = services.alert_take_action(alert_id=alert.pk, actor=request.user, **data.validated_data)
        return Response(InfringementAlertSerializer(alert).data)

    @extend_schema(
        request={"multipart/form-data": AlertImportSerializer},
        # 400: the import report when rows were refused, or the field errors when no file came at all
        responses={200: AlertImportReportSerializer, 400: OpenApiTypes.OBJECT},
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser, FormParser])
    def import_(self, request: Request) -> Response:
        data = AlertImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.alerts_import(actor=request.user, uploaded_file=data.validated_data["file"])
        payload = {
            "ok": report.ok,
            "created": report.created,
            "batch": report.batch,
            "rows": [
                {"row": r.row, "ok": r.ok, "messages": r.messages, "alert_id": r.alert_id}
                for r in report.rows
            ],
        }
        return Response(AlertImportReportSerializer(payload).data, status=200 if report.ok else 400)


class DisputeViewSet(WorkflowActionsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """IP disputes; ``POST {id}/close/`` with the outcome and the amount recovered."""

    serializer_class = DisputeSerializer
    filterset_fields = ["state", "kind", "outcome"]
    search_fields = ["title", "case_number"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.disputes_visible_to(self.request.user).prefetch_related("parties", "assets")

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return services.dispute_transition(
            dispute_id=obj.pk, action=action_name, actor=self.request.user, reason=reason
        )

    @extend_schema(request=DisputeCreateSerializer, responses={201: DisputeSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = DisputeCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        owner = _user(values.pop("owner", None))
        asset_ids = values.pop("assets")
        assets = list(IpAsset.objects.filter(pk__in=asset_ids))
        if len(assets) != len(set(asset_ids)):
            raise ValidationFailed(_("Unknown IP asset."))
        alert_id = values.pop("alert")
        alert = None
        if alert_id:
            alert = selectors.alerts_visible_to(request.user).filter(pk=alert_id).first()
            if alert is None:
                raise ValidationFailed(_("Unknown alert."))
        parties = [dict(p) for p in values.pop("parties")]
        dispute = services.dispute_open(
            actor=request.user, owner=owner, assets=assets, parties=parties, alert=alert, **values
        )
        return Response(DisputeSerializer(dispute).data, status=201)

    @extend_schema(request=DisputeCloseSerializer, responses={200: DisputeSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk=None) -> Response:
        dispute = self.get_object()
        data = DisputeCloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dispute = services.dispute_close(dispute_id=dispute.pk, actor=request.user, **data.validated_data)
        return Response(DisputeSerializer(dispute).data)

    @extend_schema(request=DisputePartySerializer, responses={201: DisputePartySerializer})
    @action(detail=True, methods=["post"])
    def parties(self, request: Request, pk=None) -> Response:
        dispute = self.get_object()
        data = DisputePartySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        party = services.dispute_add_party(dispute_id=dispute.pk, actor=request.user, **data.validated_data)
        return Response(DisputePartySerializer(party).data, status=201)

    @extend_schema(methods=["get"], responses={200: DisputeEvidenceSerializer(many=True)})
    @extend_schema(
        methods=["post"],
        request={
            "multipart/form-data": DisputeEvidenceCreateSerializer,
            "application/json": DisputeEvidenceCreateSerializer,
        },
        responses={201: DisputeEvidenceSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def evidence(self, request: Request, pk=None) -> Response:
        dispute = self.get_object()
        if request.method == "GET":
            return Response(DisputeEvidenceSerializer(dispute.evidence.all(), many=True).data)
        data = DisputeEvidenceCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        uploaded = values.pop("file")
        item = services.evidence_add(
            dispute_id=dispute.pk, actor=request.user, files=[uploaded] if uploaded else [], **values
        )
        return Response(DisputeEvidenceSerializer(item).data, status=201)
