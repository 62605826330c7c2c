"""A library entry as one reader may see it (000 §5.2.1.2.8), similar entries, side-by-side comparison."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case, FloatField, QuerySet, Subquery, Value, When
from django.http import Http404

from achievements.models import CONFIDENTIAL_SECTIONS, Achievement, Confidentiality
from platform_core.accounts.roles import Role, has_role, is_staff_member

from ..models import AccessRequest, Favourite, SearchDocument
from ..services.access import confidential_sections, granted_sections
from ..text import parse_query
from .expressions import vector_matches, vector_rank

DETAIL_RELATED = ("holder", "organization", "achievement_type", "technical_field", "publication")


def library_entry(pk: int) -> Achievement:
    """An achievement in the library (published and later), else 404 — for everyone, staff included
    (staff see other states on the achievement's own page)."""
    achievement = (
        Achievement.objects.select_related(*DETAIL_RELATED)
        .filter(pk=pk, state__in=Achievement.PUBLIC_STATES)
        .first()
    )
    if achievement is None:
        raise Http404
    return achievement


@dataclass
class SectionView:
    key: str
    label: Any
    level: str
    visible: bool
    granted_by_request: bool = False


@dataclass
class EntryView:
    achievement: Achievement
    sections: dict[str, SectionView]
    visible: set[str]
    confidential: list[str]
    reader_level: str  # "public", "registered" or "granted" (the highest level this reader holds)
    can_request: bool
    open_request: AccessRequest | None
    is_favourite: bool
    scenarios: list
    cooperation_modes: list
    parameters: list
    cases: list
    ip_entries: list
    team: list

    def shows(self, key: str) -> bool:
        return key in self.visible

    @property
    def hidden(self) -> list[SectionView]:
        return [s for s in self.sections.values() if not s.visible]


def entry_view(achievement: Achievement, user: Any, *, content: bool = True) -> EntryView:
    """Everything the detail page and the API may show this user — and nothing more. With ``content=False``
    the section lists (scenarios, parameters, cases, IP, team) are left empty for ``entry_content`` to fill
    when they are needed (the detail page's body may come from ``pagecache.reader_detail_body``)."""
    from achievements.selectors import visible_fields

    requests: list[AccessRequest] = []
    if getattr(user, "is_authenticated", False):
        # every check below reads the user's requests on this entry from this one query
        requests = list(
            AccessRequest.objects.filter(requester_id=user.pk, achievement_id=achievement.pk).order_by(
                "-created_at"
            )
        )
    achievement._library_access_requests = (getattr(user, "pk", None), requests)
    try:
        visible = set(visible_fields(achievement, user))
        by_request = granted_sections(user, achievement) - visible
    finally:
        del achievement._library_access_requests
    visible |= by_request
    if is_staff_member(user) or achievement.holder_id == getattr(user, "pk", None):
        reader_level = Confidentiality.GRANTED
    elif has_role(user, Role.ENTERPRISE, Role.INVESTOR):
        reader_level = Confidentiality.REGISTERED
    else:
        reader_level = Confidentiality.PUBLIC
    sections = {
        key: SectionView(
            key=key,
            label=label,
            level=achievement.level_of(key),
            visible=key in visible,
            granted_by_request=key in by_request,
        )
        for key, (_default, label) in CONFIDENTIAL_SECTIONS.items()
    }
    open_request = None
    is_favourite = False
    if getattr(user, "is_authenticated", False):
        open_request = next((r for r in requests if r.state in AccessRequest.OPEN_STATES), None)
        is_favourite = Favourite.objects.filter(user_id=user.pk, achievement_id=achievement.pk).exists()
    confidential = confidential_sections(achievement)
    can_request = (
        bool(confidential)
        and open_request is None
        and bool(set(confidential) - visible)
        and user.has_perm("library.request_access", achievement)
    )
    view = EntryView(
        achievement=achievement,
        sections=sections,
        visible=visible,
        confidential=confidential,
        reader_level=reader_level,
        can_request=can_request,
        open_request=open_request,
        is_favourite=is_favourite,
        scenarios=[],
        cooperation_modes=[],
        parameters=[],
        cases=[],
        ip_entries=[],
        team=[],
    )
    return entry_content(view) if content else view


def entry_content(view: EntryView) -> EntryView:
    """The section lists of an entry, those the reader may see."""
    achievement, visible = view.achievement, view.visible
    view.scenarios = list(achievement.scenarios.all())
    view.cooperation_modes = list(achievement.cooperation_modes.all())
    view.parameters = (
        list(achievement.technical_parameters.all()) if "technical_parameters" in visible else []
    )
    view.cases = list(achievement.application_cases.all()) if "application_cases" in visible else []
    view.ip_entries = list(achievement.ip_entries.all()) if "ip_status" in visible else []
    view.team = list(achievement.team_members.all()) if "team" in visible else []
    return view


def view_state(view: EntryView) -> tuple:
    """What of the reader decides the detail page's body, besides the entry itself: the sections they see
    (and which by a granted request), their level, and their access request."""
    request = view.open_request
    return (
        view.reader_level,
        tuple(sorted(view.visible)),
        tuple(sorted(s.key for s in view.sections.values() if s.granted_by_request)),
        view.can_request,
        (request.pk, request.state) if request is not None else None,
    )


def entry_data(view: EntryView) -> dict[str, Any]:
    """The entry as plain data (API and comparison): a section the reader may not see is absent."""
    a = view.achievement
    data: dict[str, Any] = {
        "id": a.pk,
        "number": a.number,
        "name": a.name,
        "summary": a.summary,
        "state": a.state,
        "achievement_type": a.achievement_type.name if a.achievement_type_id else "",
        "technical_field": a.technical_field.name if a.technical_field_id else "",
        "maturity": a.maturity,
        "maturity_label": a.get_maturity_display() if a.maturity else "",
        "trl": a.trl,
        "tags": a.tag_list,
        "organization": a.organization.name if a.organization_id else "",
        "province": a.organization.province if a.organization_id else "",
        "scenarios": [s.name for s in view.scenarios],
        "cooperation_modes": [m.name for m in view.cooperation_modes],
        "published_at": a.published_at,
        "sections": {
            key: {"label": str(s.label), "level": s.level, "visible": s.visible}
            for key, s in view.sections.items()
        },
    }
    if view.shows("background"):
        data["background"] = a.background
    if view.shows("innovation_points"):
        data["innovation_points"] = a.innovation_points
    if view.shows("contributions"):
        data["contributions"] = a.contributions
    if view.shows("cooperation_note"):
        data["cooperation_note"] = a.cooperation_note
    if view.shows("technical_details"):
        data["technical_details"] = a.technical_details
    if view.shows("price_expectation"):
        data["price_expectation"] = str(a.price_expectation) if a.price_expectation is not None else None
    if view.shows("contact"):
        data["contact"] = {"name": a.contact_name, "phone": a.contact_phone, "email": a.contact_email}
    if view.shows("technical_parameters"):
        data["technical_parameters"] = [
            {"name": p.name, "value": p.value, "unit": p.unit, "method": p.method} for p in view.parameters
        ]
    if view.shows("application_cases"):
        data["application_cases"] = [
            {
                "title": c.title,
                "site": c.site,
                "period": c.period,
                "description": c.description,
                "outcome": c.outcome,
            }
            for c in view.cases
        ]
    if view.shows("ip_status"):
        data["ip_status"] = [
            {
                "ip_type": e.get_ip_type_display(),
                "title": e.title,
                "number": e.number,
                "status": e.get_status_display(),
                "expires_on": e.expires_on,
            }
            for e in view.ip_entries
        ]
    if view.shows("team"):
        data["team"] = [
            {
                "name": m.name,
                "role": m.get_role_display(),
                "title": m.title,
                "organization": m.organization_name,
            }
            for m in view.team
        ]
    return data


def similar_entries(achievement_id: int, *, limit: int = 5) -> list[dict[str, Any]]:
    """Entries sharing the document's keywords (same technical field first)."""
    doc = (
        SearchDocument.objects.filter(pk=achievement_id)
        .values("achievement_id", "keywords", "technical_field_id")
        .first()
    )
    if doc is None:
        return []
    columns = (
        "achievement_id",
        "title",
        "summary",
        "maturity",
        "trl",
        "organization_name",
        "technical_field__name",
    )
    others: QuerySet = SearchDocument.objects.exclude(pk=achievement_id)
    query = parse_query(doc["keywords"])
    if connection.vendor == "postgresql" and query:
        tsquery = query.any_tsquery()
        candidates = (
            others.filter(vector_matches(tsquery)).order_by("-published_at").values("achievement_id")[:200]
        )
        score = vector_rank(tsquery) + Case(
            When(technical_field_id=doc["technical_field_id"], then=Value(0.5)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        rows = (
            SearchDocument.objects.filter(pk__in=Subquery(candidates))
            .annotate(score=score)
            .order_by("-score", "-published_at")
            .values(*columns)[:limit]
        )
        found = list(rows)
        if len(found) >= limit:
            return found
        exclude = {r["achievement_id"] for r in found}
    else:
        found, exclude = [], set()
    more = (
        others.filter(technical_field_id=doc["technical_field_id"])
        .exclude(pk__in=exclude)
        .order_by("-published_at")
        .values(*columns)[: limit - len(found)]
    )
    return found + list(more)


MAX_COMPARE = 3


def compare_views(ids: list[int], user: Any) -> list[EntryView]:
    """Up to three library entries, each as this reader may see it (in the order given)."""
    ids = list(dict.fromkeys(ids))[:MAX_COMPARE]
    achievements = {
        a.pk: a
        for a in Achievement.objects.select_related(*DETAIL_RELATED).filter(
            pk__in=ids, state__in=Achievement.PUBLIC_STATES
        )
    }
    return [entry_view(achievements[i], user) for i in ids if i in achievements]
