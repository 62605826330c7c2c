"""Bulk import: template with drop-downs, all-or-nothing validation naming row and column, progress, export."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from achievements.library.excel import SHEET, VOCAB_SHEET, template_workbook
from achievements.library.models import ImportJob, SearchDocument
from achievements.library.services.imports import import_job_create, import_job_run
from achievements.models import Achievement
from platform_core.accounts.models import Organization
from platform_core.workflow.models import TransitionLog


def row(i: int, **overrides) -> list:
    values = {
        "name": f"导入成果{i}：肝纤维化中药复方",
        "summary": "治疗肝纤维化的中药复方颗粒",
        "type": "中药复方/制剂",
        "field": "中医药",
        "maturity": "中试阶段",
        "trl": 6,
        "scenarios": "临床诊疗；健康管理",
        "modes": "许可",
        "tags": "肝纤维化,中药",
        "org": "导入测试医院",
        "kind": "医院",
        "province": "河北省",
        "holder": "",
        "background": "研究背景",
        "innovation": "创新点",
        "contributions": "主要贡献",
        "note": "合作要求",
        "contact": "王医生",
        "phone": "0311-88888888",
    }
    values.update(overrides)
    return list(values.values())


def workbook(rows: list[list]) -> SimpleUploadedFile:
    wb = load_workbook(io.BytesIO(template_workbook()))
    ws = wb[SHEET]
    for r in rows:
        ws.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("catalogue.xlsx", buffer.getvalue())


def test_template_has_dropdowns(db):
    wb = load_workbook(io.BytesIO(template_workbook()))
    ws = wb[SHEET]
    assert ws["A1"].value == "成果名称*"
    validations = ws.data_validations.dataValidation
    assert len(validations) >= 6
    assert any(VOCAB_SHEET in (v.formula1 or "") for v in validations)
    assert wb[VOCAB_SHEET].sheet_state == "hidden"
    labels = [c.value for c in wb[VOCAB_SHEET]["B"]]
    assert "中医药" in labels


def test_one_bad_row_among_a_thousand_changes_nothing(users):
    rows = [row(i) for i in range(1000)]
    rows[499] = row(499, maturity="小试阶段")
    before = (Achievement.objects.count(), TransitionLog.objects.count(), Organization.objects.count())
    job = import_job_create(actor=users["staff"], uploaded_file=workbook(rows), mode=ImportJob.Mode.PUBLISHED)
    import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED
    assert job.errors == [{"row": 501, "column": "成熟度", "message": "“小试阶段”不在列表中。"}]
    assert (
        Achievement.objects.count(),
        TransitionLog.objects.count(),
        Organization.objects.count(),
    ) == before
    assert job.total_rows == 1000 and job.created_count == 0


def test_report_names_every_problem(users):
    rows = [row(1, name="", trl=12), row(2, field="外星科技", holder="nobody"), row(3), row(3)]
    job = import_job_create(actor=users["staff"], uploaded_file=workbook(rows), mode=ImportJob.Mode.ACCEPTED)
    import_job_run(job_id=job.pk)
    job.refresh_from_db()
    problems = {(e["row"], e["column"]) for e in job.errors}
    assert {
        (2, "成果名称"),
        (2, "技术成熟度等级"),
        (3, "技术领域"),
        (3, "持有方账号"),
        (5, "成果名称"),
    } <= problems
    assert Achievement.objects.filter(name__startswith="导入成果").count() == 0


def test_good_file_is_imported_as_published_with_log(client_for, users, django_capture_on_commit_callbacks):
    rows = [row(i, holder="holder" if i % 2 else "") for i in range(30)]
    staff = client_for("staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post("/library/import/", {"file": workbook(rows), "mode": "published"})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.DONE and job.created_count == 30  # eager Celery ran it after commit
    created = Achievement.objects.filter(name__startswith="导入成果")
    assert created.count() == 30 and set(created.values_list("state", flat=True)) == {"published"}
    assert created.filter(holder=users["holder"]).count() == 15
    assert SearchDocument.objects.filter(pk__in=created.values("pk")).count() == 30
    logs = TransitionLog.objects.filter(
        workflow="achievement", object_id__in=[str(pk) for pk in created.values_list("pk", flat=True)]
    )
    assert logs.count() == 30 and set(logs.values_list("action", "to_state")) == {("create", "published")}
    assert "catalogue.xlsx" in logs.first().reason
    progress = staff.get(f"/library/import/{job.pk}/progress/")
    assert b"data-poll-done" in progress.content
    page = staff.get(f"/library/import/{job.pk}/")
    assert b"100%" in page.content
    assert b"catalogue.xlsx" in staff.get("/library/import/").content
    assert client_for("anonymous").get("/library/", {"q": "导入成果1"}).status_code == 200


def test_accepted_mode_stays_out_of_the_library(users):
    job = import_job_create(
        actor=users["staff"], uploaded_file=workbook([row(1)]), mode=ImportJob.Mode.ACCEPTED
    )
    import_job_run(job_id=job.pk)
    achievement = Achievement.objects.get(name__startswith="导入成果")
    assert achievement.state == Achievement.State.ACCEPTED
    assert not SearchDocument.objects.filter(pk=achievement.pk).exists()


def test_running_a_finished_job_again_changes_nothing(users):
    job = import_job_create(
        actor=users["staff"], uploaded_file=workbook([row(1)]), mode=ImportJob.Mode.ACCEPTED
    )
    import_job_run(job_id=job.pk)
    import_job_run(job_id=job.pk)
    assert Achievement.objects.filter(name__startswith="导入成果").count() == 1


@pytest.mark.parametrize("role", ["holder", "enterprise"])
def test_only_staff_import(client_for, role):
    assert client_for(role).get("/library/import/").status_code == 403
    assert client_for(role).get("/library/import/template.xlsx").status_code == 403
    response = client_for(role).post("/library/import/", {"file": workbook([row(1)]), "mode": "published"})
    assert response.status_code == 403
    assert ImportJob.objects.count() == 0


def test_not_an_excel_file(client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("staff").post(
            "/library/import/", {"file": SimpleUploadedFile("x.xlsx", b"not a zip"), "mode": "published"}
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.state == ImportJob.State.FAILED and job.errors


def test_export_is_public_only(client_for, make_entry):
    from .conftest import SECRET

    entry = make_entry("扶正化瘀抗肝纤维化中药颗粒")
    assert client_for("anonymous").get("/library/export/").status_code == 302
    response = client_for("enterprise").get("/library/export/", {"q": "肝纤维化"})
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    values = [c for r in wb.active.iter_rows(values_only=True) for c in r if c]
    assert entry.name in values
    assert not any(SECRET in str(v) for v in values)
