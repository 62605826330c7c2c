"""Models of the achievements app (see the contract in the project's helper notes)."""

from .achievement import (
    CONFIDENTIAL_SECTIONS,
    LEVEL_RANK,
    Achievement,
    ApplicationCase,
    Confidentiality,
    IpStatusEntry,
    Maturity,
    TeamMember,
    TechnicalParameter,
    default_confidentiality,
)
from .review import ReviewAssignment, ReviewReason, Submission
from .vocabularies import (
    AchievementType,
    ApplicationScenario,
    CooperationMode,
    RequiredMaterial,
    TechnicalField,
)

__all__ = [
    "CONFIDENTIAL_SECTIONS",
    "LEVEL_RANK",
    "Achievement",
    "AchievementType",
    "ApplicationCase",
    "ApplicationScenario",
    "Confidentiality",
    "CooperationMode",
    "IpStatusEntry",
    "Maturity",
    "RequiredMaterial",
    "ReviewAssignment",
    "ReviewReason",
    "Submission",
    "TeamMember",
    "TechnicalField",
    "TechnicalParameter",
    "default_confidentiality",
]
