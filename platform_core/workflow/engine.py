"""The one workflow mechanism.

Every stateful record declares a :class:`Workflow` in its app's ``workflow.py``: its states, the allowed
transitions, the predicate that guards each one, and whether a reason is required. :func:`transition`
is the only function that assigns a state field: it locks the row, checks the move and the actor,
writes the new state and a :class:`TransitionLog` row in the same transaction, and schedules
notifications with ``transaction.on_commit``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core import workdays
from platform_core.errors import InvalidTransition, NotFoundError, PermissionDeniedError, ValidationFailed

from .models import TransitionLog

Predicate = Callable[[Any, Any], bool]
Notifier = Callable[[Any, "TransitionLog"], Iterable[tuple[Any, str, str]]]


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    label: Any
    permission: Predicate
    reason_required: bool = False
    # Optional extra check on the record: returns an error message or None.
    condition: Callable[[Any], Any] | None = None
    style: str = "primary"

    def allowed_for(self, user: Any, obj: Any) -> bool:
        try:
            return bool(self.permission(user, obj))
        except TypeError:
            return bool(self.permission(user))


@dataclass
class Workflow:
    """A record type's state machine."""

    name: str
    model: type[models.Model]
    states: type[models.TextChoices]
    transitions: Sequence[Transition]
    state_field: str = "state"
    # Called after commit with (record, log); yields (recipient, title, body) for notifications.
    notify: Notifier | None = None
    _by_action: dict[str, Transition] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_action = {t.action: t for t in self.transitions}
        valid = set(self.states.values)
        for t in self.transitions:
            unknown = ({t.target} | set(t.sources)) - valid
            if unknown:
                raise ValueError(f"{self.name}.{t.action}: unknown states {sorted(unknown)}")
        _REGISTRY[self.model] = self

    def get(self, action: str) -> Transition | None:
        return self._by_action.get(action)

    def state_of(self, obj: Any) -> str:
        return getattr(obj, self.state_field)

    def state_label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return state

    def available(self, obj: Any, user: Any) -> list[Transition]:
        """The transitions this user may take from the record's current state."""
        current = self.state_of(obj)
        return [t for t in self.transitions if current in t.sources and t.allowed_for(user, obj)]


_REGISTRY: dict[type[models.Model], Workflow] = {}


def workflow_for(model: type[models.Model] | models.Model) -> Workflow:
    cls = model if isinstance(model, type) else type(model)
    try:
        return _REGISTRY[cls]
    except KeyError as exc:
        raise LookupError(f"No workflow registered for {cls.__name__}") from exc


def transition(
    model: type[models.Model],
    pk: Any,
    *,
    action: str,
    actor: Any,
    reason: str = "",
    data: dict | None = None,
    workflow: Workflow | None = None,
    apply: Callable[[Any], None] | None = None,
) -> Any:
    """Move one record along its workflow.

    ``apply`` may set further fields on the locked record before it is saved (for example a decision
    date); it must not touch the state field. Raises :class:`NotFoundError` (404),
    :class:`PermissionDeniedError` (403), :class:`InvalidTransition` (409) or
    :class:`ValidationFailed` (400); on any error nothing is written.
    """
    wf = workflow or workflow_for(model)
    reason = (reason or "").strip()
    with transaction.atomic():
        obj = model._default_manager.select_for_update().filter(pk=pk).first()
        if obj is None:
            raise NotFoundError(_("The record does not exist."))
        step = wf.get(action)
        if step is None:
            raise ValidationFailed(
                _("Unknown action “%(action)s”.") % {"action": action}, code="unknown_action"
            )
        current = wf.state_of(obj)
        if current not in step.sources:
            raise InvalidTransition(
                _("“%(action)s” is not allowed while the record is “%(state)s”.")
                % {"action": step.label, "state": wf.state_label(current)},
                extra={"state": current},
            )
        if not step.allowed_for(actor, obj):
            raise PermissionDeniedError(_("You are not allowed to do this."))
        if step.reason_required and not reason:
            raise ValidationFailed(_("A reason is required for this action."), code="reason_required")
        if step.condition is not None:
            problem = step.condition(obj)
            if problem:
                raise InvalidTransition(problem, code="condition_not_met")
        now = timezone.now()
        changed = [wf.state_field]
        if apply is not None:
            before = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
            apply(obj)
            if getattr(obj, wf.state_field) != current:
                raise RuntimeError("apply() must not change the state field")
            changed += [
                name
                for name, value in before.items()
                if getattr(obj, name) != value and name != wf.state_field
            ]
        setattr(obj, wf.state_field, step.target)
        if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
            obj.updated_at = now
            changed.append("updated_at")
        obj.save(update_fields=sorted(set(changed)))
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        previous = (
            TransitionLog.objects.filter(content_type=content_type, object_id=obj.pk)
            .order_by("-created_at", "-id")
            .values_list("created_at", flat=True)
            .first()
        )
        log = TransitionLog.objects.create(
            content_type=content_type,
            object_id=obj.pk,
            workflow=wf.name,
            action=step.action,
            from_state=current,
            to_state=step.target,
            actor=actor if getattr(actor, "pk", None) else None,
            reason=reason,
            data=data or {},
            created_at=now,
            working_days=(
                workdays.working_days_between(workdays.local_date(previous), workdays.local_date(now))
                if previous
                else None
            ),
        )
        if wf.notify is not None:
            _schedule_notifications(wf, obj, log)
    return obj


def record_initial(
    obj: models.Model, *, actor: Any, workflow: Workflow | None = None, reason: str = ""
) -> None:
    """Log the creation of a record in its initial state (the start of its clock)."""
    wf = workflow or workflow_for(obj)
    state = wf.state_of(obj)
    TransitionLog.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        workflow=wf.name,
        action="create",
        from_state="",
        to_state=state,
        actor=actor if getattr(actor, "pk", None) else None,
        reason=reason,
        created_at=timezone.now(),
    )


def _schedule_notifications(wf: Workflow, obj: Any, log: TransitionLog) -> None:
    from platform_core.notifications.services import notification_send

    def send() -> None:
        for recipient, title, body in wf.notify(obj, log) or ():
            if recipient is None:
                continue
            notification_send(recipient=recipient, title=title, body=body, target=obj)

    transaction.on_commit(send)


def history(obj: models.Model) -> models.QuerySet[TransitionLog]:
    """The record's transition log, oldest first, with actors loaded."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return (
        TransitionLog.objects.filter(content_type=content_type, object_id=obj.pk)
        .select_related("actor")
        .order_by("created_at", "id")
    )
