"""Live indicator values (periods without a snapshot) are cached for a few minutes; a stored snapshot, the
recompute button and the TTL each make a change visible on the next request."""

from __future__ import annotations

import time

import pytest
from django.apps import apps
from django.core.cache import cache
from django.urls import reverse

from quality_metrics import periods
from quality_metrics.selectors import dashboard as sel
from quality_metrics.services.snapshots import snapshot_compute


def _conversion(period) -> float | None:
    return next(c for c in sel.period_cells(period) if c.indicator.code == "conversion_rate").value


def _log(write_log, pk: int, steps, quarter) -> None:
    when = f"{quarter.start.isoformat()} 10:00"
    write_log(apps.get_model("achievements", "Achievement"), pk, "achievement", [(*s, when) for s in steps])


@pytest.fixture
def quarter():
    return periods.containing("quarter")


def test_live_value_is_cached_and_a_snapshot_replaces_it(db, write_log, quarter, django_assert_num_queries):
    for pk in (1, 2):
        _log(write_log, pk, [("accept", "submitted", "accepted")], quarter)
    assert _conversion(quarter) == 0.0
    assert cache.get(sel.live_key("conversion_rate", quarter)) is not None
    with django_assert_num_queries(1):  # the snapshots of the period; live values come from the cache
        sel.period_cells(quarter)
    _log(write_log, 1, [("convert", "agreement_signed", "converted")], quarter)
    assert _conversion(quarter) == 0.0  # cached (for at most LIVE_TTL)
    snapshot_compute(indicator="conversion_rate", period=quarter)
    cell = next(c for c in sel.period_cells(quarter) if c.indicator.code == "conversion_rate")
    assert (cell.value, cell.live) == (50.0, False)
    assert cache.get(sel.live_key("conversion_rate", quarter)) is None


def test_recompute_button_forgets_live_values(client_for, write_log, quarter):
    _log(write_log, 1, [("accept", "submitted", "accepted")], quarter)
    assert _conversion(quarter) == 0.0
    _log(write_log, 1, [("convert", "agreement_signed", "converted")], quarter)
    response = client_for("staff").post(reverse("quality_metrics:recompute"))
    assert response.status_code == 302
    assert _conversion(quarter) == 100.0


def test_live_values_expire(db, write_log, quarter, monkeypatch):
    assert sel.LIVE_TTL <= 300
    monkeypatch.setattr(sel, "LIVE_TTL", 1)
    _log(write_log, 1, [("accept", "submitted", "accepted")], quarter)
    assert _conversion(quarter) == 0.0
    _log(write_log, 1, [("convert", "agreement_signed", "converted")], quarter)
    time.sleep(1.2)
    assert _conversion(quarter) == 100.0


def test_staff_dashboard_widget_measures_only_the_quarter(client_for, quarter):
    client_for("staff").get(reverse("dashboard"))
    keys = [sel.live_key(code, p) for p in periods.current_periods() for code in ("conversion_rate",)]
    cached = [k for k in keys if cache.get(k) is not None]
    assert cached == [sel.live_key("conversion_rate", quarter)]


def _open_complaints(body: str) -> str:
    marker = '?state=open"><div class="fs-4">'
    return body.split(marker, 1)[1].split("<", 1)[0]


def test_cached_dashboard_shows_a_new_complaint_on_the_next_request(client_for, complaint_for, settings):
    """The dashboard's widgets are cached per user (platform_core.dashboard); a workflow transition drops them."""
    settings.DASHBOARD_CACHE_TTL = 30  # off in the rest of the suite (settings_test.py)
    client = client_for("staff")
    assert _open_complaints(client.get(reverse("dashboard")).content.decode()) == "0"
    complaint_for("holder")
    assert _open_complaints(client.get(reverse("dashboard")).content.decode()) == "1"


def test_cached_dashboard_is_per_user(client_for, users, settings):
    settings.DASHBOARD_CACHE_TTL = 30
    staff_page = client_for("staff").get(reverse("dashboard")).content.decode()
    holder_page = client_for("holder").get(reverse("dashboard")).content.decode()
    assert "?state=open" in staff_page and "?state=open" not in holder_page
