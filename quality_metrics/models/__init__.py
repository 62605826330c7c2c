from .audits import AuditItem, ConformityAudit
from .cases import ScanWatermark, ServiceCase
from .common import CodeSequence
from .complaints import Complaint
from .improvements import ImprovementAction
from .metrics import MetricSnapshot
from .platform_evaluation import (
    EvaluationSuggestion,
    EvaluationTrigger,
    PanelMember,
    PlatformEvaluation,
    QualityReport,
    ServiceStarEvaluation,
)
from .surveys import (
    SurveyAnswer,
    SurveyCampaign,
    SurveyDimension,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    SurveyTemplate,
)

__all__ = [
    "AuditItem",
    "CodeSequence",
    "Complaint",
    "ConformityAudit",
    "EvaluationSuggestion",
    "EvaluationTrigger",
    "ImprovementAction",
    "MetricSnapshot",
    "PanelMember",
    "PlatformEvaluation",
    "QualityReport",
    "ScanWatermark",
    "ServiceCase",
    "ServiceStarEvaluation",
    "SurveyAnswer",
    "SurveyCampaign",
    "SurveyDimension",
    "SurveyInvitation",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveyTemplate",
]
