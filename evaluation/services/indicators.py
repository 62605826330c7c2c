"""Indicator systems: versions, tree editing, manual weights, AHP comparison matrices and their adoption."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import ahp
from evaluation.models import ComparisonMatrix, Indicator, IndicatorLevel, IndicatorSystem
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import record_initial

SIX = Decimal("0.000001")


def _require_staff(actor: Any) -> None:
    from platform_core.accounts.roles import is_staff_member

    if not is_staff_member(actor):
        raise PermissionDeniedError(_("You are not allowed to do this."))


def _draft_system(system_id: int) -> IndicatorSystem:
    system = IndicatorSystem.objects.select_for_update().filter(pk=system_id).first()
    if system is None:
        raise NotFoundError(_("The record does not exist."))
    if not system.is_editable:
        raise ConflictError(
            _("A system in use is frozen; make a new version to change it."), code="system_frozen"
        )
    return system


def normalise_weights(values: Sequence[float | Decimal]) -> list[Decimal]:
    """Weights rounded to 6 decimals that sum to exactly 1 (the rounding rest goes to the largest)."""
    total = sum(Decimal(str(v)) for v in values)
    if total <= 0:
        raise ValidationFailed(_("The weights must add up to more than 0."), code="bad_weights")
    out = [(Decimal(str(v)) / total).quantize(SIX, rounding=ROUND_HALF_UP) for v in values]
    rest = Decimal("1") - sum(out)
    if rest:
        biggest = max(range(len(out)), key=lambda i: out[i])
        out[biggest] += rest
    return out


@transaction.atomic
def indicator_system_create(
    *, code: str, name: str, actor: Any, description: str = "", score_max: Decimal = Decimal("10")
) -> IndicatorSystem:
    _require_staff(actor)
    version = (IndicatorSystem.objects.filter(code=code).aggregate(m=Max("version"))["m"] or 0) + 1
    system = IndicatorSystem(
        code=code, version=version, name=name, description=description, score_max=score_max, created_by=actor
    )
    system.full_clean()
    system.save()
    record_initial(system, actor=actor)
    return system


@transaction.atomic
def indicator_system_new_version(
    *, system_id: int, actor: Any, weight_method: str | None = None, name: str | None = None
) -> IndicatorSystem:
    """Copy a system (tree, weights, levels) as the next draft version of the same code."""
    _require_staff(actor)
    source = IndicatorSystem.objects.filter(pk=system_id).first()
    if source is None:
        raise NotFoundError(_("The record does not exist."))
    version = (IndicatorSystem.objects.filter(code=source.code).aggregate(m=Max("version"))["m"] or 0) + 1
    copy = IndicatorSystem(
        code=source.code,
        version=version,
        name=name or source.name,
        description=source.description,
        score_max=source.score_max,
        weight_method=weight_method or source.weight_method,
        derived_from=source,
        created_by=actor,
    )
    copy.full_clean()
    copy.save()
    mapping: dict[int, Indicator] = {}
    for old in Indicator.objects.filter(system=source).order_by("level", "order", "id"):
        new = Indicator.objects.create(
            system=copy,
            parent=mapping.get(old.parent_id),
            code=old.code,
            name=old.name,
            level=old.level,
            clause=old.clause,
            description=old.description,
            weight=old.weight,
            order=old.order,
        )
        mapping[old.pk] = new
    IndicatorLevel.objects.bulk_create(
        IndicatorLevel(
            indicator=mapping[level.indicator_id],
            min_score=level.min_score,
            max_score=level.max_score,
            label=level.label,
            description=level.description,
        )
        for level in IndicatorLevel.objects.filter(indicator__system=source)
    )
    record_initial(copy, actor=actor, reason=_("New version of %(name)s") % {"name": source})
    return copy


@transaction.atomic
def indicator_create(
    *,
    system_id: int,
    actor: Any,
    code: str,
    name: str,
    parent_id: int | None = None,
    description: str = "",
    clause: str = "",
    weight: Decimal = Decimal("0"),
    order: int | None = None,
) -> Indicator:
    _require_staff(actor)
    system = _draft_system(system_id)
    parent = None
    if parent_id:
        parent = Indicator.objects.filter(pk=parent_id, system=system).first()
        if parent is None:
            raise ValidationFailed(_("The parent belongs to another system."), code="bad_parent")
        if parent.level >= 3:
            raise ValidationFailed(_("Sub-indicators are the deepest level."), code="too_deep")
    if order is None:
        order = (
            Indicator.objects.filter(system=system, parent=parent).aggregate(m=Max("order"))["m"] or 0
        ) + 1
    indicator = Indicator(
        system=system,
        parent=parent,
        code=code,
        name=name,
        description=description,
        clause=clause,
        weight=weight,
        order=order,
        level=(parent.level + 1) if parent else 1,
    )
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(*, indicator_id: int, actor: Any, **fields: Any) -> Indicator:
    _require_staff(actor)
    indicator = Indicator.objects.filter(pk=indicator_id).first()
    if indicator is None:
        raise NotFoundError(_("The record does not exist."))
    _draft_system(indicator.system_id)
    allowed = {"code", "name", "description", "clause", "weight", "order"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationFailed(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_delete(*, indicator_id: int, actor: Any) -> None:
    _require_staff(actor)
    indicator = Indicator.objects.filter(pk=indicator_id).first()
    if indicator is None:
        raise NotFoundError(_("The record does not exist."))
    _draft_system(indicator.system_id)
    indicator.delete()


@transaction.atomic
def indicator_levels_set(
    *, indicator_id: int, actor: Any, levels: Sequence[Mapping[str, Any]]
) -> list[IndicatorLevel]:
    """Replace the scoring guidance of an indicator: ``[{"min_score", "max_score", "label", "description"}]``."""
    _require_staff(actor)
    indicator = Indicator.objects.filter(pk=indicator_id).first()
    if indicator is None:
        raise NotFoundError(_("The record does not exist."))
    system = _draft_system(indicator.system_id)
    indicator.levels.all().delete()
    created = []
    for item in levels:
        level = IndicatorLevel(
            indicator=indicator,
            min_score=Decimal(str(item["min_score"])),
            max_score=Decimal(str(item["max_score"])),
            label=item["label"],
            description=item.get("description", ""),
        )
        if level.min_score > level.max_score or level.max_score > system.score_max or level.min_score < 0:
            raise ValidationFailed(_("Each level needs 0 ≤ from ≤ to ≤ the full score."), code="bad_level")
        level.full_clean()
        level.save()
        created.append(level)
    return created


@transaction.atomic
def indicator_weights_set(*, system_id: int, actor: Any, weights: Mapping[int, Any]) -> None:
    """Set local weights by hand: ``{indicator_id: weight}``; siblings are normalised to sum 1."""
    _require_staff(actor)
    system = _draft_system(system_id)
    indicators = {i.pk: i for i in Indicator.objects.filter(system=system, pk__in=[int(k) for k in weights])}
    if len(indicators) != len(weights):
        raise ValidationFailed(_("Unknown indicator."), code="unknown_indicator")
    groups: dict[int | None, list[Indicator]] = {}
    for indicator in indicators.values():
        groups.setdefault(indicator.parent_id, []).append(indicator)
    for parent_id, items in groups.items():
        siblings = Indicator.objects.filter(system=system, parent_id=parent_id).count()
        if siblings != len(items):
            raise ValidationFailed(_("Give the weights of all siblings together."), code="partial_weights")
        values = []
        for i in items:
            try:
                value = Decimal(str(weights[i.pk] if i.pk in weights else weights[str(i.pk)]))
            except Exception:  # noqa: BLE001
                raise ValidationFailed(_("Weights must be numbers."), code="bad_weights")
            if value < 0:
                raise ValidationFailed(_("Weights cannot be negative."), code="bad_weights")
            values.append(value)
        for indicator, weight in zip(items, normalise_weights(values), strict=True):
            Indicator.objects.filter(pk=indicator.pk).update(weight=weight)
    IndicatorSystem.objects.filter(pk=system.pk).update(weight_method=IndicatorSystem.WeightMethod.MANUAL)


# --- AHP ----------------------------------------------------------------------------------------


def matrix_children(system: IndicatorSystem, parent_id: int | None) -> list[Indicator]:
    return list(Indicator.objects.filter(system=system, parent_id=parent_id).order_by("order", "id"))


def _store(
    *,
    system: IndicatorSystem,
    parent_id: int | None,
    items: list[int],
    full: list[list[float]],
    actor: Any,
    **extra: Any,
) -> ComparisonMatrix:
    result = ahp.ahp_weights(full)
    matrix = ComparisonMatrix(
        system=system,
        parent_id=parent_id,
        items=items,
        values=[[round(v, 12) for v in row] for row in full],
        weights=[round(w, 6) for w in result.weights],
        lambda_max=round(result.lambda_max, 6),
        ci=round(result.ci, 6),
        cr=round(result.cr, 6),
        created_by=actor,
        **extra,
    )
    matrix.full_clean()
    matrix.save()
    return matrix


@transaction.atomic
def comparison_matrix_save(
    *,
    system_id: int,
    actor: Any,
    values: Any,
    parent_id: int | None = None,
    expert: Any = None,
    note: str = "",
) -> ComparisonMatrix:
    """Save one judgement matrix over the children of ``parent_id`` (None: the dimensions).

    ``values`` is a full n×n matrix or ``{"i,j": value}`` / ``{(i, j): value}`` for the upper triangle;
    the lower triangle is filled with reciprocals; entries must be on Saaty's 1–9 scale.
    """
    _require_staff(actor)
    system = _draft_system(system_id)
    children = matrix_children(system, parent_id)
    n = len(children)
    if n < 2:
        raise ValidationFailed(_("At least two indicators are needed for a comparison."), code="too_few")
    try:
        if isinstance(values, Mapping):
            upper = {}
            for key, value in values.items():
                i, j = (int(p) for p in (key.split(",") if isinstance(key, str) else key))
                upper[(i, j)] = value
            full = ahp.fill_reciprocal(upper, n=n)
        else:
            full = ahp.fill_reciprocal(values)
        if len(full) != n:
            raise ahp.AhpError(f"The matrix must be {n}×{n}.")
        full = ahp.validate_saaty_matrix(full, strict_scale=True)
    except ahp.AhpError as exc:
        raise ValidationFailed(str(exc), code="bad_matrix")
    return _store(
        system=system,
        parent_id=parent_id,
        items=[c.pk for c in children],
        full=full,
        actor=actor,
        expert=expert,
        note=note,
    )


@transaction.atomic
def comparison_matrix_aggregate(
    *, system_id: int, actor: Any, matrix_ids: Sequence[int], parent_id: int | None = None
) -> ComparisonMatrix:
    """Combine several experts' matrices of the same node by the element-wise geometric mean."""
    _require_staff(actor)
    system = _draft_system(system_id)
    sources = list(ComparisonMatrix.objects.filter(pk__in=matrix_ids, system=system, parent_id=parent_id))
    if len(sources) < 2 or len(sources) != len(set(matrix_ids)):
        raise ValidationFailed(_("Choose at least two matrices of the same node."), code="too_few")
    items = sources[0].items
    if any(m.items != items for m in sources):
        raise ValidationFailed(_("The matrices compare different indicators."), code="mismatch")
    full = ahp.geometric_mean_matrix([m.values for m in sources])
    matrix = _store(
        system=system, parent_id=parent_id, items=items, full=full, actor=actor, is_aggregate=True
    )
    matrix.sources.set(sources)
    return matrix


@transaction.atomic
def comparison_matrix_adopt(*, matrix_id: int, actor: Any) -> ComparisonMatrix:
    """Write the matrix's weights to the compared indicators. Refused when CR ≥ 0.10."""
    _require_staff(actor)
    matrix = ComparisonMatrix.objects.filter(pk=matrix_id).first()
    if matrix is None:
        raise NotFoundError(_("The record does not exist."))
    system = _draft_system(matrix.system_id)
    if not matrix.consistent:
        raise ValidationFailed(
            _("The consistency ratio CR = %(cr).3f is not below 0.10: revise the judgements before adopting.")
            % {"cr": matrix.cr},
            code="inconsistent",
        )
    children = matrix_children(system, matrix.parent_id)
    if [c.pk for c in children] != list(matrix.items):
        raise ConflictError(
            _("The indicators under this node changed since the matrix was made."), code="stale"
        )
    for indicator, weight in zip(children, normalise_weights(matrix.weights), strict=True):
        Indicator.objects.filter(pk=indicator.pk).update(weight=weight)
    IndicatorSystem.objects.filter(pk=system.pk).update(weight_method=IndicatorSystem.WeightMethod.AHP)
    matrix.adopted_at = timezone.now()
    matrix.adopted_by = actor
    matrix.save(update_fields=["adopted_at", "adopted_by"])
    return matrix
