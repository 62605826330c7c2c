"""Bulk import of existing catalogues (all or nothing, in the background, with progress) and exports.

Import service of the library (documented here because the record's own services create one draft per
holder): every row is validated first and the report names the row and the column; only a file without a
single error is written, in one transaction. Each achievement is created directly in the state staff
chose (``accepted``, or ``published`` for a catalogue that was already public) and its creation is logged
in the TransitionLog exactly as ``record_initial`` does (action ``create``, from nothing to that state,
by the importing staff member, with the file and row as the reason), in bulk so 10,000 rows stay
well under a minute. Published rows also get their publication row, update cycle and search document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from achievements.models import Achievement
from platform_core.accounts.models import Organization
from platform_core.accounts.roles import Role, has_role, is_staff_member
from platform_core.errors import PermissionDeniedError, ValidationFailed
from platform_core.workflow.models import TransitionLog

from ..excel import COLUMN_BY_HEADER, COLUMNS, SHEET, split_multi, vocabularies
from ..models import EntryFreshness, ImportJob, PublicationSettings
from .indexing import Related, bump_generation, documents_write

MAX_ROWS = 20000
MAX_ERRORS = 500
PROGRESS_KEY = "library:import:{pk}:progress"


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ParsedRow:
    row: int
    values: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- jobs
@transaction.atomic
def import_job_create(*, actor: Any, uploaded_file: Any, mode: str) -> ImportJob:
    """Store the uploaded file and queue the import (it runs after commit, in Celery)."""
    if not is_staff_member(actor):
        raise PermissionDeniedError(_("Only platform staff may import achievements."))
    if mode not in ImportJob.Mode.values:
        raise ValidationFailed(_("Choose how the achievements are imported."), code="invalid_mode")
    name = getattr(uploaded_file, "name", "import.xlsx") or "import.xlsx"
    if not name.lower().endswith(".xlsx"):
        raise ValidationFailed(_("Upload an Excel file (.xlsx) made from the template."), code="invalid_file")
    job = ImportJob(original_name=name[:200], mode=mode, created_by=actor)
    job.file.save(f"import-{timezone.now():%Y%m%d%H%M%S}.xlsx", ContentFile(uploaded_file.read()), save=False)
    job.save()
    from ..tasks import library_import_run

    transaction.on_commit(lambda: library_import_run.delay(job_id=job.pk))
    return job


def progress_of(job: ImportJob) -> dict[str, Any]:
    """Progress for the polling page: the live value from the cache while the job writes, else the row."""
    live = cache.get(PROGRESS_KEY.format(pk=job.pk)) or {}
    processed = max(job.processed_rows, int(live.get("processed", 0)))
    phase = live.get("phase") or job.phase
    total = job.total_rows or int(live.get("total", 0))
    if job.is_finished:
        percent = 100
    elif total:
        weights = {"reading": (0, 5), "validating": (5, 30), "writing": (35, 65)}
        start, span = weights.get(phase, (0, 5))
        percent = int(start + span * min(processed / total, 1))
    else:
        percent = 1
    return {"phase": phase, "processed": processed, "total": total, "percent": min(percent, 100)}


def _progress(job: ImportJob, phase: str, processed: int, total: int) -> None:
    cache.set(PROGRESS_KEY.format(pk=job.pk), {"phase": phase, "processed": processed, "total": total}, 3600)


def _save_job(job: ImportJob, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def import_job_run(*, job_id: int) -> ImportJob | None:
    """Validate every row; write all rows or none. Idempotent: a finished job is left as it is."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.state in (ImportJob.State.DONE, ImportJob.State.FAILED):
        return job
    with translation.override("zh-hans"):
        _save_job(job, state=ImportJob.State.RUNNING, started_at=timezone.now(), phase="reading")
        try:
            with job.file.open("rb") as handle:
                rows, errors = read_rows(handle)
        except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, never a 500
            _fail(
                job,
                [RowError(0, "", _("The file could not be read as an Excel workbook: %(e)s") % {"e": exc})],
            )
            return job
        _save_job(job, total_rows=len(rows), phase="validating")
        if errors:
            _fail(job, errors)
            return job
        context = ValidationContext.load(job.created_by)
        errors = []
        for index, row in enumerate(rows, start=1):
            errors.extend(validate_row(row, context))
            if index % 200 == 0:
                _progress(job, "validating", index, len(rows))
            if len(errors) >= MAX_ERRORS:
                break
        errors.extend(context.duplicate_errors())
        if errors:
            _fail(job, sorted(errors, key=lambda e: (e.row, e.column))[:MAX_ERRORS])
            return job
        _save_job(job, phase="writing", processed_rows=0)
        try:
            first, last = write_rows(job, rows, context)
        except Exception as exc:  # noqa: BLE001 - rolled back: nothing was imported
            _fail(job, [RowError(0, "", _("Nothing was imported: %(e)s") % {"e": exc})])
            return job
        _save_job(
            job,
            state=ImportJob.State.DONE,
            phase="done",
            processed_rows=len(rows),
            created_count=len(rows),
            first_achievement_id=first,
            last_achievement_id=last,
            finished_at=timezone.now(),
            message=_("%(n)d achievements imported.") % {"n": len(rows)},
        )
        cache.delete(PROGRESS_KEY.format(pk=job.pk))
    return job


def _fail(job: ImportJob, errors: list[RowError]) -> None:
    _save_job(
        job,
        state=ImportJob.State.FAILED,
        phase="failed",
        errors=[e.as_dict() for e in errors],
        finished_at=timezone.now(),
        message=_(
            "%(n)d problems found; nothing was imported. Correct the rows listed and upload the file again."
        )
        % {"n": len(errors)},
    )
    cache.delete(PROGRESS_KEY.format(pk=job.pk))


# --------------------------------------------------------------------------- reading and validation
def read_rows(handle: Any) -> tuple[list[ParsedRow], list[RowError]]:
    from openpyxl import load_workbook

    wb = load_workbook(handle, read_only=True, data_only=True)
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    iterator = ws.iter_rows(values_only=True)
    header = next(iterator, None) or ()
    keys: list[str | None] = []
    for cell in header:
        text = str(cell or "").strip().rstrip("*").strip()
        column = COLUMN_BY_HEADER.get(text)
        keys.append(column.key if column else None)
    missing = [c.header for c in COLUMNS if c.required and c.key not in keys]
    if missing:
        return [], [RowError(1, "、".join(missing), _("Required columns are missing; use the template."))]
    rows: list[ParsedRow] = []
    for number, values in enumerate(iterator, start=2):
        data = {}
        for key, value in zip(keys, values, strict=False):
            if key is None:
                continue
            if isinstance(value, str):
                value = value.strip()
            data[key] = value
        if not any(v not in (None, "") for v in data.values()):
            continue  # blank line
        rows.append(ParsedRow(row=number, values=data))
        if len(rows) > MAX_ROWS:
            wb.close()
            return [], [RowError(number, "", _("At most %(n)d rows per file.") % {"n": MAX_ROWS})]
    wb.close()
    if not rows:
        return [], [RowError(2, "", _("The file has no rows to import."))]
    return rows, []


def _lookup(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Name or code → code."""
    found: dict[str, str] = {}
    for code, name in pairs:
        found[str(name).strip()] = code
        found[code] = code
    return found


@dataclass
class ValidationContext:
    actor: Any
    types: dict[str, str]
    fields: dict[str, str]
    scenarios: dict[str, str]
    modes: dict[str, str]
    maturity: dict[str, str]
    kinds: dict[str, str]
    holders: dict[str, int]
    organizations: dict[str, int]
    seen_names: dict[tuple[str, str], int] = field(default_factory=dict)
    duplicates: list[RowError] = field(default_factory=list)

    @classmethod
    def load(cls, actor: Any) -> ValidationContext:
        lists = vocabularies()
        User = get_user_model()
        holders = {
            u.username: u.pk
            for u in User.objects.filter(groups__name=Role.HOLDER, is_active=True).only("pk", "username")
        }
        return cls(
            actor=actor,
            types=_lookup(lists["types"]),
            fields=_lookup(lists["fields"]),
            scenarios=_lookup(lists["scenarios"]),
            modes=_lookup(lists["modes"]),
            maturity=_lookup(lists["maturity"]),
            kinds=_lookup(lists["kinds"]),
            holders=holders,
            organizations=dict(Organization.objects.values_list("name", "pk")),
        )

    def duplicate_errors(self) -> list[RowError]:
        return self.duplicates


def _text(values: dict[str, Any], key: str) -> str:
    value = values.get(key)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def validate_row(row: ParsedRow, ctx: ValidationContext) -> list[RowError]:
    """Check one row; fills ``row.values`` with clean values (codes, ints) when it is valid."""
    errors: list[RowError] = []
    v = row.values
    header = {c.key: c.header for c in COLUMNS}

    def error(key: str, message: str) -> None:
        errors.append(RowError(row.row, header[key], message))

    clean: dict[str, Any] = {}
    for column in COLUMNS:
        text = _text(v, column.key)
        if column.required and not text:
            error(column.key, _("Required."))
        clean[column.key] = text
    limits = {
        "name": 200,
        "summary": 500,
        "tags": 300,
        "organization": 200,
        "province": 50,
        "contact_phone": 40,
    }
    for key, limit in limits.items():
        if len(clean[key]) > limit:
            error(key, _("At most %(n)d characters.") % {"n": limit})
    for key, table in (
        ("achievement_type", ctx.types),
        ("technical_field", ctx.fields),
        ("maturity", ctx.maturity),
    ):
        if clean[key] and clean[key] not in table:
            error(key, _("“%(value)s” is not in the list.") % {"value": clean[key]})
        else:
            clean[key] = table.get(clean[key], "")
    if clean["organization_kind"]:
        if clean["organization_kind"] not in ctx.kinds:
            error(
                "organization_kind",
                _("“%(value)s” is not in the list.") % {"value": clean["organization_kind"]},
            )
        clean["organization_kind"] = ctx.kinds.get(clean["organization_kind"], Organization.Kind.OTHER)
    for key, table in (("scenarios", ctx.scenarios), ("cooperation_modes", ctx.modes)):
        codes = []
        for item in split_multi(clean[key]):
            if item not in table:
                error(key, _("“%(value)s” is not in the list.") % {"value": item})
            else:
                codes.append(table[item])
        clean[key] = sorted(set(codes))
    if clean["trl"]:
        try:
            trl = int(float(clean["trl"]))
        except ValueError:
            trl = 0
        if not 1 <= trl <= 9 or str(clean["trl"]).replace(".0", "") != str(trl):
            error("trl", _("A whole number from 1 to 9."))
        clean["trl"] = trl if 1 <= trl <= 9 else None
    else:
        clean["trl"] = None
    if clean["holder"]:
        if clean["holder"] not in ctx.holders:
            error(
                "holder",
                _("No active achievement holder with the user name “%(value)s”.")
                % {"value": clean["holder"]},
            )
        clean["holder_id"] = ctx.holders.get(clean["holder"])
    else:
        clean["holder_id"] = ctx.actor.pk
    key = (clean["name"], clean["organization"])
    if clean["name"]:
        first = ctx.seen_names.get(key)
        if first is not None:
            ctx.duplicates.append(
                RowError(
                    row.row,
                    header["name"],
                    _("Same achievement and organisation as row %(n)d.") % {"n": first},
                )
            )
        else:
            ctx.seen_names[key] = row.row
    if not errors:
        row.values = clean
    return errors


# --------------------------------------------------------------------------- writing
def _log_rows(
    objects: list[Any], *, workflow: str, state_of: Any, actor: Any, reason_of: Any
) -> list[TransitionLog]:
    """The TransitionLog rows ``record_initial`` writes, built for many records at once."""
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(type(objects[0]), for_concrete_model=False)
    return [
        TransitionLog(
            content_type=content_type,
            object_id=obj.pk,
            workflow=workflow,
            action="create",
            from_state="",
            to_state=state_of(obj),
            actor=actor,
            reason=reason_of(obj),
            created_at=now,
        )
        for obj in objects
    ]


@transaction.atomic
def write_rows(job: ImportJob, rows: list[ParsedRow], ctx: ValidationContext) -> tuple[int, int]:
    from achievements.models import AchievementType, ApplicationScenario, CooperationMode, TechnicalField

    actor = job.created_by
    published = job.mode == ImportJob.Mode.PUBLISHED
    state = Achievement.State.PUBLISHED if published else Achievement.State.ACCEPTED
    now = timezone.now()
    total = len(rows)
    # organisations named in the file and not yet on the platform
    new_orgs = {}
    for row in rows:
        name = row.values["organization"]
        if name not in ctx.organizations and name not in new_orgs:
            new_orgs[name] = Organization(
                name=name,
                kind=row.values["organization_kind"] or Organization.Kind.OTHER,
                province=row.values["province"],
            )
    if new_orgs:
        Organization.objects.bulk_create(list(new_orgs.values()), batch_size=500)
        ctx.organizations.update(
            dict(Organization.objects.filter(name__in=new_orgs).values_list("name", "pk"))
        )
    types_by_code = {t.code: t for t in AchievementType.objects.all()}
    fields_by_code = {f.code: f for f in TechnicalField.objects.all()}
    scenarios_by_code = {x.code: x for x in ApplicationScenario.objects.all()}
    modes_by_code = {m.code: m for m in CooperationMode.objects.all()}
    type_ids = {code: t.pk for code, t in types_by_code.items()}
    field_ids = {code: f.pk for code, f in fields_by_code.items()}
    scenario_ids = {code: x.pk for code, x in scenarios_by_code.items()}
    mode_ids = {code: m.pk for code, m in modes_by_code.items()}
    organizations = {
        org.name: org
        for org in Organization.objects.filter(name__in={r.values["organization"] for r in rows})
    }

    created: list[Achievement] = []
    batch = 500
    for start in range(0, total, batch):
        chunk = rows[start : start + batch]
        objects = []
        for row in chunk:
            v = row.values
            objects.append(
                Achievement(
                    name=v["name"],
                    summary=v["summary"],
                    holder_id=v["holder_id"],
                    organization_id=ctx.organizations[v["organization"]],
                    achievement_type_id=type_ids.get(v["achievement_type"]),
                    technical_field_id=field_ids.get(v["technical_field"]),
                    maturity=v["maturity"],
                    trl=v["trl"],
                    tags=v["tags"],
                    background=v["background"],
                    innovation_points=v["innovation_points"],
                    contributions=v["contributions"],
                    cooperation_note=v["cooperation_note"],
                    contact_name=v["contact_name"],
                    contact_phone=v["contact_phone"],
                    state=state,
                    created_at=now,
                    updated_at=now,
                    accepted_at=now,
                    published_at=now if published else None,
                )
            )
        Achievement.objects.bulk_create(objects, batch_size=batch)
        scenario_links = []
        mode_links = []
        for obj, row in zip(objects, chunk, strict=True):
            obj._import_row = row.row
            for code in row.values["scenarios"]:
                scenario_links.append(
                    Achievement.scenarios.through(
                        achievement_id=obj.pk, applicationscenario_id=scenario_ids[code]
                    )
                )
            for code in row.values["cooperation_modes"]:
                mode_links.append(
                    Achievement.cooperation_modes.through(
                        achievement_id=obj.pk, cooperationmode_id=mode_ids[code]
                    )
                )
        Achievement.scenarios.through.objects.bulk_create(scenario_links, batch_size=1000)
        Achievement.cooperation_modes.through.objects.bulk_create(mode_links, batch_size=1000)
        TransitionLog.objects.bulk_create(
            _log_rows(
                objects,
                workflow="achievement",
                state_of=lambda o: o.state,
                actor=actor,
                reason_of=lambda o: (
                    _("Imported from %(file)s, row %(row)d")
                    % {"file": job.original_name, "row": o._import_row}
                ),
            ),
            batch_size=1000,
        )
        if published:
            PublicationSettings.objects.bulk_create(
                [
                    PublicationSettings(
                        achievement_id=o.pk,
                        maturity=o.maturity,
                        trl=o.trl,
                        levels={},
                        source=PublicationSettings.Source.IMPORT,
                        published_by=actor,
                        published_at=now,
                        note=job.original_name[:500],
                    )
                    for o in objects
                ],
                batch_size=1000,
            )
            entries = EntryFreshness.objects.bulk_create(
                [EntryFreshness(achievement_id=o.pk, confirmed_at=now, updated_at=now) for o in objects],
                batch_size=1000,
            )
            TransitionLog.objects.bulk_create(
                _log_rows(
                    entries,
                    workflow="library_freshness",
                    state_of=lambda o: o.state,
                    actor=actor,
                    reason_of=lambda o: job.original_name,
                ),
                batch_size=1000,
            )
            documents_write(
                [
                    (
                        o,
                        Related(
                            technical_field=fields_by_code.get(row.values["technical_field"]),
                            achievement_type=types_by_code.get(row.values["achievement_type"]),
                            organization=organizations[row.values["organization"]],
                            scenarios=[scenarios_by_code[c] for c in row.values["scenarios"]],
                            modes=[modes_by_code[c] for c in row.values["cooperation_modes"]],
                        ),
                    )
                    for o, row in zip(objects, chunk, strict=True)
                ]
            )
        created.extend(objects)
        _progress(job, "writing", start + len(chunk), total)
    bump_generation()
    return created[0].pk, created[-1].pk


def import_log(limit: int = 50) -> list[ImportJob]:
    return list(ImportJob.objects.select_related("created_by").order_by("-created_at", "-id")[:limit])


def has_import_role(user: Any) -> bool:
    return has_role(user, Role.STAFF, Role.ADMIN)


def stale_jobs(older_than: dt.timedelta = dt.timedelta(hours=2)) -> list[int]:
    """Jobs stuck in "running" (a worker died): listed for staff; running them again is safe."""
    return list(
        ImportJob.objects.filter(
            state=ImportJob.State.RUNNING, started_at__lt=timezone.now() - older_than
        ).values_list("pk", flat=True)
    )
