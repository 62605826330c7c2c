"""API: docking projects (inquiry, negotiation, terms, valuation, documents), agreements (draft, edit with
optimistic locking, review, signing, registration, PDF), implementation projects, matchmaking events."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from platform_core.accounts.roles import is_staff_member
from platform_core.api.workflow import TransitionLogSerializer, WorkflowActionsMixin
from platform_core.errors import NotFoundError, PermissionDeniedError
from platform_core.workflow.engine import history

from .. import selectors
from ..models import (
    AgreementTemplate,
    EventRegistration,
    EventSession,
    ProposedTerms,
)
from ..services import agreements as agreement_services
from ..services import docking as docking_services
from ..services import events as event_services
from ..services import implementation as impl_services
from . import serializers as s


def _last_log(obj) -> Response:
    last = history(obj).last()
    return Response({"state": obj.state, "log": TransitionLogSerializer(last).data if last else None})


class DockingProjectViewSet(WorkflowActionsMixin, viewsets.ReadOnlyModelViewSet):
    """Docking projects: staff see all, the demand side and the achievement's holder their own (404 otherwise).
    Transitions: contact, start_negotiation, record_intent, close (reason; ``close_reason``)."""

    serializer_class = s.DockingProjectSerializer
    filterset_fields = ["state", "source", "achievement", "demand"]
    ordering_fields = ["updated_at", "created_at", "state"]
    ordering = ["-updated_at", "-id"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.visible_projects(self.request.user).select_related(
            "achievement", "enterprise", "enterprise_org", "assigned_to"
        )

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return docking_services.project_transition(
            project_id=obj.pk,
            actor=self.request.user,
            action=action_name,
            reason=reason,
            close_reason=self.request.data.get("close_reason", ""),
        )

    @extend_schema(request=s.DockingInquirySerializer, responses={201: s.DockingProjectSerializer})
    @action(detail=False, methods=["post"])
    def inquire(self, request):
        """An enterprise's inquiry on an achievement opens a docking project."""
        payload = s.DockingInquirySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        project = docking_services.inquiry_create(
            achievement_id=data["achievement"],
            actor=request.user,
            message=data["message"],
            demand_id=data.get("demand"),
        )
        return Response(s.DockingProjectSerializer(project).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses={200: s.NegotiationRecordSerializer(many=True)})
    @extend_schema(
        methods=["post"],
        request=s.NegotiationRecordSerializer,
        responses={201: s.NegotiationRecordSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def negotiations(self, request, pk=None):
        project = self.get_object()
        if request.method == "GET":
            return Response(
                s.NegotiationRecordSerializer(
                    project.negotiations.select_related("recorded_by"), many=True
                ).data
            )
        payload = s.NegotiationRecordSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        record = docking_services.negotiation_add(
            project_id=project.pk, actor=request.user, **payload.validated_data
        )
        return Response(s.NegotiationRecordSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses={200: s.ProposedTermsSerializer(many=True)})
    @extend_schema(
        methods=["post"], request=s.ProposedTermsSerializer, responses={201: s.ProposedTermsSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def terms(self, request, pk=None):
        project = self.get_object()
        if request.method == "GET":
            return Response(s.ProposedTermsSerializer(project.terms.all(), many=True).data)
        payload = s.ProposedTermsSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        terms = docking_services.terms_propose(
            project_id=project.pk, actor=request.user, **payload.validated_data
        )
        return Response(s.ProposedTermsSerializer(terms).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses={200: s.ValuationWorksheetSerializer})
    @extend_schema(
        methods=["put"],
        request=s.ValuationWorksheetSerializer,
        responses={200: s.ValuationWorksheetSerializer},
    )
    @action(detail=True, methods=["get", "put"], pagination_class=None, filter_backends=[])
    def valuation(self, request, pk=None):
        project = self.get_object()
        if not request.user.has_perm("matching.manage_dockingproject", project):
            raise PermissionDeniedError(_("Only staff use the valuation worksheet."))
        if request.method == "GET":
            # before the first save: the blank worksheet with its defaults (updated_at null, no results)
            return Response(s.ValuationWorksheetSerializer(selectors.valuation_worksheet(project)).data)
        payload = s.ValuationWorksheetSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        sheet = docking_services.valuation_update(
            project_id=project.pk, actor=request.user, **payload.validated_data
        )
        return Response(s.ValuationWorksheetSerializer(sheet).data)

    @extend_schema(responses={200: s.ComparableDealSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def comparables(self, request, pk=None):
        project = self.get_object()
        if not request.user.has_perm("matching.manage_dockingproject", project):
            raise PermissionDeniedError(_("Only staff see the comparable deals."))
        return Response(s.ComparableDealSerializer(selectors.comparable_deals(project), many=True).data)

    @extend_schema(
        request={"multipart/form-data": s.DockingDocumentUploadSerializer},
        responses={201: s.DockingAttachmentSerializer},
    )
    @action(detail=True, methods=["post"])
    def documents(self, request, pk=None):
        project = self.get_object()
        payload = s.DockingDocumentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        attachment = docking_services.project_document_upload(
            project_id=project.pk,
            actor=request.user,
            uploaded_file=data["file"],
            kind=data["kind"],
            note=data["note"],
        )
        return Response(s.DockingAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.AgreementDraftRequestSerializer, responses={201: s.AgreementSerializer})
    @action(detail=True, methods=["post"], url_path="draft-agreement")
    def draft_agreement(self, request, pk=None):
        """Generate the agreement draft from a template and the agreed terms (the checklist runs at once)."""
        project = self.get_object()
        payload = s.AgreementDraftRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        agreement = agreement_services.agreement_draft(
            project_id=project.pk,
            actor=request.user,
            template_id=payload.validated_data["template"].pk,
            title=payload.validated_data["title"],
        )
        return Response(s.AgreementSerializer(agreement).data, status=status.HTTP_201_CREATED)


class TermsViewSet(viewsets.ReadOnlyModelViewSet):
    """Proposed terms of the docking projects the caller may see; ``agree`` marks a version as agreed."""

    serializer_class = s.ProposedTermsSerializer
    filterset_fields = ["project", "agreed"]

    def get_queryset(self):
        return ProposedTerms.objects.filter(
            project__in=selectors.visible_projects(self.request.user)
        ).order_by("project", "-version")

    @extend_schema(request=None, responses={200: s.ProposedTermsSerializer})
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        terms = docking_services.terms_agree(terms_id=self.get_object().pk, actor=request.user)
        return Response(s.ProposedTermsSerializer(terms).data)


class AgreementViewSet(WorkflowActionsMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Agreements of the projects the caller may see. PATCH/PUT edits a draft with optimistic locking
    (``version``; a stale one answers 409). Transitions: submit_review, approve (no open risk), return_for_revision, cancel."""

    filterset_fields = ["state", "contract_type", "project"]
    ordering = ["-updated_at", "-id"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        qs = selectors.visible_agreements(self.request.user).select_related("template", "project")
        if self.action != "list":
            qs = qs.prefetch_related("clauses", "risk_flags")
        return qs

    def get_serializer_class(self):
        if self.action == "list":
            return s.AgreementListSerializer
        if self.action in ("update", "partial_update"):
            return s.AgreementUpdateSerializer
        return s.AgreementSerializer

    @extend_schema(request=s.AgreementUpdateSerializer, responses={200: s.AgreementSerializer})
    def update(self, request, *args, **kwargs):
        agreement = self.get_object()
        payload = s.AgreementUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        updated = agreement_services.agreement_update(agreement_id=agreement.pk, actor=request.user, **data)
        return Response(s.AgreementSerializer(self.get_queryset().get(pk=updated.pk)).data)

    @extend_schema(request=s.AgreementUpdateSerializer, responses={200: s.AgreementSerializer})
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return agreement_services.agreement_transition(
            agreement_id=obj.pk, actor=self.request.user, action=action_name, reason=reason
        )

    @extend_schema(request=s.RiskWaiveSerializer, responses={200: s.RiskFlagSerializer})
    @action(detail=True, methods=["post"])
    def waive(self, request, pk=None):
        """Accept an open risk point with a reason (staff)."""
        agreement = self.get_object()
        payload = s.RiskWaiveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        if not agreement.risk_flags.filter(pk=payload.validated_data["flag"]).exists():
            raise NotFoundError(_("Risk point not found."))
        flag = agreement_services.risk_waive(
            flag_id=payload.validated_data["flag"],
            actor=request.user,
            reason=payload.validated_data["reason"],
        )
        return Response(s.RiskFlagSerializer(flag).data)

    @extend_schema(
        request={"multipart/form-data": s.AgreementSignSerializer}, responses={200: s.AgreementSerializer}
    )
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        """Record the signing: date, value and the signed copy (archived). Project and achievement follow."""
        agreement = self.get_object()
        payload = s.AgreementSignSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        agreement_services.agreement_sign(
            agreement_id=agreement.pk,
            actor=request.user,
            signed_on=data["signed_on"],
            value=data.get("value"),
            signed_copy=data.get("signed_copy"),
        )
        return Response(s.AgreementSerializer(self.get_queryset().get(pk=agreement.pk)).data)

    @extend_schema(request=s.ContractRegistrationSerializer, responses={200: s.AgreementSerializer})
    @action(detail=True, methods=["post"])
    def registration(self, request, pk=None):
        """Record the technology-contract registration (技术合同认定登记)."""
        agreement = self.get_object()
        payload = s.ContractRegistrationSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        agreement_services.agreement_registration_update(
            agreement_id=agreement.pk, actor=request.user, **payload.validated_data
        )
        return Response(s.AgreementSerializer(self.get_queryset().get(pk=agreement.pk)).data)

    @extend_schema(request=None, responses={202: s.AgreementReportRefSerializer})
    @action(detail=True, methods=["post"])
    def pdf(self, request, pk=None):
        """Queue the agreement PDF; poll /api/v1/reports/{report}/."""
        report = agreement_services.agreement_pdf_request(
            agreement_id=self.get_object().pk, actor=request.user
        )
        return Response({"report": report.pk, "status": report.status}, status=status.HTTP_202_ACCEPTED)


class TemplateViewSet(viewsets.ReadOnlyModelViewSet):
    """The agreement templates and their clauses (edited by staff in the admin or on the templates page)."""

    serializer_class = s.AgreementTemplateSerializer
    queryset = AgreementTemplate.objects.prefetch_related("clauses").order_by("contract_type", "code")
    pagination_class = None


class ImplementationViewSet(WorkflowActionsMixin, viewsets.ReadOnlyModelViewSet):
    """Implementation projects (one per signed agreement). Transitions: convert (outcome and evidence
    recorded first; the achievement becomes converted), terminate (reason)."""

    filterset_fields = ["state"]
    ordering = ["-updated_at", "-id"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        qs = selectors.visible_implementations(self.request.user).select_related("achievement")
        if self.action != "list":
            qs = qs.prefetch_related("milestones")
        return qs

    def get_serializer_class(self):
        return (
            s.ImplementationProjectListSerializer
            if self.action == "list"
            else s.ImplementationProjectSerializer
        )

    def perform_transition(self, obj, *, action_name: str, reason: str):
        return impl_services.implementation_transition(
            implementation_id=obj.pk, actor=self.request.user, action=action_name, reason=reason
        )

    def _nested(self, request, related: str, serializer_class, create):
        project = self.get_object()
        if request.method == "GET":
            return Response(serializer_class(getattr(project, related).all(), many=True).data)
        payload = serializer_class(data=request.data)
        payload.is_valid(raise_exception=True)
        obj = create(project, dict(payload.validated_data))
        return Response(serializer_class(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses={200: s.ImplementationMilestoneSerializer(many=True)})
    @extend_schema(
        methods=["post"],
        request=s.ImplementationMilestoneSerializer,
        responses={201: s.ImplementationMilestoneSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def milestones(self, request, pk=None):
        return self._nested(
            request,
            "milestones",
            s.ImplementationMilestoneSerializer,
            lambda p, d: impl_services.milestone_save(implementation_id=p.pk, actor=request.user, **d),
        )

    @extend_schema(methods=["get"], responses={200: s.ImplementationIssueSerializer(many=True)})
    @extend_schema(
        methods=["post"],
        request=s.ImplementationIssueSerializer,
        responses={201: s.ImplementationIssueSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def issues(self, request, pk=None):
        return self._nested(
            request,
            "issues",
            s.ImplementationIssueSerializer,
            lambda p, d: impl_services.issue_add(implementation_id=p.pk, actor=request.user, **d),
        )

    @extend_schema(
        request=s.CoordinationActionRequestSerializer, responses={201: s.CoordinationActionSerializer}
    )
    @action(detail=True, methods=["post"], url_path="coordination")
    def coordination(self, request, pk=None):
        project = self.get_object()
        payload = s.CoordinationActionRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if not project.issues.filter(pk=data["issue"]).exists():
            raise NotFoundError(_("Issue not found."))
        action_obj = impl_services.coordination_add(
            issue_id=data["issue"],
            actor=request.user,
            description=data["description"],
            resolve=data["resolve"],
        )
        return Response(s.CoordinationActionSerializer(action_obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses={200: s.StageAssessmentSerializer(many=True)})
    @extend_schema(
        methods=["post"], request=s.StageAssessmentSerializer, responses={201: s.StageAssessmentSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def assessments(self, request, pk=None):
        return self._nested(
            request,
            "assessments",
            s.StageAssessmentSerializer,
            lambda p, d: impl_services.assessment_add(implementation_id=p.pk, actor=request.user, **d),
        )

    @extend_schema(methods=["get"], responses={200: s.FollowUpSerializer(many=True)})
    @extend_schema(methods=["post"], request=s.FollowUpSerializer, responses={201: s.FollowUpSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def followups(self, request, pk=None):
        return self._nested(
            request,
            "followups",
            s.FollowUpSerializer,
            lambda p, d: impl_services.followup_add(implementation_id=p.pk, actor=request.user, **d),
        )

    @extend_schema(methods=["get"], responses={200: s.ImplementationFeedbackSerializer(many=True)})
    @extend_schema(
        methods=["post"],
        request=s.ImplementationFeedbackSerializer,
        responses={201: s.ImplementationFeedbackSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def feedback(self, request, pk=None):
        return self._nested(
            request,
            "feedback_requests",
            s.ImplementationFeedbackSerializer,
            lambda p, d: impl_services.feedback_request(implementation_id=p.pk, actor=request.user, **d),
        )

    @extend_schema(
        request=s.ImplementationFeedbackAnswerSerializer, responses={200: s.ImplementationFeedbackSerializer}
    )
    @action(detail=True, methods=["post"], url_path="feedback-answer")
    def feedback_answer(self, request, pk=None):
        project = self.get_object()
        payload = s.ImplementationFeedbackAnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if not project.feedback_requests.filter(pk=data["request"]).exists():
            raise NotFoundError(_("Feedback request not found."))
        answered = impl_services.feedback_answer(
            request_id=data["request"], actor=request.user, rating=data["rating"], comments=data["comments"]
        )
        return Response(s.ImplementationFeedbackSerializer(answered).data)

    @extend_schema(
        request={"multipart/form-data": s.ImplementationOutcomeSerializer},
        responses={200: s.ImplementationProjectSerializer},
    )
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        project = self.get_object()
        payload = s.ImplementationOutcomeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        impl_services.outcome_record(
            implementation_id=project.pk, actor=request.user, **payload.validated_data
        )
        return Response(s.ImplementationProjectSerializer(self.get_queryset().get(pk=project.pk)).data)


class MilestoneViewSet(mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Update a milestone (planned and actual dates, status) of a visible implementation project (staff)."""

    serializer_class = s.ImplementationMilestoneSerializer

    def get_queryset(self):
        from ..models import Milestone

        return Milestone.objects.filter(project__in=selectors.visible_implementations(self.request.user))

    def perform_update(self, serializer):
        milestone = serializer.instance
        serializer.instance = impl_services.milestone_save(
            implementation_id=milestone.project_id,
            actor=self.request.user,
            milestone_id=milestone.pk,
            **serializer.validated_data,
        )


class EventViewSet(
    WorkflowActionsMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Matchmaking events. Staff create and run them (open_registration, start, finish, cancel); enterprises,
    holders and investors register."""

    serializer_class = s.MatchmakingEventSerializer
    filterset_fields = ["state", "mode"]
    ordering = ["-starts_at", "-id"]

    def get_queryset(self):
        return selectors.visible_events(self.request.user).select_related("technical_field")

    def perform_create(self, serializer):
        serializer.instance = event_services.event_save(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = event_services.event_save(
            actor=self.request.user, event_id=serializer.instance.pk, **serializer.validated_data
        )

    @extend_schema(methods=["get"], responses={200: s.AgendaItemSerializer(many=True)})
    @extend_schema(methods=["post"], request=s.AgendaItemSerializer, responses={201: s.AgendaItemSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def agenda(self, request, pk=None):
        event = self.get_object()
        if request.method == "GET":
            return Response(s.AgendaItemSerializer(event.agenda.all(), many=True).data)
        payload = s.AgendaItemSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = event_services.agenda_add(event_id=event.pk, actor=request.user, **payload.validated_data)
        return Response(s.AgendaItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.EventRegisterRequestSerializer, responses={201: s.EventRegistrationSerializer})
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        event = self.get_object()
        payload = s.EventRegisterRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        registration = event_services.registration_create(
            event_id=event.pk,
            actor=request.user,
            achievement_id=data.get("achievement"),
            demand_id=data.get("demand"),
            note=data["note"],
        )
        return Response(s.EventRegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.EventRegistrationSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def registrations(self, request, pk=None):
        event = self.get_object()
        qs = event.registrations.select_related("user")
        if not is_staff_member(request.user):
            qs = qs.filter(user=request.user)
        return Response(s.EventRegistrationSerializer(qs, many=True).data)

    @extend_schema(methods=["get"], responses={200: s.EventSessionSerializer(many=True)})
    @extend_schema(
        methods=["post"], request=s.EventSessionRequestSerializer, responses={201: s.EventSessionSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def sessions(self, request, pk=None):
        """One-to-one sessions; scheduling refuses (409) a slot that would double-book a participant."""
        event = self.get_object()
        if request.method == "GET":
            qs = event.sessions.all()
            if not is_staff_member(request.user):
                qs = qs.filter(models_q_for(request.user))
            return Response(s.EventSessionSerializer(qs, many=True).data)
        payload = s.EventSessionRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        session = event_services.session_schedule(
            event_id=event.pk, actor=request.user, demand_registration_id=data["demand_side"], supply_registration_id=data["supply_side"],
            starts_at=data["starts_at"], ends_at=data.get("ends_at"), table=data["table"],
        )  # fmt: skip
        return Response(s.EventSessionSerializer(session).data, status=status.HTTP_201_CREATED)


def models_q_for(user):
    from django.db.models import Q

    return Q(demand_side__user=user) | Q(supply_side__user=user)


class RegistrationViewSet(viewsets.GenericViewSet):
    """Check-in (staff) and cancellation (the participant or staff) of a registration."""

    serializer_class = s.EventRegistrationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return EventRegistration.objects.none()
        qs = EventRegistration.objects.select_related("user", "event")
        return qs if is_staff_member(self.request.user) else qs.filter(user=self.request.user)

    @extend_schema(request=None, responses={200: s.EventRegistrationSerializer})
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        return Response(
            s.EventRegistrationSerializer(
                event_services.check_in(registration_id=self.get_object().pk, actor=request.user)
            ).data
        )

    @extend_schema(request=None, responses={200: s.EventRegistrationSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return Response(
            s.EventRegistrationSerializer(
                event_services.registration_cancel(registration_id=self.get_object().pk, actor=request.user)
            ).data
        )


class SessionViewSet(viewsets.GenericViewSet):
    """Record a session's outcome (a cooperation intent may open a docking project) or cancel it (staff)."""

    serializer_class = s.EventSessionSerializer

    def get_queryset(self):
        if not is_staff_member(self.request.user):
            return EventSession.objects.none()
        return EventSession.objects.all()

    @extend_schema(request=s.EventSessionOutcomeSerializer, responses={200: s.EventSessionSerializer})
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        session = self.get_object()
        payload = s.EventSessionOutcomeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        session = event_services.session_outcome(
            session_id=session.pk, actor=request.user, **payload.validated_data
        )
        return Response(s.EventSessionSerializer(session).data)

    @extend_schema(request=None, responses={200: s.EventSessionSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return Response(
            s.EventSessionSerializer(
                event_services.session_cancel(session_id=self.get_object().pk, actor=request.user)
            ).data
        )
