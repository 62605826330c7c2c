from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ..models import CodeSequence


@transaction.atomic
def code_next(prefix: str) -> str:
    """The next retrievable number ``<prefix>-<year>-<nnnn>`` (the counter row is locked)."""
    year = timezone.localdate().year
    sequence, _ = CodeSequence.objects.select_for_update().get_or_create(prefix=prefix, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{prefix}-{year}-{sequence.last:04d}"
