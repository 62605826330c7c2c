"""The OpenAPI schema generates without a single drf-spectacular warning or error, in both languages (the
production `check --deploy` runs the same generation and fails on warnings)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_schema_generates_without_warnings(lang, tmp_path):
    GENERATOR_STATS.reset()
    target = tmp_path / "schema.yml"
    # --fail-on-warn raises on any warning or error; --validate checks it against the OpenAPI 3 meta-schema.
    call_command("spectacular", "--validate", "--fail-on-warn", "--lang", lang, "--file", str(target))
    assert target.stat().st_size > 100_000
    assert not GENERATOR_STATS
