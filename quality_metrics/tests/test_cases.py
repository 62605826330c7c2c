"""Service cases derived from the transition log: cycles, idempotent refresh, completions reported once."""

from __future__ import annotations

from django.apps import apps

from quality_metrics.models import ScanWatermark, ServiceCase
from quality_metrics.service_types import BY_CODE
from quality_metrics.services.cases import cases_refresh, cycles_of

from .conftest import at


def _row(pk, action, source, target, when, days):
    return {
        "id": pk,
        "action": action,
        "from_state": source,
        "to_state": target,
        "created_at": at(when),
        "working_days": days,
        "actor_id": None,
    }


def test_cycles_of_a_reopened_consultation():
    rows = [
        _row(1, "create", "", "submitted", "2025-03-03 09:00", None),
        _row(2, "assign", "submitted", "assigned", "2025-03-04 09:00", 1),
        _row(3, "answer", "assigned", "answered", "2025-03-05 09:00", 1),
        _row(4, "follow_up", "answered", "reopened", "2025-03-10 09:00", 3),
        _row(5, "answer", "reopened", "answered", "2025-03-12 09:00", 2),
        _row(6, "confirm", "answered", "closed", "2025-03-13 09:00", 1),
    ]
    first, second = cycles_of(BY_CODE["consultation"], rows)
    assert (first["response_log_id"], first["response_days"]) == (3, 2)
    assert (first["completion_log_id"], first["completion_days"]) == (3, 2)
    assert (second["response_log_id"], second["response_days"]) == (5, 2)
    # completion counted from the first request: 1 + 1 + 3 + 2
    assert (second["completion_log_id"], second["completion_days"]) == (5, 7)


def test_refresh_is_idempotent_and_reports_each_completion_once(write_log, make_user):
    model = apps.get_model("achievements", "Achievement")
    holder = make_user("holder")
    write_log(
        model,
        41,
        "achievement",
        [("create", "", "draft", "2025-03-03 09:00"), ("submit", "draft", "submitted", "2025-03-03 10:00")],
        actor=holder,
    )
    first = cases_refresh()
    assert (first.records, first.cases, first.newly_completed) == (1, 1, [])
    case = ServiceCase.objects.get()
    assert (case.service_type, case.response_log_id, case.user_id) == ("formal_review", None, holder.pk)
    write_log(model, 41, "achievement", [("accept", "submitted", "accepted", "2025-03-05 10:00")])
    second = cases_refresh()
    assert second.newly_completed == [case.pk]
    again = cases_refresh(full=True)
    assert again.newly_completed == []
    case.refresh_from_db()
    assert (case.response_days, case.completion_days, case.completion_state) == (2, 2, "accepted")
    assert ServiceCase.objects.count() == 1
    assert ScanWatermark.objects.get(name="service_cases").last_log_id == case.completion_log_id


def test_rows_of_other_workflows_are_ignored(write_log):
    model = apps.get_model("accounts", "User")
    write_log(model, 1, "account", [("approve", "pending", "approved", "2025-03-03 09:00")])
    assert cases_refresh().cases == 0
    assert not ServiceCase.objects.exists()
