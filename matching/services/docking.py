"""Docking projects: opening (inquiry, match, event session, challenge, staff), moves, negotiation, terms,
valuation and documents."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from achievements.models import Achievement
from platform_core.accounts.roles import is_staff_member
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import record_initial, transition

from .. import valuation
from ..models import DockingProject, MatchSuggestion, NegotiationRecord, ProposedTerms, ValuationWorksheet
from .common import full_clean, locked, set_fields

DOCUMENT_KINDS = {
    "feasibility": "技术可行性分析报告",
    "market_data": "市场需求调研数据",
    "minutes": "洽谈纪要",
    "other": "其他文件",
}
TERMS_FIELDS = (
    "proposed_by", "cooperation_mode", "technical_scope", "exclusive", "territory", "field_of_use", "term_years",
    "payment_method", "price", "royalty_rate", "equity_share", "payment_schedule", "acceptance_criteria",
    "ip_warranty", "confidentiality", "dispute_resolution", "note",
)  # fmt: skip
VALUATION_FIELDS = (
    "rd_cost", "replacement_factor", "obsolescence_rate", "comparable_prices", "market_adjustment", "annual_revenue",
    "share_rate", "discount_rate", "risk_factor", "note",
)  # fmt: skip


def start_docking_if_published(*, achievement_id: int, actor: Any) -> None:
    """A docking project taken up by staff moves a published achievement to 'in docking'."""
    state = Achievement.objects.filter(pk=achievement_id).values_list("state", flat=True).first()
    if state == Achievement.State.PUBLISHED and is_staff_member(actor):
        transition(Achievement, achievement_id, action="start_docking", actor=actor)


def _project(
    project_id: int, actor: Any, perm: str = "matching.view_dockingproject", *, lock: bool = False
) -> DockingProject:
    qs = DockingProject.objects.select_related("achievement", "enterprise", "demand")
    if lock:
        qs = qs.select_for_update(of=("self",))
    project = qs.filter(pk=project_id).first()
    if project is None or not actor.has_perm("matching.view_dockingproject", project):
        raise NotFoundError(_("Docking project not found."))
    if perm != "matching.view_dockingproject" and not actor.has_perm(perm, project):
        raise PermissionDeniedError(_("You are not allowed to do this."))
    return project


@transaction.atomic
def project_open(
    *,
    achievement_id: int,
    enterprise: Any,
    actor: Any,
    source: str,
    demand_id: int | None = None,
    suggestion_id: int | None = None,
    session_id: int | None = None,
    application_id: int | None = None,
    message: str = "",
) -> DockingProject:
    achievement = Achievement.objects.select_related("holder").filter(pk=achievement_id).first()
    if achievement is None or not enterprise.has_perm("achievements.view_achievement", achievement):
        raise NotFoundError(_("Achievement not found."))
    if source in ("inquiry", "match") and achievement.state not in Achievement.PUBLIC_STATES:
        raise ConflictError(_("Only achievements in the library can be inquired about."), code="not_public")
    if achievement.state in (Achievement.State.RETIRED, Achievement.State.WITHDRAWN):
        raise ConflictError(_("This achievement is no longer in the library."), code="not_public")
    existing = DockingProject.objects.filter(
        achievement_id=achievement_id, enterprise=enterprise, state__in=DockingProject.OPEN_STATES
    ).first()
    if existing is not None:
        raise ConflictError(
            _("A docking project on this achievement is already open (%(n)s); continue there.")
            % {"n": existing.number},
            code="duplicate",
            extra={"project": existing.pk},
        )
    org = getattr(enterprise, "organization", None)
    project = DockingProject(
        title=f"{org.name if org else enterprise} × {achievement.name}"[:200],
        achievement=achievement,
        demand_id=demand_id,
        enterprise=enterprise,
        enterprise_org=org,
        source=source,
        suggestion_id=suggestion_id,
        session_id=session_id,
        application_id=application_id,
        message=message,
        assigned_to=actor if is_staff_member(actor) else None,
    )
    full_clean(project)
    project.save()
    record_initial(project, actor=actor)
    if suggestion_id:
        MatchSuggestion.objects.filter(pk=suggestion_id).update(status=MatchSuggestion.Status.INTERESTED)
    start_docking_if_published(achievement_id=achievement_id, actor=actor)
    _announce(project)
    from ..tasks import profile_refresh

    transaction.on_commit(lambda: profile_refresh.delay(achievement_id=achievement_id))
    return project


def _announce(project: DockingProject) -> None:
    from platform_core.notifications.services import notification_send

    from ..workflow import _staff

    def send() -> None:
        title = _("New docking project: %(t)s") % {"t": project.title}
        body = project.message[:300] or project.get_source_display()
        recipients = {
            project.achievement.holder,
            *([project.assigned_to] if project.assigned_to else _staff()),
        }
        for user in recipients:
            notification_send(recipient=user, title=title, body=body, target=project)

    transaction.on_commit(send)


def inquiry_create(
    *, achievement_id: int, actor: Any, message: str, demand_id: int | None = None
) -> DockingProject:
    """An enterprise asks about an achievement from its library page."""
    if not actor.has_perm("matching.inquire"):
        raise PermissionDeniedError(_("Only enterprises and investors can send an inquiry."))
    if not (message or "").strip():
        raise ValidationFailed(_("Say what you would like to know or discuss."), code="message_required")
    if demand_id is not None:
        from ..models import Demand

        if not Demand.objects.filter(pk=demand_id, owner=actor).exists():
            raise ValidationFailed(_("Choose one of your own demands."), code="bad_demand")
    return project_open(
        achievement_id=achievement_id,
        enterprise=actor,
        actor=actor,
        source="inquiry",
        demand_id=demand_id,
        message=message,
    )


def project_from_suggestion(*, suggestion_id: int, actor: Any, message: str = "") -> DockingProject:
    suggestion = MatchSuggestion.objects.select_related("demand").filter(pk=suggestion_id).first()
    if suggestion is None or not actor.has_perm("matching.view_demand_matches", suggestion.demand):
        raise NotFoundError(_("Suggestion not found."))
    return project_open(
        achievement_id=suggestion.achievement_id,
        enterprise=suggestion.demand.owner,
        actor=actor,
        source="match",
        demand_id=suggestion.demand_id,
        suggestion_id=suggestion.pk,
        message=message
        or _("Opened from a smart-matching suggestion for “%(t)s”.") % {"t": suggestion.demand.title},
    )


def project_transition(
    *, project_id: int, actor: Any, action: str, reason: str = "", close_reason: str = ""
) -> DockingProject:
    """Move a docking project: contact → negotiate → intent, or close (with a reason)."""
    project = _project(project_id, actor)
    if action == "sign_agreement":
        raise ValidationFailed(
            _("The project is marked signed when its agreement is signed."), code="use_agreement"
        )
    if action == "close" and close_reason and close_reason not in DockingProject.CloseReason.values:
        raise ValidationFailed(_("Unknown reason for closing."), code="bad_reason")

    def apply(obj: DockingProject) -> None:
        now = timezone.now()
        if action == "record_intent":
            obj.intent_at = now
        if action == "close":
            obj.closed_at = now
            obj.closed_reason = close_reason or DockingProject.CloseReason.OTHER
        if action == "contact" and obj.assigned_to_id is None and is_staff_member(actor):
            obj.assigned_to = actor

    with transaction.atomic():
        project = transition(
            DockingProject, project.pk, action=action, actor=actor, reason=reason, apply=apply
        )
        if action == "contact":
            start_docking_if_published(achievement_id=project.achievement_id, actor=actor)
        if action == "close":
            _end_docking_if_last(project, actor)
    return project


def _end_docking_if_last(project: DockingProject, actor: Any) -> None:
    """The last active docking project on an achievement closed without an agreement: the achievement goes
    back from 'in docking' to 'published' (the achievements app makes the move, after locking its row)."""
    from achievements.services import achievement_docking_ended

    achievement_docking_ended(
        achievement_id=project.achievement_id,
        actor=actor,
        still_docking=lambda pk: DockingProject.objects.filter(
            achievement_id=pk, state__in=DockingProject.OPEN_STATES
        ).exists(),
        reason=_("Docking project %(n)s closed without an agreement: %(why)s")
        % {"n": project.number, "why": project.get_closed_reason_display()},
        data={"project": project.pk},
    )


@transaction.atomic
def negotiation_add(*, project_id: int, actor: Any, summary: str, **fields: Any) -> NegotiationRecord:
    project = _project(project_id, actor, "matching.note_dockingproject")
    if not project.is_open:
        raise ConflictError(_("The docking project is no longer open."), code="not_open")
    record = NegotiationRecord(project=project, summary=summary, recorded_by=actor)
    set_fields(record, fields, ("kind", "occurred_at", "participants", "next_steps"))
    full_clean(record)
    record.save()
    return record


@transaction.atomic
def terms_propose(*, project_id: int, actor: Any, **fields: Any) -> ProposedTerms:
    """Staff record a version of the proposed terms (scope, usage rights, payment, price)."""
    project = _project(project_id, actor, "matching.manage_dockingproject", lock=True)
    if not project.is_open:
        raise ConflictError(_("The docking project is no longer open."), code="not_open")
    last = project.terms.aggregate(v=Max("version"))["v"] or 0
    terms = ProposedTerms(project=project, version=last + 1, created_by=actor)
    set_fields(terms, fields, TERMS_FIELDS)
    full_clean(terms)
    terms.save()
    return terms


@transaction.atomic
def terms_agree(*, terms_id: int, actor: Any) -> ProposedTerms:
    """Mark one version as the terms both sides agreed (the agreement draft is built from it)."""
    terms = ProposedTerms.objects.select_related("project").filter(pk=terms_id).first()
    if terms is None:
        raise NotFoundError(_("Terms not found."))
    _project(terms.project_id, actor, "matching.manage_dockingproject", lock=True)
    ProposedTerms.objects.filter(project_id=terms.project_id, agreed=True).exclude(pk=terms.pk).update(
        agreed=False
    )
    terms.agreed = True
    terms.save(update_fields=["agreed", "updated_at"])
    return terms


def _decimal(value: Any) -> float:
    return float(value) if value is not None else 0.0


@transaction.atomic
def valuation_update(*, project_id: int, actor: Any, **fields: Any) -> ValuationWorksheet:
    """Save the worksheet inputs and compute the three approaches (comparables default to the platform's
    signed deals in the same field)."""
    from ..selectors import comparable_deals, valuation_worksheet

    project = _project(project_id, actor, "matching.manage_dockingproject", lock=True)
    sheet = valuation_worksheet(project)
    set_fields(sheet, fields, VALUATION_FIELDS)
    sheet.updated_by = actor
    full_clean(sheet, exclude=("results",))
    try:
        comparables = valuation.parse_amounts(sheet.comparable_prices)
        revenues = valuation.parse_amounts(sheet.annual_revenue)
    except ValueError as exc:
        raise ValidationFailed(_("Not an amount: %(v)s") % {"v": exc}, code="bad_amount")
    source = "entered"
    if not comparables:
        comparables = [float(d.value) for d in comparable_deals(project) if d.value]
        source = "platform"
    cost = valuation.cost_approach(
        float(sheet.rd_cost) if sheet.rd_cost is not None else None,
        _decimal(sheet.replacement_factor),
        _decimal(sheet.obsolescence_rate),
    )
    market = valuation.market_approach(comparables, _decimal(sheet.market_adjustment))
    income = valuation.income_approach(
        revenues, _decimal(sheet.share_rate), _decimal(sheet.discount_rate), _decimal(sheet.risk_factor)
    )
    sheet.results = {
        **valuation.summarise(cost, market, income),
        "comparables": comparables,
        "comparables_source": source,
        "computed_at": timezone.now().isoformat(),
    }
    sheet.save()
    return sheet


@transaction.atomic
def project_document_upload(
    *, project_id: int, actor: Any, uploaded_file: Any, kind: str, note: str = ""
) -> Any:
    from platform_core.attachments.services import attachment_create

    project = _project(project_id, actor, "matching.upload_dockingproject")
    if kind not in DOCUMENT_KINDS:
        raise ValidationFailed(_("Unknown document kind."), code="bad_kind")
    return attachment_create(
        owner=project, uploaded_file=uploaded_file, uploaded_by=actor, kind=kind, note=note
    )


def assign(*, project_id: int, actor: Any, assignee: Any) -> DockingProject:
    with transaction.atomic():
        project = locked(DockingProject, project_id, _("Docking project not found."))
        if not is_staff_member(actor) or not is_staff_member(assignee):
            raise PermissionDeniedError(_("Only staff may assign a service specialist."))
        project.assigned_to = assignee
        project.save(update_fields=["assigned_to", "updated_at"])
    return project
