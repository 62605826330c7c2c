from __future__ import annotations

from pathlib import Path

import pytest

from platform_core.accounts.models import Organization

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def subject(db) -> Organization:
    """Any model can be a report's subject; an (unregistered) organisation is handy."""
    return Organization.objects.create(name="太原市中医医院", kind=Organization.Kind.HOSPITAL)


@pytest.fixture(autouse=True)
def test_templates(settings):
    templates = [dict(t) for t in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = templates
    return TEST_TEMPLATES
