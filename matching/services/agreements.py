"""Agreements: drafting from a template, optimistic-locked edits, the risk review, signing (archive,
docking project and achievement follow), the technology-contract registration and its reminder, PDFs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from achievements.models import Achievement
from platform_core import workdays
from platform_core.accounts.roles import is_staff_member
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import record_initial, transition

from .. import drafting, risk
from ..models import (
    Agreement,
    AgreementClause,
    AgreementTemplate,
    DockingProject,
    ImplementationProject,
    RiskFlag,
)
from .common import full_clean

SIGNED_COPY_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")


def reminder_workdays() -> int:
    return int(getattr(settings, "MATCHING_REGISTRATION_REMINDER_WORKDAYS", 20))


def _agreement(agreement_id: int, actor: Any, *, manage: bool = True, lock: bool = False) -> Agreement:
    qs = Agreement.objects.select_related("project", "project__achievement", "template")
    if lock:
        qs = qs.select_for_update(of=("self",))
    agreement = qs.filter(pk=agreement_id).first()
    if agreement is None or not actor.has_perm("matching.view_agreement", agreement):
        raise NotFoundError(_("Agreement not found."))
    if manage and not actor.has_perm("matching.manage_agreement", agreement):
        raise PermissionDeniedError(_("Only staff draft, review and sign agreements."))
    return agreement


def _party_a(project: DockingProject) -> str:
    achievement = project.achievement
    if achievement.organization_id:
        return achievement.organization.name
    return str(achievement.holder)


def _party_b(project: DockingProject) -> str:
    return project.enterprise_org.name if project.enterprise_org_id else str(project.enterprise)


def sync_risk_flags(agreement: Agreement, *, actor: Any = None) -> list[RiskFlag]:
    """Run the checklist: open new risk points, resolve the ones that are gone, reopen fixed ones that
    came back. Accepted (waived) points stay accepted while present."""
    clauses = dict(agreement.clauses.values_list("code", "body"))
    found = {
        c.code: c for c in risk.find_risks(agreement.contract_type, agreement.value, agreement.terms, clauses)
    }
    now = timezone.now()
    existing = {f.code: f for f in agreement.risk_flags.all()}
    for code, flag in existing.items():
        if code not in found and flag.status != RiskFlag.Status.RESOLVED:
            flag.status, flag.handled_at, flag.handled_by = RiskFlag.Status.RESOLVED, now, actor
            flag.save(update_fields=["status", "handled_at", "handled_by", "updated_at"])
        elif code in found and flag.status == RiskFlag.Status.RESOLVED:
            flag.status, flag.handled_at, flag.handled_by = RiskFlag.Status.OPEN, None, None
            flag.save(update_fields=["status", "handled_at", "handled_by", "updated_at"])
    RiskFlag.objects.bulk_create(
        [
            RiskFlag(agreement=agreement, code=code, severity=check.severity)
            for code, check in found.items()
            if code not in existing
        ]
    )
    return list(agreement.risk_flags.all())


@transaction.atomic
def agreement_draft(*, project_id: int, actor: Any, template_id: int, title: str = "") -> Agreement:
    """Generate a draft from a template and the project's agreed terms; the checklist runs at once."""
    project = (
        DockingProject.objects.select_for_update(of=("self",))
        .select_related(
            "achievement", "achievement__organization", "achievement__holder", "enterprise_org", "enterprise"
        )
        .filter(pk=project_id)
        .first()
    )
    if project is None or not actor.has_perm("matching.view_dockingproject", project):
        raise NotFoundError(_("Docking project not found."))
    if not actor.has_perm("matching.manage_agreement"):
        raise PermissionDeniedError(_("Only staff draft, review and sign agreements."))
    if project.state not in (DockingProject.State.NEGOTIATING, DockingProject.State.INTENT):
        raise ConflictError(
            _("Draft the agreement once the sides negotiate or have a cooperation intent."), code="too_early"
        )
    template = AgreementTemplate.objects.filter(pk=template_id, is_active=True).first()
    if template is None:
        raise ValidationFailed(_("Choose an agreement template."), code="bad_template")
    terms = project.agreed_terms
    if terms is None:
        raise ValidationFailed(_("Mark the terms both sides agreed first."), code="no_terms")
    if project.agreements.exclude(state=Agreement.State.CANCELLED).exists():
        raise ConflictError(
            _("This project already has an agreement; cancel it before drafting another."), code="duplicate"
        )
    snapshot = drafting.terms_snapshot(terms)
    agreement = Agreement(
        project=project,
        template=template,
        contract_type=template.contract_type,
        title=(title or f"{project.achievement.name}{template.name}")[:200],
        party_a=_party_a(project)[:200],
        party_b=_party_b(project)[:200],
        value=terms.price,
        terms=snapshot,
    )
    full_clean(agreement)
    agreement.save()
    values = drafting.placeholders(
        snapshot, party_a=agreement.party_a, party_b=agreement.party_b, achievement=project.achievement.name
    )
    AgreementClause.objects.bulk_create(
        [
            AgreementClause(agreement=agreement, code=code, title=clause_title, body=body, order=order)
            for code, clause_title, body, order in drafting.draft_clauses(
                template.clauses.all(), snapshot, values
            )
        ]
    )
    record_initial(agreement, actor=actor)
    sync_risk_flags(agreement, actor=actor)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement_id: int,
    actor: Any,
    version: int,
    clauses: dict[str, str] | None = None,
    **fields: Any,
) -> Agreement:
    """Save the draft. Optimistic locking: ``version`` must be the one the editor loaded (else 409)."""
    agreement = _agreement(agreement_id, actor, lock=True)
    if agreement.state != Agreement.State.DRAFT:
        raise ConflictError(
            _("Only a draft can be edited; return it for revision first."), code="not_editable"
        )
    if int(version) != agreement.version:
        raise ConflictError(
            _(
                "Someone saved this draft in the meantime (version %(v)s). Reload it and apply your changes again."
            )
            % {"v": agreement.version},
            code="stale_version",
            extra={"version": agreement.version},
        )
    for key in ("title", "party_a", "party_b", "value"):
        if key in fields:
            setattr(agreement, key, fields[key])
    agreement.version += 1
    full_clean(agreement)
    agreement.save()
    if clauses:
        by_code = {c.code: c for c in agreement.clauses.all()}
        changed = []
        for code, body in clauses.items():
            clause = by_code.get(code)
            if clause is None:
                raise ValidationFailed(_("Unknown clause: %(c)s") % {"c": code}, code="bad_clause")
            clause.body = (body or "").strip()
            changed.append(clause)
        AgreementClause.objects.bulk_update(changed, ["body"])
    sync_risk_flags(agreement, actor=actor)
    return agreement


@transaction.atomic
def risk_waive(*, flag_id: int, actor: Any, reason: str) -> RiskFlag:
    """Staff accept a risk point knowingly (the reason is recorded)."""
    flag = RiskFlag.objects.select_for_update().select_related("agreement").filter(pk=flag_id).first()
    if flag is None:
        raise NotFoundError(_("Risk point not found."))
    _agreement(flag.agreement_id, actor)
    if not (reason or "").strip():
        raise ValidationFailed(_("Give the reason for accepting this risk."), code="reason_required")
    if flag.agreement.state not in (Agreement.State.DRAFT, Agreement.State.IN_REVIEW):
        raise ConflictError(_("The review of this agreement is closed."), code="not_in_review")
    if flag.status != RiskFlag.Status.OPEN:
        raise ConflictError(_("This risk point is not open."), code="not_open")
    flag.status, flag.waiver_reason, flag.handled_by, flag.handled_at = (
        RiskFlag.Status.WAIVED,
        reason.strip(),
        actor,
        timezone.now(),
    )
    flag.save()
    return flag


def agreement_transition(*, agreement_id: int, actor: Any, action: str, reason: str = "") -> Agreement:
    """submit_review (runs the checklist), approve (staff sign-off), return_for_revision, cancel."""
    if action == "sign":
        raise ValidationFailed(_("Record the signing with the signed copy and date."), code="use_sign")
    with transaction.atomic():
        agreement = _agreement(agreement_id, actor)
        if action == "submit_review":
            sync_risk_flags(agreement, actor=actor)

        def apply(obj: Agreement) -> None:
            if action == "submit_review":
                obj.reviewed_at, obj.reviewed_by = timezone.now(), actor
            if action == "approve":
                obj.reviewed_at, obj.reviewed_by = timezone.now(), actor

        return transition(Agreement, agreement.pk, action=action, actor=actor, reason=reason, apply=apply)


@transaction.atomic
def agreement_sign(
    *, agreement_id: int, actor: Any, signed_on: dt.date, value: Any = None, signed_copy: Any = None
) -> Agreement:
    """Record the signing: the signed copy (archived with a retrieval code), date and value. The docking
    project and the achievement move to 'agreement signed'; an implementation project opens."""
    from platform_core.archive.services import archive_document
    from platform_core.attachments.selectors import attachments_for
    from platform_core.attachments.services import attachment_create

    agreement = _agreement(agreement_id, actor, lock=True)
    if agreement.state != Agreement.State.APPROVED:
        raise ConflictError(
            _("The review must be signed off before the agreement is signed."), code="not_approved"
        )
    if signed_on is None:
        raise ValidationFailed(_("Enter the signing date."), code="signed_on_required")
    if signed_on > timezone.localdate():
        raise ValidationFailed(_("The signing date cannot be in the future."), code="future_date")
    if signed_copy is not None:
        attachment_create(
            owner=agreement,
            uploaded_file=signed_copy,
            uploaded_by=actor,
            kind="signed_copy",
            allowed_extensions=SIGNED_COPY_EXTENSIONS,
        )
    agreement.signed_on = signed_on
    if value is not None:
        agreement.value = value
    full_clean(agreement)
    agreement.save(update_fields=["signed_on", "value", "updated_at"])
    agreement = transition(Agreement, agreement.pk, action="sign", actor=actor)
    copy = attachments_for(agreement, kind="signed_copy").order_by("-created_at").first()
    entry = archive_document(
        subject=agreement, doc_type="agreement", title=_("Signed agreement: %(t)s") % {"t": agreement.title},
        archived_by=actor, attachment=copy,
    )  # fmt: skip
    Agreement.objects.filter(pk=agreement.pk).update(archive_code=entry.code)
    agreement.archive_code = entry.code
    project = agreement.project

    def stamp(obj: DockingProject) -> None:
        obj.signed_at = timezone.now()

    transition(DockingProject, project.pk, action="sign_agreement", actor=actor, apply=stamp)
    state = Achievement.objects.filter(pk=project.achievement_id).values_list("state", flat=True).first()
    if state in (Achievement.State.PUBLISHED, Achievement.State.IN_DOCKING):
        transition(Achievement, project.achievement_id, action="sign_agreement", actor=actor)
    implementation = ImplementationProject(
        agreement=agreement,
        project=project,
        achievement_id=project.achievement_id,
        title=_("Implementation of %(t)s") % {"t": agreement.title},
        manager=project.assigned_to or (actor if is_staff_member(actor) else None),
        started_on=signed_on,
    )
    full_clean(implementation)
    implementation.save()
    record_initial(implementation, actor=actor)
    return agreement


REGISTRATION_FIELDS = (
    "registration_body",
    "registration_number",
    "registered_on",
    "tax_incentive",
    "tax_incentive_amount",
)


@transaction.atomic
def agreement_registration_update(*, agreement_id: int, actor: Any, **fields: Any) -> Agreement:
    """Record the technology-contract registration (技术合同认定登记)."""
    agreement = _agreement(agreement_id, actor, lock=True)
    if agreement.state != Agreement.State.SIGNED:
        raise ConflictError(_("Only a signed contract is registered."), code="not_signed")
    for key in REGISTRATION_FIELDS:
        if key in fields:
            value = fields[key]
            if value is None and key in ("registration_body", "registration_number", "tax_incentive"):
                value = ""
            setattr(agreement, key, value)
    if agreement.registered_on and agreement.signed_on and agreement.registered_on < agreement.signed_on:
        raise ValidationFailed(_("The registration date cannot be before the signing date."), code="bad_date")
    if bool(agreement.registration_number) != bool(agreement.registered_on):
        raise ValidationFailed(_("Enter both the registration number and its date."), code="incomplete")
    full_clean(agreement)
    agreement.save()
    return agreement


def registration_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind staff and the parties of signed contracts still unregistered after N working days.
    Idempotent: each contract is reminded once (``registration_reminded_at``)."""
    from platform_core.notifications.services import notification_send

    from ..workflow import _staff

    today = today or timezone.localdate()
    limit = reminder_workdays()
    sent = 0
    candidates = Agreement.objects.filter(
        state=Agreement.State.SIGNED,
        registration_reminded_at__isnull=True,
        signed_on__isnull=False,
        registered_on__isnull=True,
    ).select_related("project", "project__assigned_to", "project__enterprise")
    for agreement in candidates:
        if workdays.working_days_between(agreement.signed_on, today) < limit:
            continue
        with transaction.atomic():
            claimed = Agreement.objects.filter(pk=agreement.pk, registration_reminded_at__isnull=True).update(
                registration_reminded_at=timezone.now()
            )
            if not claimed:
                continue
            title = _("Technology contract not yet registered: %(t)s") % {"t": agreement.title}
            body = _(
                "Signed on %(d)s, %(n)d working days ago. Register it with the technology-contract registration "
                "body to claim the tax incentives, then record the registration number."
            ) % {
                "d": agreement.signed_on.isoformat(),
                "n": workdays.working_days_between(agreement.signed_on, today),
            }
            recipients = (
                {agreement.project.assigned_to} if agreement.project.assigned_to_id else set(_staff())
            )
            recipients.add(agreement.project.enterprise)
            for user in recipients:
                notification_send(recipient=user, title=title, body=body, target=agreement)
            sent += 1
    return sent


def agreement_pdf_request(*, agreement_id: int, actor: Any, now: bool = False) -> Any:
    """Queue (or, with ``now``, render) the agreement PDF."""
    from platform_core.reports import services as reports

    agreement = _agreement(agreement_id, actor, manage=False)
    kwargs = {
        "subject": agreement,
        "kind": "agreement",
        "title": f"{agreement.title}（{agreement.get_state_display()}）",
        "template_name": "reports/matching/agreement.html",
        "context_builder": "matching.reports.agreement_context",
        "requested_by": actor,
    }
    return reports.report_render_now(**kwargs) if now else reports.report_request(**kwargs)


@transaction.atomic
def template_clause_update(*, clause_id: int, actor: Any, body: str, title: str = "") -> Any:
    """Staff edit a template clause (drafts made later use the new text; existing drafts keep theirs)."""
    from ..models import TemplateClause

    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only staff edit agreement templates."))
    clause = TemplateClause.objects.select_for_update().filter(pk=clause_id).first()
    if clause is None:
        raise NotFoundError(_("Clause not found."))
    clause.body = body.strip()
    if title:
        clause.title = title.strip()[:100]
    full_clean(clause)
    clause.save()
    return clause
