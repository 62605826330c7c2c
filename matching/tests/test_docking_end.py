"""An achievement in docking goes back to 'published' when its last active docking project closes without
an agreement (through the achievements app's service and the one transition function)."""

from __future__ import annotations

import pytest

from achievements.models import Achievement
from matching.services import docking as services
from platform_core.errors import PermissionDeniedError
from platform_core.workflow.engine import history, transition

from .conftest import advance


def _state(achievement_id: int) -> str:
    return Achievement.objects.get(pk=achievement_id).state


def _close(project, actor, reason="价格差距大"):
    return services.project_transition(
        project_id=project.pk, actor=actor, action="close", reason=reason, close_reason="price"
    )


def test_last_project_closed_without_a_deal_moves_the_achievement_back(users, project):
    advance(project, users["staff"], "contact")
    assert _state(project.achievement_id) == "in_docking"
    _close(project, users["staff"])
    achievement = Achievement.objects.get(pk=project.achievement_id)
    assert achievement.state == "published"
    last = history(achievement).last()
    assert (last.action, last.from_state, last.to_state) == ("end_docking", "in_docking", "published")
    assert last.actor == users["staff"] and project.number in last.reason
    assert last.data["project"] == project.pk


def test_another_active_project_keeps_the_achievement_in_docking(users, project):
    advance(project, users["staff"], "contact")
    second = services.project_open(
        achievement_id=project.achievement_id,
        enterprise=users["other_enterprise"],
        actor=users["staff"],
        source="staff",
        message="平台推荐",
    )
    _close(project, users["staff"])
    assert _state(project.achievement_id) == "in_docking"
    assert not history(Achievement.objects.get(pk=project.achievement_id)).filter(action="end_docking")
    # the second one closes too: now nothing is active any more
    _close(second, users["staff"], reason="技术不匹配")
    assert _state(project.achievement_id) == "published"


def test_enterprise_closing_its_own_project_moves_it_as_the_platform(users, project):
    advance(project, users["staff"], "contact")
    _close(project, users["enterprise"], reason="暂不引进")
    achievement = Achievement.objects.get(pk=project.achievement_id)
    assert achievement.state == "published"
    last = history(achievement).last()
    assert last.action == "end_docking" and last.actor is None
    assert last.data["closed_by"] == users["enterprise"].pk


def test_a_signed_deal_is_not_undone_by_closing_another_project(users, signed):
    achievement_id = signed.project.achievement_id
    assert _state(achievement_id) == "agreement_signed"
    other = services.project_open(
        achievement_id=achievement_id,
        enterprise=users["other_enterprise"],
        actor=users["other_enterprise"],
        source="inquiry",
        message="能否再许可一家？",
    )
    _close(other, users["staff"])
    assert _state(achievement_id) == "agreement_signed"


def test_nobody_but_staff_or_the_platform_ends_docking_by_hand(users, project):
    advance(project, users["staff"], "contact")
    with pytest.raises(PermissionDeniedError):
        transition(Achievement, project.achievement_id, action="end_docking", actor=users["holder"])
    assert _state(project.achievement_id) == "in_docking"
