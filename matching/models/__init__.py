"""Models of the matching app: demands, the matching index, events, docking, agreements, implementation."""

from .agreements import Agreement, AgreementClause, AgreementTemplate, ContractType, RiskFlag, TemplateClause
from .demands import ChallengeApplication, Demand, DemandConfidentiality
from .docking import (
    DisputeResolution,
    DockingProject,
    NegotiationRecord,
    PaymentMethod,
    ProposedTerms,
    ValuationWorksheet,
)
from .events import AgendaItem, EventRegistration, EventSession, MatchmakingEvent
from .implementation import (
    CoordinationAction,
    FeedbackRequest,
    FollowUp,
    ImplementationIssue,
    ImplementationProject,
    Milestone,
    StageAssessment,
)
from .index import CorpusStat, MatchingWeights, MatchProfile, MatchSuggestion, TokenPosting, TokenStat

__all__ = [
    "AgendaItem",
    "Agreement",
    "AgreementClause",
    "AgreementTemplate",
    "ChallengeApplication",
    "ContractType",
    "CoordinationAction",
    "CorpusStat",
    "Demand",
    "DemandConfidentiality",
    "DisputeResolution",
    "DockingProject",
    "EventRegistration",
    "EventSession",
    "FeedbackRequest",
    "FollowUp",
    "ImplementationIssue",
    "ImplementationProject",
    "MatchProfile",
    "MatchSuggestion",
    "MatchingWeights",
    "MatchmakingEvent",
    "Milestone",
    "NegotiationRecord",
    "PaymentMethod",
    "ProposedTerms",
    "RiskFlag",
    "StageAssessment",
    "TemplateClause",
    "TokenPosting",
    "TokenStat",
    "ValuationWorksheet",
]
