"""REST API of the library (/api/v1/library/…).

The search endpoint is open to everyone and answers in at most a few queries whatever the page size (the
page; the facet counts when not cached). The detail respects the section levels: a section the caller may
not read is absent from the response. Favourites, access requests (with ``transition`` and ``history``),
recommendations, publication and import jobs complete it.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import transaction
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from achievements.models import Achievement
from platform_core.api.workflow import TransitionLogSerializer, WorkflowActionsMixin
from platform_core.errors import ValidationFailed
from platform_core.workflow.engine import history

from .api_serializers import (
    AccessRequestCreateSerializer,
    AccessRequestSerializer,
    FavouriteCreateSerializer,
    FavouriteSerializer,
    ImportJobCreateSerializer,
    ImportJobSerializer,
    LibraryEntrySerializer,
    LibraryPageSerializer,
    PublishSerializer,
    RecommendationSerializer,
    UnpublishSerializer,
)
from .models import AccessRequest, BehaviourEvent, Favourite, ImportJob
from .presenters import api_row, present_rows
from .selectors.detail import entry_data, entry_view, library_entry, similar_entries
from .selectors.recommend import forget, recommendations
from .selectors.search import FACETS, SORTS, LibraryFilters, facet_counts, library_search, vocabulary_labels
from .services import access as access_services
from .services import behaviour
from .services.favourites import favourite_add, favourite_remove
from .services.imports import import_job_create
from .services.publication import achievement_publish, achievement_unpublish

LIST_PARAMETERS = [
    OpenApiParameter(
        "q", OpenApiTypes.STR, description="Chinese keywords; a term of several words is a phrase"
    ),
    *[
        OpenApiParameter(name, OpenApiTypes.STR, description=f"{label} (codes, comma-separated or repeated)")
        for name, label in FACETS.items()
    ],
    OpenApiParameter("sort", OpenApiTypes.STR, enum=list(SORTS)),
    OpenApiParameter("page", OpenApiTypes.INT),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="1–100, default 20"),
    OpenApiParameter("facets", OpenApiTypes.BOOL, description="false: leave the facet counts out"),
]


class IsStaff(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("library.manage")


class LibraryViewSet(viewsets.ViewSet):
    """成果信息库: search with facets, and one entry as the caller may see it."""

    permission_classes = [permissions.AllowAny]
    lookup_value_regex = r"\d+"

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        # read-only: no transaction around the request (saves the BEGIN/COMMIT round trips)
        return transaction.non_atomic_requests(super().as_view(actions, **initkwargs))

    def _page_url(self, request: Request, filters: LibraryFilters, page: int, page_size: int) -> str:
        params = {**filters.as_params(), "page": page, "page_size": page_size}
        return request.build_absolute_uri(request.path) + "?" + urlencode(params)

    @extend_schema(parameters=LIST_PARAMETERS, responses={200: LibraryPageSerializer})
    def list(self, request: Request) -> Response:
        filters = LibraryFilters.from_params(request.query_params)
        # errors are answered here rather than raised: the view runs outside a transaction, and the
        # exception handler would mark any enclosing one for rollback
        try:
            page_number = int(request.query_params.get("page") or 1)
            page_size = int(request.query_params.get("page_size") or 20)
        except ValueError:
            page_number = page_size = 0
        if page_number < 1 or not 1 <= page_size <= 100:
            error = ValidationFailed("page ≥ 1 and 1 ≤ page_size ≤ 100 (whole numbers)", code="invalid_page")
            return Response(error.as_dict(), status=status.HTTP_400_BAD_REQUEST)
        with_facets = (request.query_params.get("facets") or "true").lower() not in ("false", "0", "no")
        page = library_search(
            filters, user=request.user, page=page_number, page_size=page_size, with_facets=True
        )
        labels = vocabulary_labels(facet_counts(filters))
        if filters.q and page.number == 1:
            behaviour.record(
                kind=BehaviourEvent.Kind.SEARCH,
                user=request.user,
                query=filters.q,
                filters=filters.facet_state(),
                results=page.total,
            )
        data = {
            "count": page.total,
            "page": page.number,
            "page_size": page.page_size,
            "next": self._page_url(request, filters, page.number + 1, page_size) if page.has_next else None,
            "previous": self._page_url(request, filters, page.number - 1, page_size)
            if page.has_previous
            else None,
            "sort": page.sort,
            "capped": page.capped,
            "results": [api_row(r) for r in present_rows(page.results, page.query, labels)],
            "facets": [
                {
                    "name": f.name,
                    "label": str(f.label),
                    "values": [
                        {"value": v.value, "label": str(v.label), "count": v.count, "selected": v.selected}
                        for v in f.values
                    ],
                }
                for f in page.facets
            ]
            if with_facets
            else [],
        }
        return Response(data)

    @extend_schema(responses={200: LibraryEntrySerializer})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        try:
            achievement = library_entry(int(pk))
        except Http404:
            return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
        view = entry_view(achievement, request.user)
        behaviour.record(
            kind=BehaviourEvent.Kind.VIEW,
            user=request.user,
            achievement_id=achievement.pk,
            technical_field_id=achievement.technical_field_id,
        )
        data = entry_data(view)
        data["similar"] = [
            {"id": s["achievement_id"], "title": s["title"], "trl": s["trl"]}
            for s in similar_entries(achievement.pk)
        ]
        data["is_favourite"] = view.is_favourite
        data["can_request_access"] = view.can_request
        data["access_request"] = (
            {"id": view.open_request.pk, "state": view.open_request.state} if view.open_request else None
        )
        return Response(data)


class FavouriteViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """我的收藏. ``DELETE /favourites/{achievement id}/`` removes one."""

    serializer_class = FavouriteSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Favourite.objects.none()
        return (
            Favourite.objects.filter(user=self.request.user, achievement__state__in=Achievement.PUBLIC_STATES)
            .select_related("achievement")
            .order_by("-created_at", "-id")
        )

    @extend_schema(request=FavouriteCreateSerializer, responses={201: FavouriteSerializer})
    def create(self, request: Request) -> Response:
        payload = FavouriteCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        favourite = favourite_add(
            user=request.user,
            achievement_id=payload.validated_data["achievement"],
            note=payload.validated_data["note"],
        )
        forget(request.user.pk)
        return Response(FavouriteSerializer(favourite).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        if not favourite_remove(user=request.user, achievement_id=int(pk)):
            raise Http404
        forget(request.user.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccessRequestViewSet(
    WorkflowActionsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Requests for confidential sections. ``?box=incoming`` lists the ones about my achievements.
    ``POST {id}/transition/`` with action grant, deny (reason), revoke (reason) or withdraw."""

    serializer_class = AccessRequestSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AccessRequest.objects.none()
        user = self.request.user
        queryset = AccessRequest.objects.select_related("achievement", "requester").order_by(
            "-created_at", "-id"
        )
        if self.action == "list":
            if self.request.query_params.get("box") == "incoming":
                return (
                    queryset if user.has_perm("library.manage") else queryset.filter(achievement__holder=user)
                )
            return queryset.filter(requester=user)
        if user.has_perm("library.manage"):
            return queryset
        from django.db.models import Q

        return queryset.filter(Q(requester=user) | Q(achievement__holder=user))

    @extend_schema(
        parameters=[OpenApiParameter("box", OpenApiTypes.STR, enum=["mine", "incoming"])],
        responses={200: AccessRequestSerializer(many=True)},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=AccessRequestCreateSerializer, responses={201: AccessRequestSerializer})
    def create(self, request: Request) -> Response:
        payload = AccessRequestCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        obj = access_services.access_request_create(
            achievement_id=payload.validated_data["achievement"],
            requester=request.user,
            message=payload.validated_data["message"],
            sections=payload.validated_data["sections"],
        )
        forget(request.user.pk)
        return Response(AccessRequestSerializer(obj).data, status=status.HTTP_201_CREATED)

    def perform_transition(self, obj, *, action_name: str, reason: str):
        service = access_services.ACTIONS.get(action_name)
        if service is None:
            raise ValidationFailed(f"Unknown action “{action_name}”.", code="unknown_action")
        return service(request_id=obj.pk, actor=self.request.user, note=reason)


class RecommendationViewSet(viewsets.ViewSet):
    """为您推荐: entries for the caller with the reasons."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: RecommendationSerializer(many=True)})
    def list(self, request: Request) -> Response:
        return Response(RecommendationSerializer(recommendations(request.user, limit=20), many=True).data)


class ImportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Bulk imports (staff): upload a file made from the template; poll the job for progress."""

    serializer_class = ImportJobSerializer
    permission_classes = [permissions.IsAuthenticated, IsStaff]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        return ImportJob.objects.select_related("created_by").order_by("-created_at", "-id")

    @extend_schema(request=ImportJobCreateSerializer, responses={201: ImportJobSerializer})
    def create(self, request: Request) -> Response:
        payload = ImportJobCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        job = import_job_create(
            actor=request.user,
            uploaded_file=payload.validated_data["file"],
            mode=payload.validated_data["mode"],
        )
        job.refresh_from_db()
        return Response(ImportJobSerializer(job).data, status=status.HTTP_201_CREATED)


class PublicationViewSet(viewsets.ViewSet):
    """Publication (staff): publish an achievement that passed the evaluation, or take one out."""

    permission_classes = [permissions.IsAuthenticated, IsStaff]

    @extend_schema(request=PublishSerializer, responses={200: TransitionLogSerializer})
    @action(detail=False, methods=["post"])
    def publish(self, request: Request) -> Response:
        payload = PublishSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        achievement = achievement_publish(
            achievement_id=payload.validated_data["achievement"],
            actor=request.user,
            levels=payload.validated_data.get("levels"),
            note=payload.validated_data["note"],
            featured=payload.validated_data["featured"],
        )
        return Response(TransitionLogSerializer(history(achievement).last()).data)

    @extend_schema(request=UnpublishSerializer, responses={200: TransitionLogSerializer})
    @action(detail=False, methods=["post"])
    def unpublish(self, request: Request) -> Response:
        payload = UnpublishSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        achievement = achievement_unpublish(
            achievement_id=payload.validated_data["achievement"],
            actor=request.user,
            reason=payload.validated_data["reason"],
        )
        return Response(TransitionLogSerializer(history(achievement).last()).data)
