from __future__ import annotations

import hashlib
import re

import pytest
from django.urls import reverse

from platform_core.errors import ConflictError, ValidationFailed
from platform_core.reports.models import ReportRecord
from platform_core.reports.selectors import reports_for
from platform_core.reports.services import (
    report_render,
    report_render_now,
    report_request,
    report_retry,
    report_set_locked,
)

Status = ReportRecord.Status
BUILDER = "platform_core.reports.tests.builders.external"
TINY = "reports_test/tiny.html"


def request_report(subject, user, builder=BUILDER, template=TINY) -> ReportRecord:
    return report_request(
        subject=subject,
        kind="evaluation_report",
        title="慢性肝病成果评估报告",
        template_name=template,
        context_builder=builder,
        requested_by=user,
    )


def test_request_queues_then_task_renders_after_commit(subject, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = request_report(subject, users["holder"])
    assert report.status == Status.QUEUED and not report.file
    for callback in callbacks:
        callback()
    report.refresh_from_db()
    assert report.status == Status.DONE and report.progress == 100
    assert report.pages >= 1 and report.size == report.file.size
    assert re.match(r"^reports/\d{4}/[0-9a-f]{32}\.pdf$", report.file.name)
    with report.file.open("rb") as f:
        content = f.read()
    assert hashlib.sha256(content).hexdigest() == report.sha256
    assert report.started_at <= report.finished_at


def test_render_is_idempotent(subject, users):
    report = report_render_now(
        subject=subject, kind="k", title="t", template_name=TINY, context_builder=BUILDER
    )
    name, sha = report.file.name, report.sha256
    report_render(report_id=report.pk)
    report.refresh_from_db()
    assert (report.file.name, report.sha256) == (name, sha)
    assert report_render(report_id=999999) is None  # gone: returns quietly


def test_failure_is_recorded_and_retry_works(subject, users, django_capture_on_commit_callbacks):
    report = report_render_now(
        subject=subject,
        kind="k",
        title="t",
        template_name=TINY,
        context_builder="platform_core.reports.tests.builders.broken",
        requested_by=users["holder"],
    )
    assert report.status == Status.FAILED and "评分表未提交" in report.error and not report.file
    with pytest.raises(Exception) as info:
        report_retry(report_id=report.pk, actor=users["enterprise"])
    assert getattr(info.value, "status_code", None) == 404
    ReportRecord.objects.filter(pk=report.pk).update(context_builder=BUILDER)
    with django_capture_on_commit_callbacks(execute=True):
        report_retry(report_id=report.pk, actor=users["holder"])
    report.refresh_from_db()
    assert report.status == Status.DONE and report.error == ""
    with pytest.raises(ConflictError):
        report_retry(report_id=report.pk, actor=users["holder"])


def test_unknown_builder_or_template_refused_up_front(subject, users):
    with pytest.raises(ValidationFailed):
        request_report(subject, users["staff"], builder="nope.nothing")
    with pytest.raises(Exception):  # noqa: B017 - TemplateDoesNotExist
        request_report(subject, users["staff"], template="reports/does-not-exist.html")
    assert ReportRecord.objects.count() == 0


def test_locked_report_cannot_be_deleted(subject):
    report = report_render_now(
        subject=subject, kind="k", title="t", template_name=TINY, context_builder=BUILDER
    )
    report_set_locked(report_id=report.pk, locked=True)
    report.refresh_from_db()
    with pytest.raises(ConflictError):
        report.delete()
    with pytest.raises(ConflictError):
        ReportRecord.objects.all().delete()
    assert ReportRecord.objects.filter(pk=report.pk).exists()


# --- pages ---------------------------------------------------------------------------------------


def test_status_page_shows_queued_then_done(client_for, subject, users, django_capture_on_commit_callbacks):
    client = client_for("holder")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = request_report(subject, users["holder"])
    page = client.get(reverse("reports:detail", args=[report.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-poll-url="{reverse("reports:status", args=[report.pk])}"' in html
    assert 'data-status="queued"' in html and "data-poll-done" not in html
    status = client.get(reverse("reports:status", args=[report.pk])).content.decode()
    assert 'data-status="queued"' in status and "data-poll-done" not in status
    for callback in callbacks:
        callback()
    status = client.get(reverse("reports:status", args=[report.pk])).content.decode()
    report.refresh_from_db()
    assert 'data-status="done"' in status and "data-poll-done" in status
    assert reverse("reports:download", args=[report.pk]) in status and report.sha256 in status
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "data-poll-url" not in page  # finished: no polling


def test_request_inside_a_request_renders_eagerly_after_commit(client_for, subject, users):
    # ATOMIC_REQUESTS + eager tasks: the view's on_commit runs the task; simulate with a commit.
    from django.test.utils import CaptureQueriesContext  # noqa: F401

    report = report_render_now(
        subject=subject,
        kind="k",
        title="t",
        template_name=TINY,
        context_builder=BUILDER,
        requested_by=users["holder"],
    )
    response = client_for("holder").get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == report.sha256


@pytest.mark.parametrize(
    ("role", "status"), [("holder", 200), ("staff", 200), ("enterprise", 404), ("other_holder", 404)]
)
def test_visibility(client_for, subject, users, role, status):
    report = report_render_now(
        subject=subject,
        kind="k",
        title="t",
        template_name=TINY,
        context_builder=BUILDER,
        requested_by=users["holder"],
    )
    client = client_for(role)
    for name in ("detail", "status", "download"):
        assert client.get(reverse(f"reports:{name}", args=[report.pk])).status_code == status


def test_registered_subject_visibility(client_for, subject, users):
    from platform_core.accounts.models import Organization
    from platform_core.attachments import registry

    registry.register_visibility(Organization, lambda user, org: user.username == "enterprise")
    try:
        report = report_render_now(
            subject=subject,
            kind="k",
            title="t",
            template_name=TINY,
            context_builder=BUILDER,
            requested_by=users["holder"],
        )
        assert client_for("enterprise").get(reverse("reports:detail", args=[report.pk])).status_code == 200
        assert client_for("holder").get(reverse("reports:detail", args=[report.pk])).status_code == 404
    finally:
        registry.unregister(Organization)


def test_download_of_unfinished_report_is_404(client_for, subject, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        report = request_report(subject, users["holder"])
    assert client_for("holder").get(reverse("reports:download", args=[report.pk])).status_code == 404


def test_list_partial(rf, subject, users):
    from django.template.loader import render_to_string

    report = report_render_now(
        subject=subject, kind="k", title="评估报告甲", template_name=TINY, context_builder=BUILDER
    )
    html = render_to_string("reports/partials/list.html", {"reports": reports_for(subject)})
    assert "评估报告甲" in html and reverse("reports:download", args=[report.pk]) in html


# --- API -----------------------------------------------------------------------------------------


def test_api_detail_and_list(api_for, subject, users):
    report = report_render_now(
        subject=subject,
        kind="k",
        title="t",
        template_name=TINY,
        context_builder=BUILDER,
        requested_by=users["holder"],
    )
    data = api_for("holder").get(f"/api/v1/reports/{report.pk}/").json()
    assert data["status"] == "done" and data["progress"] == 100 and data["sha256"] == report.sha256
    assert data["download_url"] == reverse("reports:download", args=[report.pk])
    assert api_for("enterprise").get(f"/api/v1/reports/{report.pk}/").status_code == 404
    params = {"subject_type": "accounts.organization", "subject_id": subject.pk}
    assert api_for("staff").get("/api/v1/reports/", params).json()["count"] == 1
    assert api_for("enterprise").get("/api/v1/reports/", params).status_code == 404
    assert api_for("holder").get("/api/v1/reports/").json()["count"] == 1
    assert api_for("enterprise").get("/api/v1/reports/").json()["count"] == 0
    assert (
        api_for("staff").get("/api/v1/reports/", {"subject_type": "x", "subject_id": "1"}).status_code == 400
    )
    assert api_for("holder").get(f"/api/v1/reports/{report.pk}/download/").status_code == 200


@pytest.mark.parametrize("n", [1, 20])
def test_api_list_query_count(api_for, subject, users, django_assert_max_num_queries, n):
    from django.contrib.contenttypes.models import ContentType

    from platform_core.accounts.models import Organization

    ct = ContentType.objects.get_for_model(Organization)
    ReportRecord.objects.bulk_create(
        ReportRecord(
            content_type=ct,
            object_id=subject.pk,
            kind="k",
            title=f"r{i}",
            template_name="x",
            context_builder="x",
            requested_by=users["holder"],
        )
        for i in range(n)
    )
    client = api_for("staff")
    client.get("/api/v1/reports/")
    with django_assert_max_num_queries(6):
        response = client.get(
            "/api/v1/reports/", {"subject_type": "accounts.organization", "subject_id": subject.pk}
        )
    assert response.json()["count"] == n
