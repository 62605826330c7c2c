"""Every write of the achievements app: drafts, materials, submission, formal review, reassignment.

Services are keyword-only, typed, run in a transaction, ``full_clean()`` before saving, and move states only
through ``platform_core.workflow.engine.transition``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.accounts.roles import is_holder, is_staff_member
from platform_core.errors import (
    ConflictError,
    InvalidTransition,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailed,
)
from platform_core.workflow.engine import record_initial, transition

from .models import (
    CONFIDENTIAL_SECTIONS,
    LEVEL_RANK,
    Achievement,
    ApplicationCase,
    Confidentiality,
    IpStatusEntry,
    ReviewAssignment,
    ReviewReason,
    Submission,
    TeamMember,
    TechnicalParameter,
)
from .permissions import can_view
from .selectors import material_checklist, required_materials, submission_problems
from .snapshots import snapshot_data

# Scalar fields the holder edits, per step of the submission form.
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "basic": (
        "name",
        "summary",
        "achievement_type",
        "technical_field",
        "maturity",
        "trl",
        "tags",
        "organization",
        "background",
        "innovation_points",
        "contributions",
    ),
    "technical": ("technical_details",),
    "ip": (),
    "cooperation": (
        "cooperation_note",
        "price_expectation",
        "contact_name",
        "contact_phone",
        "contact_email",
    ),
    "team": (),
}
STEP_M2M: dict[str, tuple[str, ...]] = {
    "basic": ("scenarios", "co_organizations"),
    "cooperation": ("cooperation_modes",),
}
# Row sections: key -> (model, related name, editable columns)
ROW_SECTIONS: dict[str, tuple[type, str, tuple[str, ...]]] = {
    "technical_parameters": (TechnicalParameter, "technical_parameters", ("name", "value", "unit", "method")),
    "application_cases": (
        ApplicationCase,
        "application_cases",
        ("title", "site", "period", "description", "outcome"),
    ),
    "ip_status": (
        IpStatusEntry,
        "ip_entries",
        ("ip_type", "title", "number", "status", "protection_scope", "filed_on", "expires_on"),
    ),
    "team": (TeamMember, "team_members", ("name", "role", "title", "organization_name", "division_of_work")),
}
MATERIAL_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "jpg", "jpeg", "png", "zip")


def _bump(obj: Achievement) -> None:
    obj.version += 1


def _lock(achievement_id: int, actor: Any) -> Achievement:
    achievement = Achievement.objects.select_for_update().filter(pk=achievement_id).first()
    if achievement is None or not can_view(actor, achievement):
        raise NotFoundError(_("The achievement does not exist."))
    return achievement


def _lock_editable(achievement_id: int, actor: Any, expected_version: int | None) -> Achievement:
    achievement = _lock(achievement_id, actor)
    if achievement.holder_id != getattr(actor, "pk", None):
        raise PermissionDeniedError(_("Only the holder may edit this achievement."))
    if not achievement.is_editable:
        raise InvalidTransition(
            _("The achievement can no longer be edited while it is “%(state)s”.")
            % {"state": achievement.get_state_display()},
            code="not_editable",
        )
    if expected_version is not None and int(expected_version) != achievement.version:
        raise ConflictError(
            _(
                "This draft was changed elsewhere (another window or device) after you opened it. "
                "Nothing was saved; the current values are shown."
            ),
            code="stale_version",
            extra={"current_version": achievement.version},
        )
    return achievement


def _clean_levels(levels: dict[str, str] | None) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for key, level in (levels or {}).items():
        if key not in CONFIDENTIAL_SECTIONS:
            raise ValidationFailed(_("Unknown section “%(key)s”.") % {"key": key}, code="unknown_section")
        if level not in Confidentiality.values:
            raise ValidationFailed(
                _("Unknown confidentiality level “%(level)s”.") % {"level": level}, code="invalid_level"
            )
        cleaned[key] = level
    return cleaned


def _full_clean(obj: Any, exclude: Iterable[str] = ()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise ValidationFailed(
            "；".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items()),
            code="invalid",
            extra={"errors": exc.message_dict},
        ) from exc


# --------------------------------------------------------------------------- drafts
@transaction.atomic
def achievement_create(*, holder: Any, name: str, **fields: Any) -> Achievement:
    """A new draft owned by ``holder`` (the start of its clock)."""
    if not is_holder(holder):
        raise PermissionDeniedError(_("Only achievement holders can submit achievements."))
    scenarios = fields.pop("scenarios", None)
    co_organizations = fields.pop("co_organizations", None)
    cooperation_modes = fields.pop("cooperation_modes", None)
    levels = _clean_levels(fields.pop("confidentiality", None))
    achievement = Achievement(holder=holder, name=name, **fields)
    if achievement.organization_id is None and getattr(holder, "organization_id", None):
        achievement.organization_id = holder.organization_id
    achievement.confidentiality = {**achievement.confidentiality, **levels}
    _full_clean(achievement, exclude=["holder"])
    achievement.save()
    if scenarios is not None:
        achievement.scenarios.set(scenarios)
    if co_organizations is not None:
        achievement.co_organizations.set(co_organizations)
    if cooperation_modes is not None:
        achievement.cooperation_modes.set(cooperation_modes)
    record_initial(achievement, actor=holder)
    return achievement


@transaction.atomic
def achievement_update(
    *,
    achievement_id: int,
    actor: Any,
    expected_version: int | None,
    fields: dict[str, Any] | None = None,
    m2m: dict[str, Iterable[Any]] | None = None,
    rows: dict[str, Sequence[dict[str, Any]]] | None = None,
    confidentiality: dict[str, str] | None = None,
) -> Achievement:
    """Save part of a draft (one step of the form, or an API PATCH); other parts stay as they are.

    ``expected_version`` is the version the editor loaded: a stale one raises ConflictError (409) and
    nothing is written. ``rows`` replaces whole row sections (``technical_parameters``, ``application_cases``,
    ``ip_status``, ``team``) by the given list of dicts.
    """
    achievement = _lock_editable(achievement_id, actor, expected_version)
    allowed = {f for names in STEP_FIELDS.values() for f in names}
    for name, value in (fields or {}).items():
        if name not in allowed:
            raise ValidationFailed(_("Field “%(name)s” cannot be edited.") % {"name": name}, code="readonly")
        setattr(achievement, name, value)
    if confidentiality:
        achievement.confidentiality = {
            **(achievement.confidentiality or {}),
            **_clean_levels(confidentiality),
        }
    _bump(achievement)
    achievement.updated_at = timezone.now()
    _full_clean(achievement, exclude=["holder"])
    achievement.save()
    allowed_m2m = {f for names in STEP_M2M.values() for f in names}
    for name, values in (m2m or {}).items():
        if name not in allowed_m2m:
            raise ValidationFailed(_("Field “%(name)s” cannot be edited.") % {"name": name}, code="readonly")
        getattr(achievement, name).set(list(values))
    for section, items in (rows or {}).items():
        _replace_rows(achievement, section, items)
    return achievement


def _replace_rows(achievement: Achievement, section: str, items: Sequence[dict[str, Any]]) -> None:
    if section not in ROW_SECTIONS:
        raise ValidationFailed(_("Unknown section “%(key)s”.") % {"key": section}, code="unknown_section")
    model, related, columns = ROW_SECTIONS[section]
    getattr(achievement, related).all().delete()
    objs = []
    for order, item in enumerate(items):
        unknown = set(item) - set(columns) - {"id"}
        if unknown:
            raise ValidationFailed(
                _("Unknown columns: %(cols)s") % {"cols": ", ".join(sorted(unknown))}, code="invalid"
            )
        obj = model(achievement=achievement, order=order, **{k: v for k, v in item.items() if k in columns})
        _full_clean(obj, exclude=["achievement"])
        objs.append(obj)
    for obj in objs:
        obj.save()


@transaction.atomic
def achievement_delete_draft(*, achievement_id: int, actor: Any) -> None:
    achievement = _lock_editable(achievement_id, actor, None)
    if achievement.state != Achievement.State.DRAFT or achievement.submissions.exists():
        raise InvalidTransition(
            _("Only a draft that was never submitted can be deleted."), code="not_deletable"
        )
    from .selectors import achievement_attachments

    for attachment in achievement_attachments(achievement):
        attachment.delete()
    achievement.delete()


# --------------------------------------------------------------------------- materials
@transaction.atomic
def material_upload(*, achievement_id: int, actor: Any, uploaded_file: Any, kind: str, note: str = "") -> Any:
    """Attach a material of the type's list (``kind`` = material code) to an editable achievement."""
    from platform_core.attachments.services import attachment_create

    achievement = _lock_editable(achievement_id, actor, None)
    codes = {m.code for m in required_materials(achievement)}
    if kind and kind != "other" and kind not in codes:
        raise ValidationFailed(_("Unknown material “%(kind)s”.") % {"kind": kind}, code="unknown_material")
    return attachment_create(
        owner=achievement,
        uploaded_file=uploaded_file,
        uploaded_by=actor,
        kind=kind or "other",
        allowed_extensions=MATERIAL_EXTENSIONS,
        note=note,
    )


@transaction.atomic
def material_delete(*, achievement_id: int, attachment_id: int, actor: Any) -> None:
    from .selectors import achievement_attachments

    achievement = _lock_editable(achievement_id, actor, None)
    attachment = achievement_attachments(achievement).filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFoundError(_("Attachment not found."))
    attachment.delete()


# --------------------------------------------------------------------------- submission
def _check_complete(achievement: Achievement) -> None:
    problems = submission_problems(achievement)
    if problems:
        raise ValidationFailed(
            _("The submission is incomplete: %(items)s")
            % {"items": "；".join(str(p.message) for p in problems)},
            code="incomplete",
            extra={
                "problems": [
                    {"target": p.target, "step": p.step, "message": str(p.message)} for p in problems
                ]
            },
        )


def submission_create(*, achievement: Achievement, actor: Any, kind: str) -> Submission:
    """Freeze the current record as an immutable snapshot (called inside the submit/resubmit/publish move)."""
    last = achievement.submissions.order_by("-number").values_list("number", flat=True).first() or 0
    submission = Submission(
        achievement=achievement,
        number=last + 1,
        kind=kind,
        data=snapshot_data(achievement),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _full_clean(submission, exclude=["achievement", "created_by"])
    submission.save()
    return submission


@transaction.atomic
def achievement_submit(
    *, achievement_id: int, actor: Any, expected_version: int | None = None, action: str | None = None
) -> Achievement:
    """Submit a draft (submit) or a returned achievement (resubmit); freezes a snapshot.

    ``action`` (optional) names the move the caller expects; a mismatch with the state answers 409 (or 403
    for an actor who may not take it) from the workflow engine.
    """
    achievement = _lock(achievement_id, actor)
    expected = "submit" if achievement.state == Achievement.State.DRAFT else "resubmit"
    if action is not None and action != expected:
        return transition(Achievement, achievement.pk, action=action, actor=actor)
    achievement = _lock_editable(achievement_id, actor, expected_version)
    _check_complete(achievement)
    action = expected
    achievement = transition(Achievement, achievement.pk, action=action, actor=actor, apply=_bump)
    submission_create(
        achievement=achievement,
        actor=actor,
        kind=Submission.Kind.SUBMIT if action == "submit" else Submission.Kind.RESUBMIT,
    )
    return achievement


@transaction.atomic
def achievement_withdraw(*, achievement_id: int, actor: Any, reason: str = "") -> Achievement:
    _lock(achievement_id, actor)
    return transition(Achievement, achievement_id, action="withdraw", actor=actor, reason=reason, apply=_bump)


# --------------------------------------------------------------------------- formal review
def _valid_targets(achievement: Achievement) -> dict[str, set[str]]:
    from .sections import FIELD_TARGETS

    return {
        ReviewReason.TargetKind.FIELD: set(FIELD_TARGETS),
        ReviewReason.TargetKind.MATERIAL: {m.code for m in required_materials(achievement)} | {"other"},
        ReviewReason.TargetKind.GENERAL: {""},
    }


def _reason_rows(achievement: Achievement, reasons: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    valid = _valid_targets(achievement)
    rows = []
    for item in reasons:
        text = (item.get("text") or "").strip()
        if not text:
            continue
        kind = item.get("target_kind") or ReviewReason.TargetKind.GENERAL
        target = (item.get("target") or "").strip() if kind != ReviewReason.TargetKind.GENERAL else ""
        if kind not in valid or target not in valid[kind]:
            raise ValidationFailed(
                _("The reason points to an unknown field or material “%(target)s”.") % {"target": target},
                code="invalid_target",
            )
        rows.append({"target_kind": kind, "target": target, "text": text})
    return rows


def _reason_summary(achievement: Achievement, rows: list[dict[str, str]], note: str) -> str:
    from .sections import target_label

    lines = [
        f"{i}. {target_label(achievement, r['target_kind'], r['target'])}：{r['text']}"
        for i, r in enumerate(rows, 1)
    ]
    if note.strip():
        lines.insert(0, note.strip())
    return "\n".join(lines)


def _latest_submission(achievement: Achievement) -> Submission:
    submission = achievement.submissions.order_by("-number").first()
    if submission is None:  # defensive: every submitted achievement has one
        raise InvalidTransition(_("There is no submission to review."), code="no_submission")
    return submission


@transaction.atomic
def achievement_review(
    *,
    achievement_id: int,
    actor: Any,
    decision: str,
    note: str = "",
    reasons: Sequence[dict[str, str]] = (),
) -> Achievement:
    """A formal-review decision: ``accept``, ``return_for_supplement`` (itemised reasons) or ``refuse``."""
    from .workflow import REVIEW_ACTIONS

    if decision not in REVIEW_ACTIONS:
        raise ValidationFailed(_("Unknown decision “%(d)s”.") % {"d": decision}, code="unknown_action")
    achievement = _lock(achievement_id, actor)
    rows = _reason_rows(achievement, reasons)
    if decision == "return_for_supplement" and not rows:
        if note.strip():
            rows = [{"target_kind": ReviewReason.TargetKind.GENERAL, "target": "", "text": note.strip()}]
            note = ""
        else:
            raise ValidationFailed(
                _("Give at least one reason: what must the holder supplement?"), code="reason_required"
            )
    reason = _reason_summary(achievement, rows, note) if rows else note.strip()
    submission = _latest_submission(achievement) if achievement.submissions.exists() else None

    def apply(obj: Achievement) -> None:
        _bump(obj)
        if obj.assigned_to_id is None:
            obj.assigned_to = actor

    achievement = transition(
        Achievement,
        achievement.pk,
        action=decision,
        actor=actor,
        reason=reason,
        data={"reasons": rows, "submission": submission.number if submission else None},
        apply=apply,
    )
    if rows and submission is not None:
        ReviewReason.objects.bulk_create(
            [
                ReviewReason(
                    achievement=achievement, submission=submission, action=decision, created_by=actor, **row
                )
                for row in rows
            ]
        )
    return achievement


@transaction.atomic
def achievement_reassign(*, achievement_id: int, actor: Any, assignee: Any, note: str = "") -> Achievement:
    """Hand the formal review of an achievement to another service specialist (logged)."""
    achievement = _lock(achievement_id, actor)
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only service specialists may reassign a review."))
    if assignee is None or not is_staff_member(assignee) or not assignee.is_active:
        raise ValidationFailed(_("Choose an active service specialist."), code="invalid_assignee")
    if achievement.state not in (*Achievement.REVIEW_STATES, Achievement.State.RETURNED):
        raise InvalidTransition(
            _("Only an achievement in formal review can be reassigned."), code="not_in_review"
        )
    if achievement.assigned_to_id == assignee.pk:
        return achievement
    ReviewAssignment.objects.create(
        achievement=achievement,
        assigned_to=assignee,
        previous_id=achievement.assigned_to_id,
        assigned_by=actor,
        note=note[:300],
    )
    achievement.assigned_to = assignee
    achievement.save(update_fields=["assigned_to"])
    if assignee.pk != actor.pk:
        from platform_core.notifications.services import notification_send

        title = _("Formal review assigned to you: %(name)s") % {"name": achievement.name}
        transaction.on_commit(
            lambda: notification_send(recipient=assignee, title=title, body=note, target=achievement)
        )
    return achievement


def staff_members() -> list[Any]:
    from platform_core.accounts.roles import Role

    User = get_user_model()
    return list(
        User.objects.filter(groups__name__in=[Role.STAFF, Role.ADMIN], is_active=True)
        .distinct()
        .order_by("username")
    )


__all__ = [
    "ROW_SECTIONS",
    "STEP_FIELDS",
    "REFRESHABLE_FIELDS",
    "achievement_create",
    "achievement_delete_draft",
    "achievement_docking_ended",
    "achievement_publish",
    "achievement_refresh_published",
    "achievement_reassign",
    "achievement_review",
    "achievement_submit",
    "achievement_update",
    "achievement_withdraw",
    "material_checklist",
    "material_delete",
    "material_upload",
    "publication_levels_clean",
    "submission_archive",
    "submission_create",
]


# --------------------------------------------------------------------------- publication
def publication_levels_clean(achievement: Achievement, levels: dict[str, str] | None) -> dict[str, str]:
    """The section levels staff confirm when they publish (000 §5.2.1.2.8).

    ``levels`` maps sections of :data:`CONFIDENTIAL_SECTIONS` (``background``, ``technical_details``,
    ``contact``…) to a :class:`Confidentiality` value (``public``, ``registered``, ``granted``). A section
    may be made stricter than the holder chose, never more open: the holder decides what may be disclosed.
    Only the sections whose level changes are returned.
    """
    cleaned = _clean_levels(levels)
    changed: dict[str, str] = {}
    for key, level in cleaned.items():
        holder_level = achievement.level_of(key)
        if LEVEL_RANK[Confidentiality(level)] < LEVEL_RANK[Confidentiality(holder_level)]:
            raise ValidationFailed(
                _("“%(section)s” cannot be more open than the holder chose (%(level)s).")
                % {
                    "section": CONFIDENTIAL_SECTIONS[key][1],
                    "level": Confidentiality(holder_level).label,
                },
                code="level_too_open",
                extra={"section": key},
            )
        if level != holder_level:
            changed[key] = level
    return changed


def _archive_on_commit(submission: Submission) -> None:
    from .tasks import archive_published_version

    transaction.on_commit(lambda: archive_published_version.delay(submission_id=submission.pk))


@transaction.atomic
def achievement_publish(
    *, achievement_id: int, actor: Any, reason: str = "", levels: dict[str, str] | None = None
) -> Achievement:
    """Publish an achievement that passed the evaluation, with the section levels staff confirmed.

    The levels (see :func:`publication_levels_clean`) are written in the same move as the state, the
    transition log records the sections staff tightened, the published version is frozen as a snapshot
    and its filled application form is archived (PDF rendered in the background).
    """
    achievement = _lock(achievement_id, actor)
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only platform staff may publish achievements."))
    changed = publication_levels_clean(achievement, levels)

    def apply(obj: Achievement) -> None:
        _bump(obj)
        if changed:
            obj.confidentiality = {**(obj.confidentiality or {}), **changed}

    achievement = transition(
        Achievement,
        achievement_id,
        action="publish",
        actor=actor,
        reason=reason,
        data={"levels": changed} if changed else None,
        apply=apply,
    )
    submission = submission_create(achievement=achievement, actor=actor, kind=Submission.Kind.PUBLISH)
    _archive_on_commit(submission)
    return achievement


REFRESHABLE_FIELDS = Achievement.REFRESHABLE_FIELDS


@transaction.atomic
def achievement_refresh_published(
    *, achievement_id: int, actor: Any, changes: dict[str, Any], reason: str = ""
) -> Achievement:
    """Write refreshed content that staff approved onto an entry in the library (000 §5.2.1.2.6).

    Only :data:`REFRESHABLE_FIELDS` may change, only on an achievement in the library, only by staff. The
    refreshed record is frozen as a new published version (archived like the first one) and an audit row
    names who approved which fields (the values stay in the encrypted snapshot).
    """
    from platform_core.audit.services import audit_event_record

    achievement = _lock(achievement_id, actor)
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only platform staff may approve updates of library entries."))
    if achievement.state not in Achievement.PUBLIC_STATES:
        raise InvalidTransition(
            _("Only entries in the library are refreshed; this one is “%(state)s”.")
            % {"state": achievement.get_state_display()},
            code="not_in_library",
        )
    unknown = sorted(set(changes or {}) - set(REFRESHABLE_FIELDS))
    if unknown:
        raise ValidationFailed(
            _("Field “%(name)s” cannot be refreshed here.") % {"name": ", ".join(unknown)}, code="readonly"
        )
    if not changes:
        raise ValidationFailed(_("Nothing was changed."), code="no_changes")
    for name, value in changes.items():
        setattr(achievement, name, value)
    _bump(achievement)
    achievement.updated_at = timezone.now()
    _full_clean(
        achievement, exclude=[f.name for f in Achievement._meta.concrete_fields if f.name not in changes]
    )
    achievement.save(update_fields=[*changes, "version", "updated_at"])
    submission = submission_create(achievement=achievement, actor=actor, kind=Submission.Kind.REFRESH)
    fields = sorted(changes)
    audit_event_record(
        kind="other",
        actor=actor,
        summary=_("Library entry updated: %(name)s (%(fields)s)")
        % {"name": achievement.name, "fields": "、".join(fields)},
        detail={
            "action": "refresh_published",
            "fields": fields,
            "submission": submission.number,
            "reason": (reason or "")[:300],
        },
        target=achievement,
    )
    _archive_on_commit(submission)
    return achievement


# --------------------------------------------------------------------------- docking
@transaction.atomic
def achievement_docking_ended(
    *,
    achievement_id: int,
    actor: Any,
    still_docking: Callable[[int], bool],
    reason: str = "",
    data: dict | None = None,
) -> Achievement | None:
    """A docking project on the achievement closed without an agreement: when no other docking is active
    (``still_docking(achievement_id)`` is False, asked after the achievement's row is locked so two
    projects closing at once cannot both miss each other) the achievement goes back from "in docking" to
    "published". Returns the moved achievement, or None when it stays where it is.

    The docking apps decide what "active" means; this app imports none of them.
    """
    achievement = Achievement.objects.select_for_update().filter(pk=achievement_id).first()
    if achievement is None or achievement.state != Achievement.State.IN_DOCKING:
        return None
    if still_docking(achievement_id):
        return None
    # The move belongs to the platform: an enterprise closing its own project is recorded in ``data``.
    mover = actor if is_staff_member(actor) else None
    return transition(
        Achievement,
        achievement_id,
        action="end_docking",
        actor=mover,
        reason=reason,
        data={**(data or {}), **({"closed_by": actor.pk} if getattr(actor, "pk", None) else {})},
    )


def submission_archive(*, submission_id: int) -> Any:
    """Archive the PDF of a published version (idempotent: one archive entry per version)."""
    from platform_core.archive.models import ArchiveEntry
    from platform_core.archive.services import archive_document

    from .reports import submission_pdf_bytes

    submission = (
        Submission.objects.select_related("achievement", "created_by").filter(pk=submission_id).first()
    )
    if submission is None:
        return None
    achievement = submission.achievement
    title = _("Submission application form, published version #%(n)s") % {"n": submission.number}
    from django.contrib.contenttypes.models import ContentType

    existing = ArchiveEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Achievement), object_id=achievement.pk, title=title
    ).first()
    if existing is not None:
        return existing
    return archive_document(
        subject=achievement,
        doc_type="submission_form",
        title=title,
        archived_by=submission.created_by,
        file_bytes=submission_pdf_bytes(achievement, submission),
        filename=f"{achievement.number}-v{submission.number}.pdf",
    )
