from __future__ import annotations

import pytest

from platform_core.accounts.models import Organization

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def subject(db) -> Organization:
    return Organization.objects.create(name="山西中医药大学附属医院", kind=Organization.Kind.HOSPITAL)
