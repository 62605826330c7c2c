from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from .models import ArchiveEntry

SORTS = {
    "code": "code",
    "-code": "-code",
    "archived_at": "archived_at",
    "-archived_at": "-archived_at",
    "retain_until": "retain_until",
    "-retain_until": "-retain_until",
    "title": "title",
    "-title": "-title",
    "type": "doc_type__order",
    "-type": "-doc_type__order",
}


@dataclass(frozen=True)
class ArchiveFilters:
    q: str = ""
    code: str = ""
    doc_type: str = ""
    subject: str = ""
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "-archived_at"


def archive_search(filters: ArchiveFilters) -> QuerySet[ArchiveEntry]:
    """Search the register: free text over code, title and subject; exact filters; date range."""
    qs = ArchiveEntry.objects.select_related("doc_type", "archived_by")
    if filters.q:
        term = filters.q.strip()
        qs = qs.filter(Q(code__icontains=term) | Q(title__icontains=term) | Q(subject_label__icontains=term))
    if filters.code:
        qs = qs.filter(code__icontains=filters.code.strip())
    if filters.subject:
        qs = qs.filter(subject_label__icontains=filters.subject.strip())
    if filters.doc_type:
        qs = qs.filter(doc_type_id=filters.doc_type)
    if filters.date_from:
        qs = qs.filter(archived_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(archived_at__date__lte=filters.date_to)
    return qs.order_by(SORTS.get(filters.sort, "-archived_at"), "-id")


def archive_entries_for(subject: models.Model) -> QuerySet[ArchiveEntry]:
    """The archived documents about one record (for a record's detail page)."""
    return ArchiveEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("doc_type")
