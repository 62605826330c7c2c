from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from platform_core.archive import services
from platform_core.archive.models import ArchiveEntry, ArchiveSequence, DocumentType, add_years
from platform_core.archive.selectors import ArchiveFilters, archive_entries_for, archive_search
from platform_core.archive.services import archive_dispose, archive_document
from platform_core.attachments.models import Attachment
from platform_core.attachments.services import attachment_create, attachment_delete
from platform_core.audit.models import AuditEvent
from platform_core.errors import ConflictError, PermissionDeniedError, ValidationFailed
from platform_core.reports.models import ReportRecord

from .conftest import PDF


def archive_pdf(
    subject, user, doc_type="evaluation_report", title="慢性肝病成果评估报告", **kwargs
) -> ArchiveEntry:
    return archive_document(
        subject=subject,
        doc_type=doc_type,
        title=title,
        archived_by=user,
        file_bytes=PDF,
        filename="报告.pdf",
        **kwargs,
    )


def expire(entry: ArchiveEntry) -> None:
    ArchiveEntry.objects.filter(pk=entry.pk).update(retain_until=date.today() - timedelta(days=1))
    entry.refresh_from_db()


def at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(services.timezone, "now", lambda: moment)


# --- codes -------------------------------------------------------------------------------------


def test_document_types_exist_after_migrate(db):
    codes = set(DocumentType.objects.values_list("code", flat=True))
    assert {
        "evaluation_report",
        "score_sheet",
        "agreement",
        "submission_form",
        "platform_evaluation_report",
    } <= codes
    assert DocumentType.objects.get(code="agreement").retention_years == 30


def test_codes_by_type_and_year_are_sequential_and_unique(subject, users, monkeypatch):
    at(monkeypatch, datetime(2026, 12, 31, 3, 0, tzinfo=UTC))  # 11:00 in Shanghai, still 2026
    a = archive_pdf(subject, users["staff"])
    b = archive_pdf(subject, users["staff"])
    c = archive_pdf(subject, users["staff"], doc_type="agreement", title="合作协议")
    at(monkeypatch, datetime(2026, 12, 31, 17, 0, tzinfo=UTC))  # 01:00 on 2027-01-01 in Shanghai
    d = archive_pdf(subject, users["staff"])
    assert [a.code, b.code, c.code, d.code] == [
        "PGBG-2026-0001",
        "PGBG-2026-0002",
        "HZXY-2026-0001",
        "PGBG-2027-0001",
    ]
    assert all(re.fullmatch(r"[A-Z]+-\d{4}-\d{4}", e.code) for e in (a, b, c, d))
    assert ArchiveEntry.objects.values("code").distinct().count() == 4
    assert ArchiveSequence.objects.get(doc_type_id="evaluation_report", year=2026).last == 2


def test_retention_defaults_per_type_and_override(subject, users, monkeypatch):
    at(monkeypatch, datetime(2028, 2, 29, 4, 0, tzinfo=UTC))
    report = archive_pdf(subject, users["staff"])
    agreement = archive_pdf(subject, users["staff"], doc_type="agreement")
    custom = archive_pdf(subject, users["staff"], retention_years=3)
    permanent = archive_pdf(subject, users["staff"], retention_years=0)
    assert (report.retention_years, report.retain_until) == (10, date(2038, 2, 28))
    assert agreement.retain_until == date(2058, 2, 28)
    assert custom.retain_until == date(2031, 2, 28)
    assert permanent.retain_until is None and permanent.is_retained(date(2999, 1, 1))
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_source_must_be_exactly_one(subject, users):
    with pytest.raises(ValidationFailed):
        archive_document(subject=subject, doc_type="other", title="x", archived_by=users["staff"])
    with pytest.raises(ValidationFailed):
        archive_document(
            subject=subject,
            doc_type="nope",
            title="x",
            archived_by=users["staff"],
            file_bytes=PDF,
            filename="a.pdf",
        )
    with pytest.raises(ValidationFailed):  # archived files are validated like uploads
        archive_document(
            subject=subject,
            doc_type="other",
            title="x",
            archived_by=users["staff"],
            file_bytes=b"<html>",
            filename="a.pdf",
        )
    assert ArchiveEntry.objects.count() == 0 and not ArchiveSequence.objects.exists()


# --- retention -----------------------------------------------------------------------------------


def test_delete_before_retention_is_refused_everywhere(subject, users):
    entry = archive_pdf(subject, users["staff"])
    with pytest.raises(ConflictError):
        entry.delete()
    with pytest.raises(ConflictError):
        ArchiveEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(ConflictError):
        ArchiveEntry.objects.all().delete()
    with pytest.raises(ConflictError):
        archive_dispose(entry_id=entry.pk, actor=users["staff"], reason="清理")
    assert ArchiveEntry.objects.filter(pk=entry.pk).exists()
    assert entry.file.storage.exists(entry.file.name)
    assert not AuditEvent.objects.filter(kind="archive_dispose").exists()


def test_delete_after_retention_is_allowed(subject, users):
    entry = archive_pdf(subject, users["staff"])
    expire(entry)
    entry.delete()
    assert not ArchiveEntry.objects.filter(pk=entry.pk).exists()
    other = archive_pdf(subject, users["staff"])
    expire(other)
    ArchiveEntry.objects.filter(pk=other.pk).delete()
    assert ArchiveEntry.objects.count() == 0


def test_dispose_after_retention_writes_audit_row(subject, users, django_capture_on_commit_callbacks):
    entry = archive_pdf(subject, users["staff"])
    expire(entry)
    with pytest.raises(PermissionDeniedError):
        archive_dispose(entry_id=entry.pk, actor=users["holder"], reason="x")
    with pytest.raises(ValidationFailed):
        archive_dispose(entry_id=entry.pk, actor=users["staff"], reason=" ")
    assert ArchiveEntry.objects.filter(pk=entry.pk).exists()
    name, storage = entry.file.name, entry.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        archive_dispose(entry_id=entry.pk, actor=users["staff"], reason="保管期满，按规定销毁")
    assert not ArchiveEntry.objects.filter(pk=entry.pk).exists()
    assert not storage.exists(name)
    event = AuditEvent.objects.get(kind="archive_dispose")
    assert event.actor == users["staff"] and event.detail["code"] == entry.code
    assert event.detail["reason"] == "保管期满，按规定销毁"


def test_archived_attachment_is_locked_until_disposal(subject, users):
    att = attachment_create(
        owner=subject, uploaded_file=SimpleUploadedFile("协议.pdf", PDF), uploaded_by=users["staff"]
    )
    entry = archive_document(
        subject=subject, doc_type="agreement", title="合作协议", archived_by=users["staff"], attachment=att
    )
    att.refresh_from_db()
    assert att.locked and entry.sha256 == att.sha256 and entry.original_name == "协议.pdf"
    with pytest.raises(ConflictError):
        attachment_delete(attachment_id=att.pk, actor=users["staff"])
    with pytest.raises(ConflictError):
        Attachment.objects.filter(pk=att.pk).delete()
    expire(entry)
    archive_dispose(entry_id=entry.pk, actor=users["staff"], reason="期满")
    att.refresh_from_db()
    assert not att.locked
    attachment_delete(attachment_id=att.pk, actor=users["staff"])
    assert not Attachment.objects.filter(pk=att.pk).exists()


def test_archived_report_is_locked(subject, users):
    from platform_core.reports.services import report_render_now

    report = report_render_now(
        subject=subject,
        kind="evaluation_report",
        title="评估报告",
        template_name="reports/sample.html",
        context_builder="platform_core.reports.sample.sample_context",
    )
    entry = archive_document(
        subject=subject,
        doc_type="evaluation_report",
        title="评估报告",
        archived_by=users["staff"],
        report=report,
    )
    report.refresh_from_db()
    assert report.locked and entry.sha256 == report.sha256
    with pytest.raises(ConflictError):
        report.delete()
    assert ReportRecord.objects.filter(pk=report.pk).exists()
    assert list(archive_entries_for(subject)) == [entry]


def test_unfinished_report_cannot_be_archived(subject, users):
    from django.contrib.contenttypes.models import ContentType

    report = ReportRecord.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        kind="k",
        title="t",
        template_name="x",
        context_builder="x",
    )
    with pytest.raises(ValidationFailed):
        archive_document(
            subject=subject, doc_type="other", title="t", archived_by=users["staff"], report=report
        )


# --- search, pages, admin, API ---------------------------------------------------------------------


@pytest.fixture
def entries(subject, users, org):
    return [
        archive_pdf(subject, users["staff"], title="疏肝健脾方评估报告"),
        archive_pdf(org, users["staff"], doc_type="agreement", title="技术转让合同"),
    ]


def test_search_by_code_subject_type_and_date(entries):
    first, second = entries
    assert list(archive_search(ArchiveFilters(q=first.code))) == [first]
    assert list(archive_search(ArchiveFilters(q="附属医院"))) == [first]
    assert list(archive_search(ArchiveFilters(q="测试医院"))) == [second]
    assert list(archive_search(ArchiveFilters(doc_type="agreement"))) == [second]
    today = first.archived_at.date()
    assert (
        len(
            archive_search(
                ArchiveFilters(date_from=today - timedelta(days=1), date_to=today + timedelta(days=1))
            )
        )
        == 2
    )
    assert list(archive_search(ArchiveFilters(date_from=today + timedelta(days=2)))) == []


@pytest.mark.parametrize(
    ("role", "status"),
    [("staff", 200), ("admin", 200), ("holder", 403), ("enterprise", 403), ("evaluator", 403)],
)
def test_archive_pages_are_staff_only(client_for, entries, role, status):
    client = client_for(role)
    entry = entries[0]
    for url in (
        reverse("archive:list"),
        reverse("archive:detail", args=[entry.pk]),
        reverse("archive:download", args=[entry.pk]),
        reverse("archive:create"),
    ):
        assert client.get(url).status_code == status


def test_anonymous_goes_to_login(client_for):
    response = client_for("anonymous").get(reverse("archive:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_list_page_search(client_for, entries):
    client = client_for("staff")
    html = client.get(reverse("archive:list"), {"q": entries[0].code}).content.decode()
    assert entries[0].code in html and entries[1].code not in html
    html = client.get(reverse("archive:list"), {"q": "测试医院"}).content.decode()
    assert entries[1].code in html and entries[0].code not in html
    html = client.get(reverse("archive:list"), {"q": "不存在的东西"}).content.decode()
    assert 'data-testid="empty-state"' in html


@pytest.mark.parametrize("n", [1, 20])
def test_list_page_query_count(client_for, subject, users, django_assert_max_num_queries, n):
    for _ in range(n):
        archive_pdf(subject, users["staff"])
    client = client_for("staff")
    client.get(reverse("archive:list"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("archive:list"))
    assert response.content.decode().count("/download/") == n


def test_csv_export(client_for, entries):
    response = client_for("staff").get(reverse("archive:list"), {"export": "csv", "doc_type": "agreement"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeff") and entries[1].code in body and entries[0].code not in body
    assert AuditEvent.objects.filter(kind="export").exists()


def test_download(client_for, entries):
    response = client_for("staff").get(reverse("archive:download", args=[entries[0].pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_manual_archive_form(client_for):
    client = client_for("staff")
    data = {
        "doc_type": "signed_form",
        "title": "专家签字表",
        "subject_label": "某成果评估",
        "file": SimpleUploadedFile("签字.pdf", PDF),
    }
    response = client.post(reverse("archive:create"), data)
    entry = ArchiveEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == entry.get_absolute_url()
    assert entry.code.startswith("QZWJ-") and entry.retain_until is not None
    bad = dict(data, file=SimpleUploadedFile("签字.pdf", b"\x89PNG\r\n\x1a\n0000"))
    response = client.post(reverse("archive:create"), bad)
    assert response.status_code == 200 and "PDF" in response.content.decode()
    assert ArchiveEntry.objects.count() == 1


def test_dispose_view(client_for, entries):
    entry = entries[0]
    client = client_for("staff")
    client.post(reverse("archive:dispose", args=[entry.pk]), {"reason": "x"})
    assert ArchiveEntry.objects.filter(pk=entry.pk).exists()
    expire(entry)
    assert (
        client_for("holder").post(reverse("archive:dispose", args=[entry.pk]), {"reason": "x"}).status_code
        == 403
    )
    assert ArchiveEntry.objects.filter(pk=entry.pk).exists()
    response = client.post(reverse("archive:dispose", args=[entry.pk]), {"reason": "保管期满"})
    assert response.status_code == 302
    assert not ArchiveEntry.objects.filter(pk=entry.pk).exists()


def test_admin_hides_delete_until_retention_ends(client_for, entries):
    entry = entries[0]
    admin = client_for("admin")
    url = reverse("admin:archive_archiveentry_delete", args=[entry.pk])
    assert admin.get(url).status_code == 403
    assert admin.post(url, {"post": "yes"}).status_code == 403
    changelist = admin.get(reverse("admin:archive_archiveentry_changelist")).content.decode()
    assert "delete_selected" not in changelist
    assert ArchiveEntry.objects.filter(pk=entry.pk).exists()
    expire(entry)
    assert admin.get(url).status_code == 200
    admin.post(url, {"post": "yes"})
    assert not ArchiveEntry.objects.filter(pk=entry.pk).exists()
    assert AuditEvent.objects.filter(kind="archive_dispose", target_id=str(entry.pk)).exists()


def test_api_staff_only_with_search(api_for, entries):
    assert api_for("holder").get("/api/v1/archive/").status_code == 403
    data = api_for("staff").get("/api/v1/archive/", {"search": entries[0].code}).json()
    assert data["count"] == 1 and data["results"][0]["code"] == entries[0].code
    assert api_for("staff").get("/api/v1/archive/", {"doc_type": "agreement"}).json()["count"] == 1
    assert api_for("staff").get("/api/v1/archive/", {"subject": "附属医院"}).json()["count"] == 1
    assert api_for("staff").get(f"/api/v1/archive/{entries[0].pk}/").json()["doc_type_name"] == "评估报告"


@pytest.mark.parametrize("n", [1, 20])
def test_api_list_query_count(api_for, subject, users, django_assert_max_num_queries, n):
    for _ in range(n):
        archive_pdf(subject, users["staff"])
    client = api_for("staff")
    with django_assert_max_num_queries(7):  # session, user, groups, (PostgreSQL: size estimate), count, rows
        assert client.get("/api/v1/archive/").json()["count"] == n


def test_navigation_item_for_staff_only(users):
    from platform_core.navigation import items_for

    assert any(i.url_name == "archive:list" for i in items_for(users["staff"]))
    assert not any(i.url_name == "archive:list" for i in items_for(users["holder"]))


def test_list_queries_do_not_grow_with_rows(client_for, api_for, subject, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client, url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    archive_pdf(subject, users["staff"])
    page, api = client_for("staff"), api_for("staff")
    one = (count(page, reverse("archive:list")), count(api, "/api/v1/archive/"))
    for _ in range(19):
        archive_pdf(subject, users["staff"])
    assert (count(page, reverse("archive:list")), count(api, "/api/v1/archive/")) == one


@pytest.mark.parametrize(
    "model",
    [
        "archive_archiveentry",
        "archive_documenttype",
        "archive_archivesequence",
        "attachments_attachment",
        "reports_reportrecord",
    ],
)
def test_admin_changelists_render(client_for, entries, model):
    admin = client_for("admin")
    assert admin.get(reverse(f"admin:{model}_changelist"), {"q": "报告"}).status_code == 200


def test_admin_change_pages_render(client_for, entries):
    admin = client_for("admin")
    entry = entries[0]
    assert admin.get(reverse("admin:archive_archiveentry_change", args=[entry.pk])).status_code == 200
    assert (
        admin.get(reverse("admin:archive_documenttype_change", args=[entry.doc_type.pk])).status_code == 200
    )
