"""Conformity audits: sample closed service cases, check each against its checklist, record findings."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.errors import ValidationFailed
from platform_core.workflow.engine import record_initial, transition

from ..checklists import checklist_for
from ..models import AuditItem, ConformityAudit, ImprovementAction, ServiceCase
from ..service_types import BY_CODE
from .codes import code_next

SAMPLE_POOL = 5000  # the random sample is drawn from at most this many completed records


@transaction.atomic
def audit_create(
    *,
    actor: Any,
    title: str,
    service_type: str,
    sample_from: dt.date,
    sample_to: dt.date,
    sample_size: int,
    auditor: Any,
    auditor_kind: str = ConformityAudit.AuditorKind.INTERNAL,
    external_auditor: str = "",
) -> ConformityAudit:
    if service_type not in BY_CODE:
        raise ValidationFailed(_("Unknown service."), code="bad_service")
    if sample_to < sample_from:
        raise ValidationFailed(_("The sampling period ends before it starts."), code="bad_period")
    audit = ConformityAudit(
        code=code_next("SH"),
        title=title.strip(),
        service_type=service_type,
        sample_from=sample_from,
        sample_to=sample_to,
        sample_size=sample_size,
        auditor=auditor,
        auditor_kind=auditor_kind,
        external_auditor=external_auditor.strip(),
    )
    audit.full_clean()
    audit.save()
    record_initial(audit, actor=actor)
    return audit


@transaction.atomic
def audit_sample(*, audit_id: int, actor: Any) -> list[AuditItem]:
    """Draw a random sample of the service's records completed in the sampling period (adds up to the
    sample size; records already sampled are kept)."""
    audit = ConformityAudit.objects.select_for_update().get(pk=audit_id)
    if audit.state == ConformityAudit.State.COMPLETED:
        raise ValidationFailed(_("The audit is completed: reopen it to change the sample."), code="completed")
    start = timezone.make_aware(dt.datetime.combine(audit.sample_from, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(audit.sample_to + dt.timedelta(days=1), dt.time.min))
    taken = set(audit.items.values_list("content_type_id", "object_id"))
    wanted = audit.sample_size - len(taken)
    if wanted <= 0:
        return []
    candidates = set(
        ServiceCase.objects.filter(
            service_type=audit.service_type, completed_at__gte=start, completed_at__lt=end
        )
        .values_list("content_type_id", "object_id")
        .order_by()
        .distinct()[:SAMPLE_POOL]
    )
    pool = sorted(candidates - taken)
    picked = random.sample(pool, min(wanted, len(pool)))
    if not picked and not taken:
        raise ValidationFailed(
            _("No %(service)s was completed in the sampling period.")
            % {"service": BY_CODE[audit.service_type].label},
            code="nothing_to_sample",
        )
    model = BY_CODE[audit.service_type].model_class()
    records = model._default_manager.in_bulk([oid for _ct, oid in picked]) if model else {}
    items = [
        AuditItem(
            audit=audit,
            service_type=audit.service_type,
            content_type_id=ct,
            object_id=oid,
            record_label=(
                str(records[oid])[:300] if oid in records else f"{BY_CODE[audit.service_type].label} #{oid}"
            ),
        )
        for ct, oid in picked
    ]
    return AuditItem.objects.bulk_create(items)


@transaction.atomic
def audit_item_check(*, item_id: int, actor: Any, answers: dict[str, bool], finding: str = "") -> AuditItem:
    """Record the checklist answers; the record conforms when every item passes, otherwise a finding is required."""
    item = AuditItem.objects.select_for_update().select_related("audit").get(pk=item_id)
    if item.audit.state != ConformityAudit.State.IN_PROGRESS:
        raise ValidationFailed(_("Start the audit before checking records."), code="not_in_progress")
    codes = [code for code, _text in checklist_for(item.service_type)]
    missing = [code for code in codes if code not in answers]
    if missing:
        raise ValidationFailed(_("Answer every checklist item."), code="incomplete_checklist")
    conforming = all(bool(answers[code]) for code in codes)
    if not conforming and not finding.strip():
        raise ValidationFailed(
            _("Describe the finding for a record that does not conform."), code="no_finding"
        )
    item.checklist = {code: bool(answers[code]) for code in codes}
    item.conforming = conforming
    item.finding = finding.strip()
    item.checked_by = actor
    item.checked_at = timezone.now()
    item.full_clean()
    item.save()
    return item


def audit_act(
    *, audit_id: int, action: str, actor: Any, reason: str = "", summary: str | None = None
) -> ConformityAudit:
    def apply(a: ConformityAudit) -> None:
        if summary is not None:
            a.summary = summary.strip()
        if action == "complete":
            a.completed_at = timezone.now()
        if action == "reopen":
            a.completed_at = None

    return transition(ConformityAudit, audit_id, action=action, actor=actor, reason=reason, apply=apply)


def audit_item_open_action(
    *, item_id: int, actor: Any, title: str, measures: str, owner: Any, deadline_days: int
) -> ImprovementAction:
    from .improvements import action_create

    item = AuditItem.objects.select_related("audit").get(pk=item_id)
    if item.conforming is not False:
        raise ValidationFailed(
            _("Only a non-conforming record opens an improvement action."), code="conforming"
        )
    return action_create(
        actor=actor,
        title=title,
        source=ImprovementAction.Source.AUDIT,
        problem=f"{item.audit.code} · {item.record_label}：{item.finding}",
        measures=measures,
        owner=owner,
        deadline_days=deadline_days,
        audit_item=item,
        source_reference=item.audit.code,
    )
