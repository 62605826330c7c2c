"""Statistics of a Delphi round (anonymous: no expert names leave this module)."""

from __future__ import annotations

from typing import Any

from evaluation import delphi
from evaluation.models import DelphiRating, DelphiResponse, DelphiRound, Indicator


def round_indicators(delphi_round: DelphiRound) -> list[Indicator]:
    return list(Indicator.objects.filter(system=delphi_round.system).order_by("level", "order", "id"))


def round_statistics(delphi_round: DelphiRound) -> dict[str, Any]:
    """Response rate, authority, per-indicator mean/SD/CV/full-score frequency, Kendall's W, consensus."""
    indicators = round_indicators(delphi_round)
    responses = list(
        DelphiResponse.objects.filter(round=delphi_round, submitted_at__isnull=False).prefetch_related(
            "ratings"
        )
    )
    invited = delphi_round.experts.count()
    by_response = {r.pk: {x.indicator_id: x.score for x in r.ratings.all()} for r in responses}
    rows = []
    for indicator in indicators:
        values = [by_response[r.pk].get(indicator.pk) for r in responses]
        stats = delphi.indicator_statistics(values, full_score=delphi_round.full_score)
        rows.append(
            {
                "id": indicator.pk,
                "code": indicator.code,
                "name": indicator.name,
                "level": indicator.level,
                "parent_id": indicator.parent_id,
                "count": stats.count,
                "mean": round(stats.mean, 3),
                "sd": round(stats.sd, 3),
                "cv": round(stats.cv, 3) if stats.cv is not None else None,
                "full_score_frequency": round(stats.full_score_frequency, 3),
            }
        )
    complete = [
        [by_response[r.pk][i.pk] for i in indicators]
        for r in responses
        if all(by_response[r.pk].get(i.pk) is not None for i in indicators)
    ]
    kendall = None
    if len(complete) >= 2 and len(indicators) >= 2:
        k = delphi.kendall_w(complete)
        kendall = {"w": round(k.w, 4), "chi2": round(k.chi2, 3), "df": k.df, "p": round(k.p, 5)}
    ca = [r.ca for r in responses]
    cs = [r.cs for r in responses]
    mean_ca = sum(ca) / len(ca) if ca else None
    mean_cs = sum(cs) / len(cs) if cs else None
    consensus = delphi.consensus_reached(
        [row["cv"] for row in rows],
        kendall["p"] if kendall else None,
        cv_threshold=float(delphi_round.cv_threshold),
        p_threshold=float(delphi_round.p_threshold),
    )
    return {
        "invited": invited,
        "returned": len(responses),
        "response_rate": round(delphi.response_rate(len(responses), invited), 3),
        "ca": round(mean_ca, 3) if mean_ca is not None else None,
        "cs": round(mean_cs, 3) if mean_cs is not None else None,
        "authority": round(delphi.authority(mean_ca, mean_cs), 3) if mean_ca is not None else None,
        "indicators": rows,
        "kendall": kendall,
        "consensus": consensus,
        "cv_threshold": float(delphi_round.cv_threshold),
        "p_threshold": float(delphi_round.p_threshold),
    }


def previous_round(delphi_round: DelphiRound) -> DelphiRound | None:
    return (
        DelphiRound.objects.filter(system=delphi_round.system, number__lt=delphi_round.number)
        .order_by("-number")
        .first()
    )


def own_response(delphi_round: DelphiRound, user) -> DelphiResponse | None:
    return DelphiResponse.objects.filter(round=delphi_round, expert=user).prefetch_related("ratings").first()


def ratings_by_indicator(response: DelphiResponse | None) -> dict[int, DelphiRating]:
    return {r.indicator_id: r for r in response.ratings.all()} if response else {}
