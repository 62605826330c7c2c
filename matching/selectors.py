"""Reads of the matching app: lists with visibility, the demand library search, suggestions, comparable
deals, the milestone timeline, dashboard counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from platform_core.accounts.roles import is_staff_member

from .models import (
    Agreement,
    ChallengeApplication,
    Demand,
    DockingProject,
    ImplementationProject,
    MatchmakingEvent,
    MatchSuggestion,
    Milestone,
    ValuationWorksheet,
)
from .permissions import demand_visible_q, project_visible_q
from .text import tokenize


# --------------------------------------------------------------------------- demands
def visible_demands(user: Any) -> QuerySet[Demand]:
    q = demand_visible_q(user)
    qs = Demand.objects.all()
    if q:
        # The docking-party part of the filter joins; restrict by id to keep one row per demand.
        qs = Demand.objects.filter(pk__in=Demand.objects.filter(q).values("pk"))
    return qs


def demand_search(
    qs: QuerySet[Demand],
    *,
    q: str = "",
    field: str = "",
    scenario: str = "",
    maturity: str = "",
    mode: str = "",
    region: str = "",
    challenge: bool | None = None,
) -> QuerySet[Demand]:
    """Keyword (phrase-aware: every jieba token of the query must be a token of the demand), field,
    scenario, maturity, cooperation mode, region and challenge-call filters."""
    if q.strip():
        tokens = tokenize(q)
        if tokens:
            for token in tokens:
                qs = qs.filter(search_tokens__contains=f" {token} ")
        else:
            qs = qs.filter(Q(title__icontains=q.strip()) | Q(tags__icontains=q.strip()))
    if field:
        qs = qs.filter(technical_field__code=field)
    if scenario:
        qs = qs.filter(pk__in=Demand.objects.filter(scenarios__code=scenario).values("pk"))
    if mode:
        qs = qs.filter(pk__in=Demand.objects.filter(cooperation_modes__code=mode).values("pk"))
    if maturity:
        qs = qs.filter(min_maturity=maturity)
    if region:
        qs = qs.filter(Q(region=region) | Q(region=""))
    if challenge is not None:
        qs = qs.filter(is_challenge=challenge)
    return qs


def demand_library(user: Any, **filters: Any) -> QuerySet[Demand]:
    return demand_search(visible_demands(user).filter(state=Demand.State.PUBLISHED), **filters).for_list()


def open_challenges(user: Any) -> QuerySet[Demand]:
    today = timezone.localdate()
    return (
        visible_demands(user)
        .filter(state=Demand.State.PUBLISHED, is_challenge=True)
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
        .for_list()
        .annotate(application_count=Count("applications", filter=~Q(applications__state="withdrawn")))
        .order_by("deadline", "-published_at")
    )


def review_queue() -> QuerySet[Demand]:
    return Demand.objects.filter(state=Demand.State.SUBMITTED).for_list().order_by("updated_at")


def applications_for(demand: Demand, user: Any) -> QuerySet[ChallengeApplication]:
    qs = demand.applications.select_related("applicant", "achievement")
    if is_staff_member(user) or demand.owner_id == user.pk:
        return qs
    return qs.filter(applicant=user)


# --------------------------------------------------------------------------- suggestions
def suggestions_for_demand(demand: Demand, *, include_dismissed: bool = False) -> QuerySet[MatchSuggestion]:
    qs = MatchSuggestion.objects.filter(demand=demand).select_related(
        "achievement", "achievement__organization", "achievement__technical_field"
    )
    if not include_dismissed:
        qs = qs.exclude(status=MatchSuggestion.Status.DISMISSED)
    return qs.order_by("-score", "id")


def suggestions_for_holder(user: Any) -> QuerySet[MatchSuggestion]:
    """Demands matched to this holder's achievements (only demands he may see)."""
    return (
        MatchSuggestion.objects.filter(
            achievement__holder=user, demand__in=visible_demands(user).filter(state=Demand.State.PUBLISHED)
        )
        .select_related("demand", "demand__organization", "achievement")
        .order_by("-score", "id")
    )


# --------------------------------------------------------------------------- docking and deals
def visible_projects(user: Any) -> QuerySet[DockingProject]:
    return DockingProject.objects.filter(project_visible_q(user))


def visible_agreements(user: Any) -> QuerySet[Agreement]:
    return Agreement.objects.filter(project_visible_q(user, "project__"))


def visible_implementations(user: Any) -> QuerySet[ImplementationProject]:
    return ImplementationProject.objects.filter(project_visible_q(user, "project__"))


def valuation_worksheet(project: DockingProject) -> ValuationWorksheet:
    """The project's valuation worksheet, or before its first save a blank one with the defaults (not saved)."""
    return ValuationWorksheet.objects.filter(project=project).first() or ValuationWorksheet(project=project)


def comparable_deals(project: DockingProject, limit: int = 10) -> list[Agreement]:
    """Signed agreements of the platform in the same technical field (else the same cooperation mode)."""
    qs = (
        Agreement.objects.filter(state=Agreement.State.SIGNED, value__isnull=False)
        .exclude(project=project)
        .select_related("project__achievement", "project__achievement__technical_field")
    )
    field_id = project.achievement.technical_field_id
    same_field = (
        list(qs.filter(project__achievement__technical_field_id=field_id).order_by("-signed_on")[:limit])
        if field_id
        else []
    )
    if same_field:
        return same_field
    return list(qs.order_by("-signed_on")[:limit])


def visible_events(user: Any) -> QuerySet[MatchmakingEvent]:
    qs = MatchmakingEvent.objects.all()
    if not is_staff_member(user):
        qs = qs.exclude(state=MatchmakingEvent.State.DRAFT)
    return qs.annotate(
        registered=Count("registrations", filter=Q(registrations__status="registered"), distinct=True)
    )


# --------------------------------------------------------------------------- milestone timeline
@dataclass
class TimelineBar:
    milestone: Milestone
    planned_left: float
    planned_width: float
    actual_left: float | None
    actual_width: float | None
    late: bool


@dataclass
class Timeline:
    start: dt.date
    end: dt.date
    bars: list[TimelineBar]
    today_left: float | None
    months: list[tuple[float, str]]


def milestone_timeline(milestones: list[Milestone], today: dt.date | None = None) -> Timeline | None:
    """Positions (percent of the span) of planned and actual bars, for the timeline view."""
    if not milestones:
        return None
    today = today or timezone.localdate()
    dates = [
        d for m in milestones for d in (m.planned_start, m.planned_end, m.actual_start, m.actual_end) if d
    ]
    start, end = min(dates), max(dates)
    start = start.replace(day=1)
    end = max(end, start + dt.timedelta(days=30))
    span = (end - start).days or 1

    def pos(day: dt.date) -> float:
        return round(100.0 * (day - start).days / span, 2)

    bars = []
    for m in milestones:
        left, right = pos(m.planned_start), pos(m.planned_end)
        actual_left = actual_width = None
        if m.actual_start or m.actual_end:
            a_start = m.actual_start or m.planned_start
            a_end = m.actual_end or min(today, end)
            actual_left, actual_width = pos(a_start), max(pos(a_end) - pos(a_start), 0.8)
        late = bool(m.actual_end and m.actual_end > m.planned_end) or m.is_overdue
        bars.append(TimelineBar(m, left, max(right - left, 0.8), actual_left, actual_width, late))
    all_months = []
    cursor = start
    while cursor <= end:
        all_months.append((pos(cursor), cursor.strftime("%Y-%m")))
        cursor = (cursor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    step = max(1, -(-len(all_months) // 6))  # at most about six labels: they must not overlap
    months = [m for m in all_months[::step] if m[0] <= 88] or all_months[
        :1
    ]  # no label cut off at the right edge
    today_left = pos(today) if start <= today <= end else None
    return Timeline(start, end, bars, today_left, months)


# --------------------------------------------------------------------------- dashboard
def staff_counts() -> dict[str, int]:
    return {
        "demands_waiting": Demand.objects.filter(state=Demand.State.SUBMITTED).count(),
        "projects_open": DockingProject.objects.filter(state__in=DockingProject.OPEN_STATES).count(),
        "inquiries_new": DockingProject.objects.filter(state=DockingProject.State.INQUIRY).count(),
        "agreements_in_review": Agreement.objects.filter(state=Agreement.State.IN_REVIEW).count(),
        "unregistered": Agreement.objects.filter(
            state=Agreement.State.SIGNED, registered_on__isnull=True
        ).count(),
        "implementations": ImplementationProject.objects.filter(
            state=ImplementationProject.State.IN_PROGRESS
        ).count(),
        "overdue_milestones": Milestone.objects.filter(
            project__state=ImplementationProject.State.IN_PROGRESS,
            status__in=(Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS),
            planned_end__lt=timezone.localdate(),
        ).count(),
    }


def docking_success(qs: QuerySet[DockingProject] | None = None) -> dict[str, Any]:
    """技术对接成功率: projects with a signed agreement ÷ all projects."""
    qs = qs if qs is not None else DockingProject.objects.all()
    total = qs.count()
    signed = qs.filter(state=DockingProject.State.AGREEMENT_SIGNED).count()
    return {"total": total, "signed": signed, "rate": (100.0 * signed / total) if total else None}
