"""Every write of the incubation app (one function per use case, in a transaction)."""

from .coaching import (
    coaching_session_record,
    coaching_session_schedule,
    consulting_request_answer,
    consulting_request_assign,
    consulting_request_submit,
    consulting_request_transition,
    course_cancel_enrolment,
    course_enrol,
    course_mark_attendance,
)
from .common import reference_save
from .facilities import booking_create, booking_decide, facility_save
from .funding import (
    disbursement_record,
    financing_event_record,
    fund_application_approve,
    fund_application_submit,
    fund_application_transition,
)
from .projects import (
    progress_report_comment,
    progress_report_submit,
    project_apply,
    project_attach_business_plan,
    project_close_review,
    project_record_outcome,
    project_set_mentors,
    project_start_review,
    project_transition,
    project_update,
)

__all__ = [
    "booking_create",
    "booking_decide",
    "coaching_session_record",
    "coaching_session_schedule",
    "consulting_request_answer",
    "consulting_request_assign",
    "consulting_request_submit",
    "consulting_request_transition",
    "course_cancel_enrolment",
    "course_enrol",
    "course_mark_attendance",
    "disbursement_record",
    "facility_save",
    "financing_event_record",
    "fund_application_approve",
    "fund_application_submit",
    "fund_application_transition",
    "progress_report_comment",
    "progress_report_submit",
    "project_apply",
    "project_attach_business_plan",
    "project_record_outcome",
    "project_close_review",
    "project_start_review",
    "project_set_mentors",
    "project_transition",
    "project_update",
    "reference_save",
]
