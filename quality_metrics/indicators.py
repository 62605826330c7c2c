"""The seven service-quality indicators of T/HEBQIA §7.1 (REQUIREMENTS.md, "Service quality").

Each indicator declares what it measures, its formula, what counts in the numerator and denominator
(shown in the UI beside every value), its unit and its grade bands. :func:`band` is the pure function
that grades a value, with the boundaries exactly as REQUIREMENTS.md fixes them (以上/以下 include the
end point; where the text gives "a–b" for one band and "≥b" for the next, b belongs to the higher band).

The computation of each indicator lives in :mod:`quality_metrics.measures`; the registry names it by
dotted path so that this module stays importable before any source app exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.utils.translation import gettext_lazy as _

CONVERSION_RATE = "conversion_rate"
SATISFACTION = "satisfaction"
TIMELINESS = "timeliness"
CONFORMITY = "conformity"
DOCKING_SUCCESS = "docking_success"
INCUBATION_SUCCESS = "incubation_success"
IP_PROTECTION = "ip_protection"

# Band codes, best first within each scale.
EXCELLENT, GOOD, NEEDS_IMPROVEMENT = "excellent", "good", "needs_improvement"
VERY_SATISFIED, SATISFIED, UNSATISFIED = "very_satisfied", "satisfied", "unsatisfied"
EFFICIENT, AVERAGE, INEFFICIENT = "efficient", "average", "inefficient"

BAND_LABELS: dict[str, Any] = {
    EXCELLENT: _("Excellent"),
    GOOD: _("Good"),
    NEEDS_IMPROVEMENT: _("Needs improvement"),
    VERY_SATISFIED: _("Very satisfied"),
    SATISFIED: _("Satisfied"),
    UNSATISFIED: _("Unsatisfied"),
    EFFICIENT: _("Efficient"),
    AVERAGE: _("Average"),
    INEFFICIENT: _("Inefficient"),
}

# Bootstrap colour per band position (best, middle, worst) — the same on every page and in the PDF.
BAND_COLOURS = {
    EXCELLENT: "success",
    VERY_SATISFIED: "success",
    EFFICIENT: "success",
    GOOD: "primary",
    SATISFIED: "primary",
    AVERAGE: "primary",
    NEEDS_IMPROVEMENT: "danger",
    UNSATISFIED: "danger",
    INEFFICIENT: "danger",
}

# The lowest band of each scale: an indicator graded here is "below its band" and opens an improvement action.
LOWEST_BANDS = frozenset({NEEDS_IMPROVEMENT, UNSATISFIED, INEFFICIENT})


@dataclass(frozen=True)
class Indicator:
    code: str
    name: Any
    clause: str
    definition: Any
    formula: Any
    numerator: Any
    denominator: Any
    unit: str  # "percent", "points" or "workdays"
    # Grading: with higher_is_better, value >= upper → bands[0]; value >= lower → bands[1]; else bands[2].
    # Otherwise (timeliness), value <= upper → bands[0]; value <= lower → bands[1]; else bands[2].
    upper: float
    lower: float
    bands: tuple[str, str, str]
    higher_is_better: bool
    bands_text: Any
    source: Any  # which app's records feed it
    compute_path: str  # dotted path of the measure function (start, end) -> Measurement
    order: int

    @property
    def compute(self):
        module, _, name = self.compute_path.rpartition(".")
        return getattr(import_module(module), name)

    def band(self, value: float | None) -> str | None:
        if value is None:
            return None
        if self.higher_is_better:
            if value >= self.upper:
                return self.bands[0]
            if value >= self.lower:
                return self.bands[1]
            return self.bands[2]
        if value <= self.upper:
            return self.bands[0]
        if value <= self.lower:
            return self.bands[1]
        return self.bands[2]


_RATE_BANDS = (EXCELLENT, GOOD, NEEDS_IMPROVEMENT)

INDICATORS: dict[str, Indicator] = {
    i.code: i
    for i in [
        Indicator(
            code=CONVERSION_RATE,
            name=_("Achievement conversion rate"),
            clause="7.1.1.1 / 7.1.2.1",
            definition=_(
                "The share of the platform's achievements that were successfully converted through the platform."
            ),
            formula=_("Conversion rate = converted achievements ÷ total achievements × 100%"),
            numerator=_(
                "Achievements that reached the state “converted” by the end of the period "
                "(among those counted in the denominator)."
            ),
            denominator=_(
                "Achievements accepted by the platform (formal review passed) by the end of the period; "
                "drafts and refused submissions are not platform achievements."
            ),
            unit="percent",
            upper=80,
            lower=60,
            bands=_RATE_BANDS,
            higher_is_better=True,
            bands_text=_("≥80% excellent; 60%–80% good; <60% needs improvement"),
            source=_("Achievements (transition log)"),
            compute_path="quality_metrics.measures.conversion_rate",
            order=1,
        ),
        Indicator(
            code=SATISFACTION,
            name=_("User satisfaction"),
            clause="7.1.1.2 / 7.1.2.2",
            definition=_(
                "Users' overall rating of the platform's service content, attitude, efficiency and more."
            ),
            formula=_("Satisfaction = mean score of the survey responses (0–100)"),
            numerator=_(
                "Sum of the scores of the survey responses submitted in the period; each response is the "
                "mean of its rated answers, normalised to 0–100."
            ),
            denominator=_("Survey responses submitted in the period."),
            unit="points",
            upper=90,
            lower=70,
            bands=(VERY_SATISFIED, SATISFIED, UNSATISFIED),
            higher_is_better=True,
            bands_text=_("90 points and above very satisfied; 70–90 satisfied; <70 unsatisfied"),
            source=_("Satisfaction surveys"),
            compute_path="quality_metrics.measures.satisfaction",
            order=2,
        ),
        Indicator(
            code=TIMELINESS,
            name=_("Service timeliness"),
            clause="7.1.1.3 / 7.1.2.3",
            definition=_(
                "The time from a user's request to the platform's response and to the completion of the service."
            ),
            formula=_(
                "Timeliness = mean response time (and mean completion time) of all services, in working days"
            ),
            numerator=_(
                "Sum of the working days from each request to the platform's first response, for every "
                "response given in the period (formal review, consultations, IP service requests, "
                "consulting, complaints). The mean completion time is computed the same way up to completion."
            ),
            denominator=_("Responses given in the period (completions for the completion time)."),
            unit="workdays",
            upper=3,
            lower=7,
            bands=(EFFICIENT, AVERAGE, INEFFICIENT),
            higher_is_better=False,
            bands_text=_(
                "≤3 working days efficient; 4–7 working days average (a mean such as 3.5 is average); "
                ">7 working days inefficient"
            ),
            source=_("Transition log of every service"),
            compute_path="quality_metrics.measures.timeliness",
            order=3,
        ),
        Indicator(
            code=CONFORMITY,
            name=_("Service conformity"),
            clause="7.1.1.4 / 7.1.2.4",
            definition=_(
                "Whether the platform strictly follows the relevant standards, processes and rules in its services."
            ),
            formula=_("Conformity = services found conforming ÷ services audited × 100%"),
            numerator=_("Sampled service records found conforming in audits completed in the period."),
            denominator=_("Sampled service records checked in audits completed in the period."),
            unit="percent",
            upper=95,
            lower=80,
            bands=_RATE_BANDS,
            higher_is_better=True,
            bands_text=_("≥95% excellent; 80%–95% good; <80% needs improvement"),
            source=_("Conformity audits"),
            compute_path="quality_metrics.measures.conformity",
            order=4,
        ),
        Indicator(
            code=DOCKING_SUCCESS,
            name=_("Technology docking success rate"),
            clause="7.1.1.5 / 7.1.2.5",
            definition=_(
                "Among the docking projects brought about by the platform, the share that reached a "
                "cooperation agreement."
            ),
            formula=_("Docking success rate = agreements reached ÷ docking projects × 100%"),
            numerator=_("Docking projects that reached “agreement signed” by the end of the period."),
            denominator=_("Docking projects started by the end of the period."),
            unit="percent",
            upper=70,
            lower=50,
            bands=_RATE_BANDS,
            higher_is_better=True,
            bands_text=_("≥70% excellent; 50%–70% good; <50% needs improvement"),
            source=_("Technology docking"),
            compute_path="quality_metrics.measures.docking_success",
            order=5,
        ),
        Indicator(
            code=INCUBATION_SUCCESS,
            name=_("Incubation success rate"),
            clause="7.1.1.6 / 7.1.2.6",
            definition=_(
                "Among the projects incubated with the platform's support, the share that entered the "
                "market or raised further financing."
            ),
            formula=_(
                "Incubation success rate = successfully incubated projects ÷ incubated projects × 100%"
            ),
            numerator=_(
                "Incubation projects whose recorded outcome by the end of the period is “entered the "
                "market” or “raised further financing”."
            ),
            denominator=_("Incubation projects started by the end of the period."),
            unit="percent",
            upper=60,
            lower=40,
            bands=_RATE_BANDS,
            higher_is_better=True,
            bands_text=_("≥60% excellent; 40%–60% good; <40% needs improvement"),
            source=_("Incubation"),
            compute_path="quality_metrics.measures.incubation_success",
            order=6,
        ),
        Indicator(
            code=IP_PROTECTION,
            name=_("IP protection effectiveness"),
            clause="7.1.1.7 / 7.1.2.7",
            definition=_(
                "The platform's ability to help users avoid infringement disputes or recover losses in "
                "IP filing, protection and exploitation."
            ),
            formula=_(
                "Dispute resolution rate = disputes resolved ÷ disputes handled × 100%; plus losses recovered"
            ),
            numerator=_(
                "Disputes closed by the end of the period with the outcome “resolved in the holder's favour” or “settled”."
            ),
            denominator=_(
                "Disputes closed with an outcome by the end of the period (resolved, settled, lost or withdrawn)."
            ),
            unit="percent",
            upper=90,
            lower=70,
            bands=_RATE_BANDS,
            higher_is_better=True,
            bands_text=_("90% and above excellent; 70%–90% good; <70% needs improvement"),
            source=_("IP services (disputes)"),
            compute_path="quality_metrics.measures.ip_protection",
            order=7,
        ),
    ]
}

CODES: tuple[str, ...] = tuple(INDICATORS)


def get(code: str) -> Indicator:
    try:
        return INDICATORS[code]
    except KeyError as exc:
        raise ValueError(f"unknown indicator {code!r}") from exc


def band(code: str, value: float) -> str:
    """The band code of ``value`` for indicator ``code`` (REQUIREMENTS.md's table, boundaries exact)."""
    result = get(code).band(value)
    assert result is not None
    return result


def band_label(band_code: str | None) -> Any:
    """The Chinese (translated) label of a band code, e.g. ``excellent`` → 优秀."""
    if band_code is None:
        return _("No data")
    return BAND_LABELS[band_code]


def is_below_band(band_code: str | None) -> bool:
    return band_code in LOWEST_BANDS


def choices() -> list[tuple[str, Any]]:
    return [(i.code, i.name) for i in INDICATORS.values()]
