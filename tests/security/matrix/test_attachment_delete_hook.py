"""The attachment registry's ``can_delete`` hook: the owner's rule decides, locked files are never deletable."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from platform_core.accounts.models import Organization
from platform_core.attachments import registry, services
from platform_core.attachments.models import Attachment
from platform_core.errors import ConflictError, PermissionDeniedError

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def owner(db):
    org = Organization.objects.create(name="删除规则测试机构", kind=Organization.Kind.HOSPITAL, city="open")
    yield org
    registry.unregister(Organization)


def upload(owner, user):
    return services.attachment_create(
        owner=owner, uploaded_file=SimpleUploadedFile("a.pdf", PDF, "application/pdf"), uploaded_by=user
    )


def test_default_rule_uploader_or_staff(owner, users):
    registry.register_visibility(Organization, lambda user, org: True)
    mine = upload(owner, users["holder"])
    with pytest.raises(PermissionDeniedError):
        services.attachment_delete(attachment_id=mine.pk, actor=users["other_holder"])
    assert Attachment.objects.filter(pk=mine.pk).exists()
    services.attachment_delete(attachment_id=mine.pk, actor=users["holder"])
    assert not Attachment.objects.filter(pk=mine.pk).exists()
    other = upload(owner, users["holder"])
    services.attachment_delete(attachment_id=other.pk, actor=users["staff"])
    assert not Attachment.objects.filter(pk=other.pk).exists()


def test_registered_rule_decides_even_for_the_uploader(owner, users):
    calls = []

    def can_delete(user, org, attachment):
        calls.append((user.pk, org.pk, attachment.pk))
        return org.city == "open"

    registry.register_visibility(Organization, lambda user, org: True, can_delete=can_delete)
    att = upload(owner, users["holder"])
    Organization.objects.filter(pk=owner.pk).update(city="closed")  # e.g. the record was submitted
    with pytest.raises(PermissionDeniedError):
        services.attachment_delete(attachment_id=att.pk, actor=users["holder"])
    assert Attachment.objects.filter(pk=att.pk).exists()
    assert calls == [(users["holder"].pk, owner.pk, att.pk)]
    Organization.objects.filter(pk=owner.pk).update(city="open")
    services.attachment_delete(attachment_id=att.pk, actor=users["holder"])
    assert not Attachment.objects.filter(pk=att.pk).exists()


def test_locked_is_never_deletable(owner, users):
    registry.register_visibility(Organization, lambda user, org: True, can_delete=lambda *a: True)
    att = upload(owner, users["holder"])
    services.attachment_set_locked(attachment_id=att.pk, locked=True)
    att.refresh_from_db()
    assert registry.can_delete_attachment(users["staff"], owner, att) is False
    with pytest.raises(ConflictError):
        services.attachment_delete(attachment_id=att.pk, actor=users["staff"])
    assert Attachment.objects.filter(pk=att.pk).exists()


def test_html_delete_view_uses_the_rule(owner, users, client_for):
    registry.register_visibility(Organization, lambda user, org: True, can_delete=lambda *a: False)
    att = upload(owner, users["holder"])
    response = client_for("holder").post(f"/attachments/{att.pk}/delete/")
    assert response.status_code == 403
    assert Attachment.objects.filter(pk=att.pk).exists()
