"""Reads of information services: published content, the event calendar, consultation queues and clocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from platform_core import workdays
from platform_core.accounts.roles import is_staff_member
from platform_core.workflow.engine import history
from platform_core.workflow.models import TransitionLog

from .models import Article, Consultation, Feedback, Tag

ARTICLE_SORTS = {
    "newest": ("-published_at", "-id"),
    "oldest": ("published_at", "id"),
    "title": ("title", "id"),
}
MANAGE_SORTS = {
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "kind": ("kind", "-updated_at"),
    "-kind": ("-kind", "-updated_at"),
    "state": ("state", "-updated_at"),
    "-state": ("-state", "-updated_at"),
    "updated": ("updated_at", "id"),
    "-updated": ("-updated_at", "-id"),
    "published": ("published_at", "id"),
    "-published": ("-published_at", "-id"),
}


# ---------------------------------------------------------------------------------------------- content


def published_articles() -> QuerySet[Article]:
    return Article.objects.filter(state=Article.State.PUBLISHED)


def article_filter(
    qs: QuerySet[Article], *, q: str = "", kind: str = "", tag: str = "", state: str = ""
) -> QuerySet[Article]:
    """Keyword (title, summary, body, interpretation icontains) plus kind, tag and state filters."""
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(summary__icontains=q)
            | Q(body__icontains=q)
            | Q(interpretation__icontains=q)
            | Q(issuing_body__icontains=q)
            | Q(document_number__icontains=q)
        )
    if kind in Article.Kind.values:
        qs = qs.filter(kind=kind)
    if tag:
        qs = qs.filter(tags__name=tag)
    if state in Article.State.values:
        qs = qs.filter(state=state)
    return qs


def article_list(
    *, q: str = "", kind: str = "", tag: str = "", sort: str = "newest", include_unpublished: bool = False
) -> QuerySet[Article]:
    base = Article.objects.all() if include_unpublished else published_articles()
    qs = article_filter(base, q=q, kind=kind, tag=tag)
    return qs.order_by(*ARTICLE_SORTS.get(sort, ARTICLE_SORTS["newest"])).prefetch_related("tags")


def manage_list(
    *, q: str = "", kind: str = "", tag: str = "", state: str = "", sort: str = "-updated"
) -> QuerySet[Article]:
    qs = article_filter(Article.objects.all(), q=q, kind=kind, tag=tag, state=state)
    return (
        qs.order_by(*MANAGE_SORTS.get(sort, MANAGE_SORTS["-updated"]))
        .select_related("created_by")
        .prefetch_related("tags")
    )


@dataclass
class HubSection:
    kind: str
    label: str
    items: list[Article]


def hub(*, per_kind: int = 4) -> dict:
    """The content hub: featured items, the latest of each kind, upcoming events, tags in use."""
    published = published_articles()
    featured = list(published.filter(featured=True).order_by("-published_at", "-id")[:6])
    sections = []
    for kind, label in Article.Kind.choices:
        if kind == Article.Kind.EVENT:
            continue
        items = list(published.filter(kind=kind).order_by("-published_at", "-id")[:per_kind])
        sections.append(HubSection(kind=kind, label=label, items=items))
    # One query for the tags of everything shown.
    prefetch_related_objects([a for s in sections for a in s.items], "tags")
    today = timezone.localdate()
    upcoming = list(
        published.filter(kind=Article.Kind.EVENT)
        .filter(Q(ends_on__gte=today) | Q(ends_on__isnull=True, starts_on__gte=today))
        .order_by("starts_on", "id")[:5]
    )
    tags = list(
        Tag.objects.annotate(n=Count("articles", filter=Q(articles__state=Article.State.PUBLISHED)))
        .filter(n__gt=0)
        .order_by("-n", "name")[:20]
    )
    return {"featured": featured, "hub_sections": sections, "upcoming": upcoming, "tags": tags}


def events(*, when: str = "upcoming", q: str = "", mode: str = "") -> QuerySet[Article]:
    """Conferences and events: upcoming (not yet ended, soonest first) or past (latest first)."""
    today = timezone.localdate()
    qs = article_filter(published_articles().filter(kind=Article.Kind.EVENT), q=q)
    if mode in Article.EventMode.values:
        qs = qs.filter(event_mode=mode)
    current = Q(ends_on__gte=today) | Q(ends_on__isnull=True, starts_on__gte=today)
    if when == "past":
        return qs.exclude(current).order_by("-starts_on", "-id").prefetch_related("tags")
    return qs.filter(current).order_by("starts_on", "id").prefetch_related("tags")


def related_articles(article: Article, *, limit: int = 5) -> list[Article]:
    """Published items of the same kind sharing a tag, newest first."""
    tag_ids = [t.pk for t in article.tags.all()]
    qs = published_articles().filter(kind=article.kind).exclude(pk=article.pk)
    if tag_ids:
        qs = qs.filter(tags__in=tag_ids).distinct()
    return list(qs.order_by("-published_at", "-id")[:limit])


# ----------------------------------------------------------------------------------------- consultations


class WaitingClock:
    """Working days from a moment to today, memoised per calendar date (one list page, many rows)."""

    def __init__(self, today: dt.date | None = None) -> None:
        self.today = today or timezone.localdate()
        self._memo: dict[dt.date, int] = {}

    def days_since(self, moment: dt.datetime | None) -> int | None:
        if moment is None:
            return None
        start = workdays.local_date(moment)
        if start not in self._memo:
            self._memo[start] = workdays.working_days_between(start, self.today)
        return self._memo[start]


def waiting_cutoff(days: int, *, today: dt.date | None = None) -> dt.date:
    """The latest date from which at least ``days`` working days have passed by ``today``."""
    day = today or timezone.localdate()
    counted = 0
    while counted < days:
        if workdays.is_working_day(day):
            counted += 1
        day -= dt.timedelta(days=1)
    return day


def consultations_visible_to(user) -> QuerySet[Consultation]:
    qs = Consultation.objects.select_related("asker", "assignee")
    if is_staff_member(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(asker=user)


def consultation_queue(
    *,
    state: str = "waiting",
    category: str = "",
    min_waiting_days: int | None = None,
    assignee: object | None = None,
    q: str = "",
) -> QuerySet[Consultation]:
    """Staff's queue: waiting questions (longest waiting first) or any one state."""
    qs = Consultation.objects.select_related("asker", "asker__organization", "assignee")
    if state == "waiting" or not state:
        qs = qs.filter(state__in=Consultation.WAITING_STATES).order_by("waiting_since", "id")
    elif state in Consultation.State.values:
        qs = qs.filter(state=state).order_by("-updated_at", "-id")
    if category in Consultation.Category.values:
        qs = qs.filter(category=category)
    if assignee is not None:
        qs = qs.filter(assignee=assignee)
    if q:
        qs = qs.filter(Q(subject__icontains=q) | Q(question__icontains=q))
    if min_waiting_days:
        cutoff = waiting_cutoff(min_waiting_days)
        start_of_next = timezone.make_aware(dt.datetime.combine(cutoff + dt.timedelta(days=1), dt.time.min))
        qs = qs.filter(waiting_since__lt=start_of_next)
    return qs


@dataclass
class ConsultationClock:
    submitted_at: dt.datetime | None
    first_answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    response_days: int | None  # submitted → first answered, working days
    completion_days: int | None  # submitted → closed, working days
    waiting_days: int | None  # while waiting for staff: since the question (or follow-up) to today


def consultation_clock(
    consultation: Consultation, logs: list[TransitionLog] | None = None
) -> ConsultationClock:
    """The service clock from the transition log (the same rows the timeliness indicator reads)."""
    if logs is None:
        logs = list(history(consultation))
    submitted = next((log.created_at for log in logs if log.action == "create"), consultation.created_at)
    answered = next((log.created_at for log in logs if log.to_state == Consultation.State.ANSWERED), None)
    closed = None
    if consultation.state == Consultation.State.CLOSED:
        closed = next(
            (log.created_at for log in reversed(logs) if log.to_state == Consultation.State.CLOSED), None
        )
    start = workdays.local_date(submitted) if submitted else None

    def span(end):
        if start is None or end is None:
            return None
        return workdays.working_days_between(start, workdays.local_date(end))

    waiting = WaitingClock().days_since(consultation.waiting_since) if consultation.is_waiting else None
    return ConsultationClock(
        submitted_at=submitted,
        first_answered_at=answered,
        closed_at=closed,
        response_days=span(answered),
        completion_days=span(closed),
        waiting_days=waiting,
    )


def consultation_waiting_summary(*, limit: int = 5) -> dict:
    """For the staff dashboard: how many wait, and the longest-waiting ones (in working days)."""
    waiting = Consultation.objects.filter(state__in=Consultation.WAITING_STATES)
    clock = WaitingClock()
    top = list(waiting.select_related("asker", "assignee").order_by("waiting_since", "id")[:limit])
    for c in top:
        c.waiting_days = clock.days_since(c.waiting_since)
    return {
        "count": waiting.count() if len(top) == limit else len(top),
        "oldest_days": top[0].waiting_days if top else None,
        "top": top,
    }


def feedback_visible_to(user) -> QuerySet[Feedback]:
    qs = Feedback.objects.select_related("author", "handled_by")
    if is_staff_member(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(author=user)


def feedback_queue(*, state: str = "open", category: str = "", q: str = "") -> QuerySet[Feedback]:
    qs = Feedback.objects.select_related("author", "author__organization", "handled_by")
    if state == "open" or not state:
        qs = qs.exclude(state=Feedback.State.RESOLVED)
    elif state in Feedback.State.values:
        qs = qs.filter(state=state)
    if category in Feedback.Category.values:
        qs = qs.filter(category=category)
    if q:
        qs = qs.filter(Q(target__icontains=q) | Q(body__icontains=q))
    return qs.order_by("-created_at", "-id")
