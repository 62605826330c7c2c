from __future__ import annotations

import re

import pytest
from django.urls import reverse

from platform_core.attachments.models import Attachment
from platform_core.attachments.selectors import attachments_for
from platform_core.attachments.services import attachment_create, attachment_delete, attachment_set_locked
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed

from .conftest import MINIMAL_PDF, MINIMAL_PNG, make_docx, upload

STORED = re.compile(r"^attachments/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|docx|png)$")


@pytest.fixture
def pdf_attachment(owner, users) -> Attachment:
    return attachment_create(
        owner=owner,
        uploaded_file=upload("慢性肝病评估报告.pdf", MINIMAL_PDF),
        uploaded_by=users["holder"],
        kind="report",
    )


def test_create_stores_under_generated_name_with_facts(owner, users):
    att = attachment_create(
        owner=owner, uploaded_file=upload("../../etc/passwd.pdf", MINIMAL_PDF), uploaded_by=users["staff"]
    )
    assert STORED.match(att.file.name), att.file.name
    assert "passwd" not in att.file.name
    assert att.original_name == "passwd.pdf"
    assert att.size == len(MINIMAL_PDF) and att.detected_type == "application/pdf"
    assert att.file.read() == MINIMAL_PDF


def test_traversal_with_backslashes_is_stored_under_generated_name(owner, users):
    att = attachment_create(
        owner=owner, uploaded_file=upload("..\\..\\win\\说明.docx", make_docx()), uploaded_by=users["staff"]
    )
    assert STORED.match(att.file.name)
    assert att.original_name == "说明.docx"


def test_refused_upload_leaves_nothing(owner, users):
    with pytest.raises(ValidationFailed):
        attachment_create(
            owner=owner, uploaded_file=upload("fake.pdf", MINIMAL_PNG), uploaded_by=users["staff"]
        )
    assert Attachment.objects.count() == 0


def test_attachments_for_filters_by_owner_and_kind(owner, org, users, pdf_attachment):
    attachment_create(owner=org, uploaded_file=upload("x.pdf", MINIMAL_PDF), uploaded_by=users["staff"])
    assert list(attachments_for(owner)) == [pdf_attachment]
    assert list(attachments_for(owner, kind="report")) == [pdf_attachment]
    assert list(attachments_for(owner, kind="other")) == []


def test_delete_locked_is_refused_and_file_kept(pdf_attachment, users):
    attachment_set_locked(attachment_id=pdf_attachment.pk, locked=True)
    with pytest.raises(ConflictError):
        attachment_delete(attachment_id=pdf_attachment.pk, actor=users["staff"])
    with pytest.raises(ConflictError):
        Attachment.objects.filter(pk=pdf_attachment.pk).delete()
    pdf_attachment.refresh_from_db()
    with pytest.raises(ConflictError):
        pdf_attachment.delete()
    assert Attachment.objects.filter(pk=pdf_attachment.pk).exists()
    assert pdf_attachment.file.storage.exists(pdf_attachment.file.name)


def test_delete_by_other_user_is_refused(pdf_attachment, users):
    with pytest.raises(NotFoundError):
        attachment_delete(attachment_id=pdf_attachment.pk, actor=users["enterprise"])
    assert Attachment.objects.filter(pk=pdf_attachment.pk).exists()


def test_delete_by_uploader_removes_row_and_file(pdf_attachment, users):
    name = pdf_attachment.file.name
    storage = pdf_attachment.file.storage
    attachment_delete(attachment_id=pdf_attachment.pk, actor=users["holder"])
    assert not Attachment.objects.filter(pk=pdf_attachment.pk).exists()
    assert not storage.exists(name)


def test_registered_owner_decides_delete_permission(registered_owner, users):
    att = attachment_create(
        owner=registered_owner, uploaded_file=upload("a.pdf", MINIMAL_PDF), uploaded_by=users["staff"]
    )
    users["holder"].organization = registered_owner
    users["holder"].save()
    with pytest.raises(PermissionDeniedError):  # may see the owner, but is not uploader nor staff
        attachment_delete(attachment_id=att.pk, actor=users["holder"])
    assert Attachment.objects.filter(pk=att.pk).exists()


# --- download ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("holder", 200), ("staff", 200), ("admin", 200), ("enterprise", 404), ("other_holder", 404)],
)
def test_download_visibility_unregistered_owner(client_for, pdf_attachment, role, status):
    response = client_for(role).get(reverse("attachments:download", args=[pdf_attachment.pk]))
    assert response.status_code == status


def test_download_anonymous_goes_to_login(client_for, pdf_attachment):
    response = client_for("anonymous").get(reverse("attachments:download", args=[pdf_attachment.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_download_registered_owner_uses_its_rule(client_for, registered_owner, users):
    att = attachment_create(
        owner=registered_owner, uploaded_file=upload("a.pdf", MINIMAL_PDF), uploaded_by=users["holder"]
    )
    # The uploader no longer sees the owner's files once the owner's own rule says no.
    assert client_for("holder").get(reverse("attachments:download", args=[att.pk])).status_code == 404
    assert client_for("staff").get(reverse("attachments:download", args=[att.pk])).status_code == 200


def test_download_headers(client_for, pdf_attachment):
    response = client_for("holder").get(reverse("attachments:download", args=[pdf_attachment.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "filename*=utf-8''" in disposition and "%E6%85%A2" in disposition  # 慢, RFC 5987
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_download_of_office_file_is_octet_stream(client_for, owner, users):
    att = attachment_create(
        owner=owner, uploaded_file=upload("说明.docx", make_docx()), uploaded_by=users["staff"]
    )
    response = client_for("staff").get(reverse("attachments:download", args=[att.pk]))
    assert response["Content-Type"] == "application/octet-stream"


# --- upload and delete views --------------------------------------------------------------------


def test_upload_view_for_allowed_user(client_for, registered_owner):
    url = reverse("attachments:upload", args=["accounts.organization", registered_owner.pk])
    response = client_for("staff").post(
        url, {"file": upload("说明.pdf", MINIMAL_PDF), "kind": "k", "next": "/dashboard/"}
    )
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert list(attachments_for(registered_owner).values_list("original_name", "kind")) == [("说明.pdf", "k")]


def test_upload_view_refuses_bad_file_with_message(client_for, registered_owner):
    url = reverse("attachments:upload", args=["accounts.organization", registered_owner.pk])
    response = client_for("staff").post(
        url, {"file": upload("x.pdf", MINIMAL_PNG), "next": "/dashboard/"}, follow=True
    )
    assert "x.pdf" not in [a.original_name for a in Attachment.objects.all()]
    assert any("PDF" in str(m) for m in response.context["messages"])


@pytest.mark.parametrize(("role", "status"), [("enterprise", 404), ("anonymous", 302)])
def test_upload_view_denied(client_for, registered_owner, role, status):
    url = reverse("attachments:upload", args=["accounts.organization", registered_owner.pk])
    response = client_for(role).post(url, {"file": upload("x.pdf", MINIMAL_PDF)})
    assert response.status_code == status
    assert Attachment.objects.count() == 0


def test_upload_view_unknown_owner_404(client_for):
    url = reverse("attachments:upload", args=["nope.model", 1])
    assert client_for("staff").post(url, {"file": upload("x.pdf", MINIMAL_PDF)}).status_code == 404


def test_delete_view(client_for, pdf_attachment):
    url = reverse("attachments:delete", args=[pdf_attachment.pk])
    assert client_for("enterprise").post(url).status_code == 404
    assert Attachment.objects.filter(pk=pdf_attachment.pk).exists()
    attachment_set_locked(attachment_id=pdf_attachment.pk, locked=True)
    client_for("holder").post(url, {"next": "/dashboard/"})
    assert Attachment.objects.filter(pk=pdf_attachment.pk).exists()
    attachment_set_locked(attachment_id=pdf_attachment.pk, locked=False)
    assert client_for("holder").post(url, {"next": "/dashboard/"}).status_code == 302
    assert not Attachment.objects.filter(pk=pdf_attachment.pk).exists()


def test_list_partial_renders(rf, pdf_attachment, users):
    from django.template.loader import render_to_string

    request = rf.get("/x/")
    request.user = users["holder"]
    html = render_to_string(
        "attachments/partials/list.html",
        {"attachments": [pdf_attachment], "allow_delete": True},
        request=request,
    )
    assert "慢性肝病评估报告.pdf" in html
    assert reverse("attachments:download", args=[pdf_attachment.pk]) in html
    assert "data-confirm" in html
