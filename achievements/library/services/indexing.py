"""The search documents: built from the PUBLIC sections of an achievement only, refreshed on every change
of a library entry (publication, refresh, unpublication, retirement) and by ``library_reindex``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from achievements.models import Achievement, Confidentiality, IpStatusEntry

from ..models import IpStatus, SearchDocument
from ..text import build_document, keywords_of

GENERATION_KEY = "library:generation"

# Everything the document needs, in a handful of queries for any number of achievements.
DOCUMENT_RELATED = ("organization", "technical_field", "achievement_type")
DOCUMENT_PREFETCH = (
    "scenarios",
    "cooperation_modes",
    "application_cases",
    "technical_parameters",
    "team_members",
    Prefetch("ip_entries", queryset=IpStatusEntry.objects.order_by("order", "id")),
)


def generation() -> int:
    """A number that changes whenever the library changes (part of every facet cache key)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = int(timezone.now().timestamp() * 1000)
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return int(value)


def bump_generation() -> None:
    """Invalidate every cached facet count and recommendation: now (this transaction's own reads) and again
    after commit (a reader that cached the old data in between is invalidated too)."""

    def bump() -> None:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, int(timezone.now().timestamp() * 1000), None)

    bump()
    transaction.on_commit(bump)


def _public(achievement: Achievement, section: str) -> bool:
    return achievement.level_of(section) == Confidentiality.PUBLIC


def ip_status_of(achievement: Achievement, entries: Iterable[IpStatusEntry]) -> str:
    """The facet value: confidential IP sections are never summarised."""
    if achievement.level_of("ip_status") == Confidentiality.GRANTED:
        return IpStatus.UNDISCLOSED
    entries = list(entries)
    if any(e.status == IpStatusEntry.Status.GRANTED for e in entries):
        return IpStatus.GRANTED
    if entries:
        return IpStatus.APPLIED
    return IpStatus.NONE


@dataclass
class Related:
    """What a document needs besides the record's own columns (prefetched rows, or rows just written)."""

    technical_field: Any = None
    achievement_type: Any = None
    organization: Any = None
    scenarios: list = field(default_factory=list)
    modes: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    parameters: list = field(default_factory=list)
    ip_entries: list = field(default_factory=list)
    team: list = field(default_factory=list)

    @classmethod
    def of(cls, a: Achievement) -> Related:
        """From an achievement loaded with ``DOCUMENT_RELATED`` and ``DOCUMENT_PREFETCH``."""
        return cls(
            technical_field=a.technical_field if a.technical_field_id else None,
            achievement_type=a.achievement_type if a.achievement_type_id else None,
            organization=a.organization if a.organization_id else None,
            scenarios=list(a.scenarios.all()),
            modes=list(a.cooperation_modes.all()),
            cases=list(a.application_cases.all()),
            parameters=list(a.technical_parameters.all()),
            ip_entries=list(a.ip_entries.all()),
            team=list(a.team_members.all()),
        )


def public_sections(achievement: Achievement, related: Related | None = None) -> list[tuple[str, str]]:
    """(text, weight) of everything public on the record, title first."""
    a = achievement
    r = related or Related.of(a)
    sections: list[tuple[str, str]] = [(a.name, "A"), (a.summary, "B"), (a.tags.replace(",", " "), "B")]
    labels = [
        r.technical_field.name if r.technical_field else "",
        r.achievement_type.name if r.achievement_type else "",
        " ".join(s.name for s in r.scenarios),
        " ".join(m.name for m in r.modes),
        r.organization.name if r.organization else "",
    ]
    sections.append((" ".join(x for x in labels if x), "C"))
    for key in ("background", "innovation_points", "contributions", "cooperation_note", "technical_details"):
        if _public(a, key):
            sections.append((getattr(a, key) or "", "D"))
    if _public(a, "application_cases"):
        for case in r.cases:
            sections.append(
                (" ".join([case.title, case.site, case.description or "", case.outcome or ""]), "D")
            )
    if _public(a, "technical_parameters"):
        for p in r.parameters:
            sections.append((f"{p.name} {p.value} {p.unit}", "D"))
    if _public(a, "ip_status"):
        for entry in r.ip_entries:
            sections.append((entry.title, "D"))
    if _public(a, "team"):
        for member in r.team:
            sections.append((f"{member.name} {member.organization_name}", "D"))
    return [(text, weight) for text, weight in sections if text and text.strip()]


def document_fields(achievement: Achievement, related: Related | None = None) -> dict[str, Any]:
    """The column values of the achievement's search document (public content only)."""
    a = achievement
    r = related or Related.of(a)
    sections = public_sections(a, r)
    doc = build_document(sections)
    org = r.organization
    return {
        "title": a.name[:200],
        "summary": (a.summary or "")[:500],
        "number": a.number,
        "technical_field_id": a.technical_field_id,
        "achievement_type_id": a.achievement_type_id,
        "maturity": a.maturity or "",
        "trl": a.trl,
        "organization_name": (org.name if org else "")[:200],
        "province": (org.province if org else "")[:50],
        "holder_kind": (org.kind if org else "")[:20],
        "ip_status": ip_status_of(a, r.ip_entries),
        "scenario_codes": (" " + " ".join(sorted(x.code for x in r.scenarios)) + " ")[:300],
        "mode_codes": (" " + " ".join(sorted(m.code for m in r.modes)) + " ")[:300],
        "tags": (a.tags or "")[:300],
        "keywords": " ".join(keywords_of(doc))[:300],
        "published_at": a.published_at or timezone.now(),
        "plain": "\n".join(text for text, _w in sections),
        "tokens": doc.tokens(),
        "vector": doc.tsvector() if connection.vendor == "postgresql" else None,
    }


def documents_write(pairs: list[tuple[Achievement, Related]], *, stale: set[int] | None = None) -> int:
    """Write the documents of achievements already in memory (bulk import): no re-reading, no decryption."""
    documents = []
    for achievement, related in pairs:
        fields = document_fields(achievement, related)
        fields["is_stale"] = achievement.pk in (stale or set())
        documents.append(SearchDocument(achievement_id=achievement.pk, **fields))
    update_fields = [f.name for f in SearchDocument._meta.concrete_fields if not f.primary_key]
    SearchDocument.objects.bulk_create(
        documents,
        batch_size=200,
        update_conflicts=True,
        unique_fields=["achievement"],
        update_fields=update_fields,
    )
    return len(documents)


def _with_related(queryset: QuerySet[Achievement]) -> QuerySet[Achievement]:
    return queryset.select_related(*DOCUMENT_RELATED).prefetch_related(*DOCUMENT_PREFETCH)


@transaction.atomic
def document_refresh(*, achievement_id: int) -> SearchDocument | None:
    """Write (or delete) the achievement's search document to match its current state and content."""
    achievement = _with_related(Achievement.objects.filter(pk=achievement_id)).first()
    if achievement is None or achievement.state not in Achievement.PUBLIC_STATES:
        SearchDocument.objects.filter(achievement_id=achievement_id).delete()
        bump_generation()
        return None
    from ..models import EntryFreshness

    fields = document_fields(achievement)
    fields["is_stale"] = EntryFreshness.objects.filter(
        achievement_id=achievement_id, state=EntryFreshness.State.STALE
    ).exists()
    document, _created = SearchDocument.objects.update_or_create(
        achievement_id=achievement_id, defaults=fields
    )
    bump_generation()
    return document


def documents_rebuild(
    *, achievement_ids: Iterable[int] | None = None, batch_size: int = 500, stdout=None
) -> int:
    """Rebuild the documents of every library entry (or the given ones) in batches; remove the others."""
    from ..models import EntryFreshness

    queryset = Achievement.objects.filter(state__in=Achievement.PUBLIC_STATES)
    if achievement_ids is not None:
        ids = list(achievement_ids)
        queryset = queryset.filter(pk__in=ids)
        SearchDocument.objects.filter(achievement_id__in=ids).exclude(
            achievement__state__in=Achievement.PUBLIC_STATES
        ).delete()
    else:
        SearchDocument.objects.exclude(achievement__state__in=Achievement.PUBLIC_STATES).delete()
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    stale = set(
        EntryFreshness.objects.filter(state=EntryFreshness.State.STALE).values_list(
            "achievement_id", flat=True
        )
    )
    done = 0
    for start in range(0, len(pks), batch_size):
        chunk = pks[start : start + batch_size]
        with transaction.atomic():
            documents = []
            for achievement in _with_related(Achievement.objects.filter(pk__in=chunk)):
                fields = document_fields(achievement)
                fields["is_stale"] = achievement.pk in stale
                documents.append(SearchDocument(achievement_id=achievement.pk, **fields))
            if not documents:
                continue
            update_fields = [f.name for f in SearchDocument._meta.concrete_fields if not f.primary_key]
            SearchDocument.objects.bulk_create(
                documents,
                batch_size=200,
                update_conflicts=True,
                unique_fields=["achievement"],
                update_fields=update_fields,
            )
        done += len(chunk)
        if stdout is not None:
            stdout.write(f"library: {done}/{len(pks)} indexed")
    bump_generation()
    return done
