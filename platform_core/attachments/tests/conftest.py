from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from platform_core.accounts.models import Organization
from platform_core.attachments import registry

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
MINIMAL_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    """The client's content type is deliberately misleading in many tests: it must never matter."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document>慢性肝病</w:document>')
    return buf.getvalue()


def make_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "评分"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def owner(db) -> Organization:
    """Any model can own attachments; an organisation is a handy unregistered owner."""
    return Organization.objects.create(name="附件测试机构", kind=Organization.Kind.HOSPITAL)


@pytest.fixture
def registered_owner(owner, users):
    """Register Organization visibility: only its members and staff may see it."""

    def can_view(user, org):
        return user.is_superuser or user.organization_id == org.pk or user.username == "staff"

    registry.register_visibility(Organization, can_view, can_upload=can_view)
    yield owner
    registry.unregister(Organization)
