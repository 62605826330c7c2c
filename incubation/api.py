"""REST API of the incubation app (/api/v1/incubation/...).

Stateful resources (projects, bookings, fund applications, consulting requests) carry
``POST {id}/transition/`` and ``GET {id}/history/``; actions that need more than a reason have their own
endpoints (start-review, approve, assign, answer). 404 for records one may not see, 403 for actions one may
not take, 409 for moves the workflow does not allow, 400 for invalid input.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from platform_core.accounts.roles import is_staff_member
from platform_core.api.workflow import WorkflowActionsMixin
from platform_core.errors import NotFoundError, PermissionDeniedError, ValidationFailed

from . import selectors, services
from .api_serializers import (
    ConsultingAnswerSerializer,
    ConsultingAssignSerializer,
    ConsultingCreateSerializer,
    ConsultingRequestSerializer,
    CourseAttendanceSerializer,
    FacilityBookingCreateSerializer,
    FacilityBookingSerializer,
    FacilitySerializer,
    FacilityUtilisationSerializer,
    FinancingContactSerializer,
    FinancingEventSerializer,
    FundApplicationSerializer,
    FundAwardSerializer,
    FundDisbursementSerializer,
    FundProgrammeSerializer,
    IncubationCoachingSessionSerializer,
    IncubationCohortSerializer,
    IncubationCourseSerializer,
    IncubationMentorSerializer,
    IncubationProgressReportSerializer,
    IncubationProjectDetailSerializer,
    IncubationProjectListSerializer,
    IncubationProjectUpdateSerializer,
    IncubationProjectWriteSerializer,
    ProjectMentorsSerializer,
    ProjectOutcomeSerializer,
    ProjectStartReviewSerializer,
    ResourceLinkSerializer,
)
from .models import (
    Cohort,
    Course,
    Facility,
    FinancingContact,
    FundProgramme,
    IncubationProject,
    Mentor,
    ResourceLink,
)


class StaffWritesOthersRead(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated) and (
            request.method in permissions.SAFE_METHODS or is_staff_member(user)
        )


class ReferenceViewSet(viewsets.ModelViewSet):
    """Reference data: everyone logged in reads, staff write (through the reference service)."""

    permission_classes = [StaffWritesOthersRead]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    active_field = "is_active"

    def get_queryset(self):
        qs = self.queryset.all()
        if self.active_field and not is_staff_member(self.request.user):
            qs = qs.filter(**{self.active_field: True})
        return qs

    def perform_create(self, serializer):
        serializer.instance = services.reference_save(
            actor=self.request.user, obj=serializer.Meta.model(**serializer.validated_data)
        )

    def perform_update(self, serializer):
        obj = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(obj, key, value)
        serializer.instance = services.reference_save(actor=self.request.user, obj=obj)


class FacilityViewSet(ReferenceViewSet):
    queryset = Facility.objects.all()
    serializer_class = FacilitySerializer
    filterset_fields = ["kind", "is_active"]
    search_fields = ["name", "location"]


class FundProgrammeViewSet(ReferenceViewSet):
    queryset = FundProgramme.objects.all()
    serializer_class = FundProgrammeSerializer
    filterset_fields = ["kind", "is_active"]


class FinancingContactViewSet(ReferenceViewSet):
    queryset = FinancingContact.objects.select_related("organization")
    serializer_class = FinancingContactSerializer
    filterset_fields = ["kind"]
    search_fields = ["name", "focus"]


class MentorViewSet(ReferenceViewSet):
    queryset = Mentor.objects.all()
    serializer_class = IncubationMentorSerializer
    filterset_fields = ["kind"]
    search_fields = ["name", "expertise", "organization_name"]


class ResourceLinkViewSet(ReferenceViewSet):
    queryset = ResourceLink.objects.all()
    serializer_class = ResourceLinkSerializer
    filterset_fields = ["kind"]


class CohortViewSet(ReferenceViewSet):
    queryset = Cohort.objects.all()
    serializer_class = IncubationCohortSerializer
    active_field = ""


class CourseViewSet(ReferenceViewSet):
    queryset = Course.objects.annotate(enrolled=Count("enrolments"))
    serializer_class = IncubationCourseSerializer
    active_field = "is_published"
    filterset_fields = ["topic"]

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post", "delete"], permission_classes=[permissions.IsAuthenticated])
    def enrol(self, request: Request, pk=None) -> Response:
        course = self.get_object()
        if request.method == "DELETE":
            services.course_cancel_enrolment(course_id=course.pk, actor=request.user)
        else:
            services.course_enrol(course_id=course.pk, actor=request.user)
        return Response(status=204)

    @extend_schema(request=CourseAttendanceSerializer, responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk=None) -> Response:
        course = self.get_object()
        data = CourseAttendanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        present = services.course_mark_attendance(
            course_id=course.pk, actor=request.user, attended_user_ids=data.validated_data["attended"]
        )
        return Response({"attended": present})


class ProjectViewSet(WorkflowActionsMixin, viewsets.ModelViewSet):
    """Incubation projects. Holders and enterprises apply; staff review, admit, move stages; investors read the
    projects seeking financing."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["state", "outcome", "cohort", "seeking_financing"]
    search_fields = ["name", "summary"]
    ordering_fields = ["created_at", "admitted_at", "name"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        qs = selectors.projects_visible_to(self.request.user)
        if self.action != "list":
            qs = qs.prefetch_related("team_members", "mentors")
        return qs

    def get_serializer_class(self):
        if self.action == "list":
            return IncubationProjectListSerializer
        return IncubationProjectDetailSerializer

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return services.project_transition(
            project_id=obj.pk, action=action_name, actor=self.request.user, reason=reason
        )

    @extend_schema(
        request=IncubationProjectWriteSerializer, responses={201: IncubationProjectDetailSerializer}
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = IncubationProjectWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        achievement = None
        if values.pop("achievement"):
            from achievements.models import Achievement

            achievement = Achievement.objects.filter(pk=data.validated_data["achievement"]).first()
            if achievement is None:
                raise ValidationFailed("achievement not found")
        project = services.project_apply(applicant=request.user, achievement=achievement, **values)
        return Response(IncubationProjectDetailSerializer(project).data, status=201)

    @extend_schema(
        request=IncubationProjectUpdateSerializer, responses={200: IncubationProjectDetailSerializer}
    )
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        project = self.get_object()
        data = IncubationProjectUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        project = services.project_update(project_id=project.pk, actor=request.user, **data.validated_data)
        return Response(IncubationProjectDetailSerializer(project).data)

    @extend_schema(request=ProjectStartReviewSerializer, responses={200: IncubationProjectDetailSerializer})
    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request: Request, pk=None) -> Response:
        project = self.get_object()
        data = ProjectStartReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        project = services.project_start_review(
            project_id=project.pk,
            actor=request.user,
            reviewer_ids=data.validated_data["reviewers"],
            due_date=data.validated_data["due_date"],
        )
        return Response(IncubationProjectDetailSerializer(project).data)

    @extend_schema(request=None, responses={200: IncubationProjectDetailSerializer})
    @action(detail=True, methods=["post"], url_path="close-review")
    def close_review(self, request: Request, pk=None) -> Response:
        project = self.get_object()
        services.project_close_review(project_id=project.pk, actor=request.user)
        project.refresh_from_db()
        return Response(IncubationProjectDetailSerializer(project).data)

    @extend_schema(request=ProjectOutcomeSerializer, responses={200: IncubationProjectDetailSerializer})
    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk=None) -> Response:
        project = self.get_object()
        data = ProjectOutcomeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evidence = [data.validated_data["evidence"]] if data.validated_data.get("evidence") else []
        project = services.project_record_outcome(
            project_id=project.pk,
            actor=request.user,
            outcome=data.validated_data["outcome"],
            note=data.validated_data["note"],
            evidence=evidence,
        )
        return Response(IncubationProjectDetailSerializer(project).data)

    @extend_schema(request=ProjectMentorsSerializer, responses={200: IncubationProjectDetailSerializer})
    @action(detail=True, methods=["post"])
    def mentors(self, request: Request, pk=None) -> Response:
        project = self.get_object()
        data = ProjectMentorsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        project = services.project_set_mentors(
            project_id=project.pk, actor=request.user, mentor_ids=data.validated_data["mentors"]
        )
        return Response(IncubationProjectDetailSerializer(project).data)

    def _private(self, project: IncubationProject) -> None:
        if not self.request.user.has_perm("incubation.view_project_private", project):
            raise NotFoundError("not found")

    @extend_schema(methods=["get"], responses={200: IncubationProgressReportSerializer(many=True)})
    @extend_schema(
        methods=["post"],
        request=IncubationProgressReportSerializer,
        responses={201: IncubationProgressReportSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def reports(self, request: Request, pk=None) -> Response:
        project = self.get_object()
        self._private(project)
        if request.method == "GET":
            qs = project.progress_reports.select_related("submitted_by", "reviewed_by")
            return Response(IncubationProgressReportSerializer(qs, many=True).data)
        data = IncubationProgressReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.progress_report_submit(
            project_id=project.pk, actor=request.user, **data.validated_data
        )
        return Response(IncubationProgressReportSerializer(report).data, status=201)

    @extend_schema(methods=["get"], responses={200: FinancingEventSerializer(many=True)})
    @extend_schema(
        methods=["post"], request=FinancingEventSerializer, responses={201: FinancingEventSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def financing(self, request: Request, pk=None) -> Response:
        project = self.get_object()
        if request.method == "GET":
            return Response(FinancingEventSerializer(project.financing_events.all(), many=True).data)
        self._private(project)
        data = FinancingEventSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        contact = values.pop("contact", None)
        event = services.financing_event_record(
            project_id=project.pk, actor=request.user, contact_id=contact.pk if contact else None, **values
        )
        return Response(FinancingEventSerializer(event).data, status=201)

    @extend_schema(
        request=IncubationCoachingSessionSerializer, responses={201: IncubationCoachingSessionSerializer}
    )
    @action(detail=True, methods=["post"])
    def coaching(self, request: Request, pk=None) -> Response:
        project = self.get_object()
        data = IncubationCoachingSessionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        session = services.coaching_session_schedule(
            project_id=project.pk, mentor_id=values.pop("mentor").pk, actor=request.user, **values
        )
        return Response(IncubationCoachingSessionSerializer(session).data, status=201)


class BookingViewSet(WorkflowActionsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Bookings; ``?week=YYYY-MM-DD`` gives the week of that day (the calendar)."""

    serializer_class = FacilityBookingSerializer
    filterset_fields = ["state", "facility", "project"]
    ordering_fields = ["starts_at", "created_at"]

    def get_queryset(self):
        qs = selectors.bookings_visible_to(self.request.user).order_by("starts_at", "id")
        week = self.request.query_params.get("week")
        if week:
            try:
                monday = selectors.week_start(dt.date.fromisoformat(week))
            except ValueError:
                raise ValidationFailed("week must be YYYY-MM-DD")
            start = dt.datetime.combine(monday, dt.time.min, tzinfo=timezone.get_current_timezone())
            qs = qs.filter(starts_at__lt=start + dt.timedelta(days=7), ends_at__gt=start)
        return qs

    @extend_schema(
        parameters=[OpenApiParameter("week", OpenApiTypes.DATE, description="Any day of the week to show")],
    )
    def list(self, request: Request, *args, **kwargs) -> Response:
        return super().list(request, *args, **kwargs)

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return services.booking_decide(
            booking_id=obj.pk, actor=self.request.user, action=action_name, reason=reason
        )

    @extend_schema(request=FacilityBookingCreateSerializer, responses={201: FacilityBookingSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = FacilityBookingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        booking = services.booking_create(
            facility_id=v["facility"],
            actor=request.user,
            starts_at=v["starts_at"],
            ends_at=v["ends_at"],
            purpose=v["purpose"],
            quantity=v["quantity"],
            project_id=v["project"],
        )
        return Response(FacilityBookingSerializer(booking).data, status=201)


class UtilisationView(APIView):
    """Utilisation per facility and month (staff)."""

    @extend_schema(
        parameters=[OpenApiParameter("months", OpenApiTypes.INT, description="1–12, default 6")],
        responses={200: FacilityUtilisationSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        if not is_staff_member(request.user):
            raise PermissionDeniedError("staff only")
        try:
            count = max(1, min(12, int(request.query_params.get("months", "6"))))
        except ValueError:
            raise ValidationFailed("months must be a number")
        months = selectors.months_back(timezone.localdate(), count)
        facilities = list(Facility.objects.all())
        figures = selectors.facility_utilisation(months=months, facilities=facilities)
        rows = [
            {
                "facility": f.pk,
                "facility_name": f.name,
                "month": f"{y}-{m:02d}",
                "booked_hours": u.booked_hours,
                "available_hours": u.available_hours,
                "bookings": u.bookings,
                "rate": u.rate,
            }
            for f in facilities
            for (y, m), u in figures[f.pk].items()
        ]
        return Response(FacilityUtilisationSerializer(rows, many=True).data)


class FundApplicationViewSet(WorkflowActionsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = FundApplicationSerializer
    filterset_fields = ["state", "programme", "project"]

    def get_queryset(self):
        return selectors.fund_applications_visible_to(self.request.user).prefetch_related("disbursements")

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return services.fund_application_transition(
            application_id=obj.pk, action=action_name, actor=self.request.user, reason=reason
        )

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = FundApplicationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        application = services.fund_application_submit(
            programme_id=v["programme"].pk,
            project_id=v["project"].pk,
            actor=request.user,
            amount_requested=v["amount_requested"],
            use_of_funds=v["use_of_funds"],
            milestones=v.get("milestones", ""),
        )
        return Response(FundApplicationSerializer(application).data, status=201)

    @extend_schema(request=FundAwardSerializer, responses={200: FundApplicationSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk=None) -> Response:
        application = self.get_object()
        data = FundAwardSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.fund_application_approve(
            application_id=application.pk, actor=request.user, **data.validated_data
        )
        return Response(FundApplicationSerializer(application).data)

    @extend_schema(request=FundDisbursementSerializer, responses={201: FundDisbursementSerializer})
    @action(detail=True, methods=["post"])
    def disburse(self, request: Request, pk=None) -> Response:
        application = self.get_object()
        data = FundDisbursementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        disbursement = services.disbursement_record(
            application_id=application.pk, actor=request.user, **data.validated_data
        )
        return Response(FundDisbursementSerializer(disbursement).data, status=201)


class ConsultingRequestViewSet(WorkflowActionsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Management consulting requests with their working-day clock (submission → advice)."""

    serializer_class = ConsultingRequestSerializer
    filterset_fields = ["state", "topic"]

    def get_queryset(self):
        return selectors.consulting_visible_to(self.request.user)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context.setdefault("clocks", {})
        return context

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        items = list(page) if page is not None else list(self.filter_queryset(self.get_queryset()))
        context = {**self.get_serializer_context(), "clocks": selectors.consulting_clocks(items)}
        data = ConsultingRequestSerializer(items, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        item = self.get_object()
        context = {**self.get_serializer_context(), "clocks": selectors.consulting_clocks([item])}
        return Response(ConsultingRequestSerializer(item, context=context).data)

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return services.consulting_request_transition(
            request_id=obj.pk, action=action_name, actor=self.request.user, reason=reason
        )

    @extend_schema(request=ConsultingCreateSerializer, responses={201: ConsultingRequestSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = ConsultingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        item = services.consulting_request_submit(
            actor=request.user,
            topic=v["topic"],
            subject=v["subject"],
            description=v["description"],
            project_id=v["project"],
        )
        return Response(ConsultingRequestSerializer(item, context={"clocks": {}}).data, status=201)

    @extend_schema(request=ConsultingAssignSerializer, responses={200: ConsultingRequestSerializer})
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk=None) -> Response:
        item = self.get_object()
        data = ConsultingAssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.consulting_request_assign(
            request_id=item.pk,
            actor=request.user,
            assignee_id=data.validated_data["assignee"],
            reason=data.validated_data["reason"],
        )
        return Response(ConsultingRequestSerializer(item, context={"clocks": {}}).data)

    @extend_schema(request=ConsultingAnswerSerializer, responses={200: ConsultingRequestSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk=None) -> Response:
        item = self.get_object()
        data = ConsultingAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.consulting_request_answer(
            request_id=item.pk, actor=request.user, response=data.validated_data["response"]
        )
        return Response(ConsultingRequestSerializer(item, context={"clocks": {}}).data)
