"""Incubation (000 §5.4): projects, facilities and bookings, funding, coaching and courses."""

from .coaching import (
    CoachingSession,
    ConsultingRequest,
    Course,
    Enrolment,
    Mentor,
    ResourceLink,
)
from .facilities import Booking, Facility
from .funding import Disbursement, FinancingContact, FinancingEvent, FundApplication, FundProgramme
from .projects import Cohort, IncubationProject, ProgressReport, ProjectMember

__all__ = [
    "Booking",
    "CoachingSession",
    "Cohort",
    "ConsultingRequest",
    "Course",
    "Disbursement",
    "Enrolment",
    "Facility",
    "FinancingContact",
    "FinancingEvent",
    "FundApplication",
    "FundProgramme",
    "IncubationProject",
    "Mentor",
    "ProgressReport",
    "ProjectMember",
    "ResourceLink",
]
