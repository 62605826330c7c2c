from .indicators import (
    ComparisonMatrix,
    DelphiRating,
    DelphiResponse,
    DelphiRound,
    Indicator,
    IndicatorLevel,
    IndicatorSystem,
)
from .scorecards import (
    Aggregation,
    Criterion,
    CriterionScore,
    ScorecardEvaluation,
    ScorecardSheet,
    ScorecardTemplate,
)
from .trl import TrlLevel, TrlScale

__all__ = [
    "Aggregation",
    "ComparisonMatrix",
    "Criterion",
    "CriterionScore",
    "DelphiRating",
    "DelphiResponse",
    "DelphiRound",
    "Indicator",
    "IndicatorLevel",
    "IndicatorSystem",
    "ScorecardEvaluation",
    "ScorecardSheet",
    "ScorecardTemplate",
    "TrlLevel",
    "TrlScale",
]
