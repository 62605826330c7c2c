"""Serializers of the incubation API (reads are model serializers; writes are plain input serializers)."""

from __future__ import annotations

from rest_framework import serializers

from platform_core.api.validators import check_period

from .models import (
    Booking,
    CoachingSession,
    Cohort,
    ConsultingRequest,
    Course,
    Disbursement,
    Facility,
    FinancingContact,
    FinancingEvent,
    FundApplication,
    FundProgramme,
    IncubationProject,
    Mentor,
    ProgressReport,
    ProjectMember,
    ResourceLink,
)


class UserNameField(serializers.StringRelatedField):
    pass


class IncubationTeamMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectMember
        fields = ["name", "role", "title", "organization_name"]


class IncubationProjectListSerializer(serializers.ModelSerializer):
    applicant = UserNameField()
    organization = UserNameField()
    cohort = UserNameField(allow_null=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    is_success = serializers.BooleanField(read_only=True)

    class Meta:
        model = IncubationProject
        fields = [
            "id",
            "name",
            "applicant",
            "organization",
            "achievement",
            "cohort",
            "state",
            "state_label",
            "outcome",
            "is_success",
            "seeking_financing",
            "financing_need",
            "admitted_at",
            "closed_at",
            "created_at",
        ]


class IncubationProjectDetailSerializer(IncubationProjectListSerializer):
    team_members = IncubationTeamMemberSerializer(many=True, read_only=True)
    mentors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(IncubationProjectListSerializer.Meta):
        fields = [
            *IncubationProjectListSerializer.Meta.fields,
            "summary",
            "team_description",
            "business_model",
            "team_members",
            "mentors",
            "outcome_note",
            "outcome_recorded_at",
            "admission_evaluation",
        ]


class IncubationProjectWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    summary = serializers.CharField()
    team_description = serializers.CharField(required=False, allow_blank=True, default="")
    business_model = serializers.CharField(required=False, allow_blank=True, default="")
    achievement = serializers.IntegerField(required=False, allow_null=True, default=None)
    seeking_financing = serializers.BooleanField(required=False, default=False)
    financing_need = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, default=None
    )
    team = IncubationTeamMemberSerializer(many=True, required=False, default=list)


class IncubationProjectUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    summary = serializers.CharField(required=False)
    team_description = serializers.CharField(required=False, allow_blank=True)
    business_model = serializers.CharField(required=False, allow_blank=True)
    seeking_financing = serializers.BooleanField(required=False)
    financing_need = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )


class ProjectStartReviewSerializer(serializers.Serializer):
    reviewers = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)


class ProjectTransitionSerializer(serializers.Serializer):
    action = serializers.CharField(max_length=60)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    cohort = serializers.IntegerField(required=False, allow_null=True, default=None)


class ProjectOutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=IncubationProject.Outcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.FileField(required=False, allow_null=True, default=None)


class ProjectMentorsSerializer(serializers.Serializer):
    mentors = serializers.ListField(child=serializers.IntegerField())


class IncubationProgressReportSerializer(serializers.ModelSerializer):
    submitted_by = UserNameField()
    reviewed_by = UserNameField()

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "project",
            "period",
            "period_end",
            "progress",
            "revenue",
            "employees",
            "financing_raised",
            "problems",
            "next_steps",
            "submitted_by",
            "submitted_at",
            "staff_comment",
            "reviewed_by",
            "reviewed_at",
        ]
        read_only_fields = ["project", "submitted_at", "staff_comment", "reviewed_at"]


class FinancingEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = FinancingEvent
        fields = [
            "id",
            "project",
            "round",
            "amount",
            "investor_name",
            "contact",
            "occurred_on",
            "note",
            "created_at",
        ]
        read_only_fields = ["project", "created_at"]


class IncubationCoachingSessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CoachingSession
        fields = [
            "id",
            "project",
            "mentor",
            "topic",
            "scheduled_at",
            "duration_minutes",
            "location",
            "summary",
            "held",
        ]
        read_only_fields = ["project", "summary", "held"]


class IncubationCohortSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cohort
        fields = ["id", "name", "year", "starts_on", "ends_on", "description"]


class FacilitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Facility
        fields = [
            "id",
            "name",
            "kind",
            "location",
            "capacity",
            "rules",
            "description",
            "opens_at",
            "closes_at",
            "max_hours",
            "requires_approval",
            "is_active",
            "manager",
        ]


class FacilityBookingSerializer(serializers.ModelSerializer):
    facility_name = serializers.CharField(source="facility.name", read_only=True)
    project_name = serializers.CharField(source="project.name", read_only=True, default=None)
    booked_by = UserNameField()
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "facility",
            "facility_name",
            "project",
            "project_name",
            "booked_by",
            "starts_at",
            "ends_at",
            "quantity",
            "purpose",
            "state",
            "state_label",
            "decided_at",
            "created_at",
        ]


class FacilityBookingCreateSerializer(serializers.Serializer):
    facility = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    quantity = serializers.IntegerField(min_value=1, default=1)
    purpose = serializers.CharField(max_length=300)
    project = serializers.IntegerField(required=False, allow_null=True, default=None)


class FacilityUtilisationSerializer(serializers.Serializer):
    facility = serializers.IntegerField()
    facility_name = serializers.CharField()
    month = serializers.CharField()
    booked_hours = serializers.FloatField()
    available_hours = serializers.FloatField()
    bookings = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)


class FundProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundProgramme
        fields = [
            "id",
            "name",
            "kind",
            "total_budget",
            "max_award",
            "eligibility",
            "description",
            "opens_on",
            "closes_on",
            "is_active",
        ]


class FundDisbursementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Disbursement
        fields = ["id", "amount", "paid_on", "note", "created_at"]
        read_only_fields = ["created_at"]


class FundApplicationSerializer(serializers.ModelSerializer):
    disbursements = FundDisbursementSerializer(many=True, read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = FundApplication
        fields = [
            "id",
            "programme",
            "project",
            "applicant",
            "amount_requested",
            "use_of_funds",
            "milestones",
            "amount_awarded",
            "state",
            "state_label",
            "decided_at",
            "created_at",
            "disbursements",
        ]
        read_only_fields = ["applicant", "amount_awarded", "state", "decided_at", "created_at"]


class FundAwardSerializer(serializers.Serializer):
    amount_awarded = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class FinancingContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = FinancingContact
        fields = [
            "id",
            "name",
            "kind",
            "organization",
            "contact_person",
            "phone",
            "email",
            "website",
            "focus",
            "is_active",
        ]


class IncubationMentorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Mentor
        fields = [
            "id",
            "name",
            "kind",
            "title",
            "organization_name",
            "expertise",
            "bio",
            "email",
            "phone",
            "is_active",
        ]


class IncubationCourseSerializer(serializers.ModelSerializer):
    enrolled = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Course
        fields = [
            "id",
            "title",
            "topic",
            "instructor",
            "starts_at",
            "ends_at",
            "location",
            "capacity",
            "description",
            "is_published",
            "enrolled",
        ]

    def validate(self, attrs):
        check_period(attrs, self.instance, "starts_at", "ends_at")
        return attrs


class CourseAttendanceSerializer(serializers.Serializer):
    attended = serializers.ListField(child=serializers.IntegerField())


class ConsultingRequestSerializer(serializers.ModelSerializer):
    requester = UserNameField()
    assignee = UserNameField(allow_null=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    working_days = serializers.SerializerMethodField()

    class Meta:
        model = ConsultingRequest
        fields = [
            "id",
            "requester",
            "project",
            "topic",
            "subject",
            "description",
            "assignee",
            "response",
            "state",
            "state_label",
            "answered_at",
            "created_at",
            "working_days",
        ]

    def get_working_days(self, obj) -> int | None:
        clock = self.context.get("clocks", {}).get(obj.pk)
        return clock.working_days if clock else None


class ConsultingCreateSerializer(serializers.Serializer):
    topic = serializers.ChoiceField(choices=ConsultingRequest.Topic.choices)
    subject = serializers.CharField(max_length=200)
    description = serializers.CharField()
    project = serializers.IntegerField(required=False, allow_null=True, default=None)


class ConsultingAssignSerializer(serializers.Serializer):
    assignee = serializers.IntegerField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ConsultingAnswerSerializer(serializers.Serializer):
    response = serializers.CharField()


class ResourceLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResourceLink
        fields = [
            "id",
            "title",
            "kind",
            "organization_name",
            "url",
            "contact",
            "event_date",
            "description",
            "is_active",
        ]
