from __future__ import annotations

import pytest
from django.db.models import Q

from achievements import permissions, services
from achievements.models import Achievement
from achievements.selectors import visible_achievements, visible_fields
from platform_core.workflow.engine import transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(submitted, users):
    staff = users["staff"]
    services.achievement_review(achievement_id=submitted.pk, actor=staff, decision="accept")
    for action in ("start_evaluation", "pass_evaluation"):
        transition(Achievement, submitted.pk, action=action, actor=staff)
    return services.achievement_publish(achievement_id=submitted.pk, actor=staff)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", {"background", "innovation_points", "contributions", "application_cases"}),
        (
            "investor",
            {
                "background",
                "innovation_points",
                "contributions",
                "application_cases",
                "technical_parameters",
                "ip_status",
                "team",
                "cooperation_note",
            },
        ),
        (
            "enterprise",
            {
                "background",
                "innovation_points",
                "contributions",
                "application_cases",
                "technical_parameters",
                "ip_status",
                "team",
                "cooperation_note",
            },
        ),
        ("evaluator", {"background", "innovation_points", "contributions", "application_cases"}),
        ("holder", "all"),
        ("staff", "all"),
    ],
)
def test_visible_sections_per_role(published, users, role, expected):
    from django.contrib.auth.models import AnonymousUser

    from achievements.models import CONFIDENTIAL_SECTIONS

    user = AnonymousUser() if role == "anonymous" else users[role]
    assert visible_fields(published, user) == (set(CONFIDENTIAL_SECTIONS) if expected == "all" else expected)


def test_holder_choice_of_levels_is_respected(published, users):
    a = Achievement.objects.get(pk=published.pk)
    a.confidentiality = {**a.confidentiality, "background": "granted", "price_expectation": "public"}
    a.save(update_fields=["confidentiality"])
    seen = visible_fields(a, users["enterprise"])
    assert "background" not in seen and "price_expectation" in seen


def test_extra_viewer_hooks_grant_visibility(draft, users):
    evaluator = users["evaluator"]
    assert not evaluator.has_perm("achievements.view_achievement", draft)
    assert not visible_achievements(evaluator).filter(pk=draft.pk).exists()
    hook = lambda user, achievement: user.pk == evaluator.pk  # noqa: E731
    q_hook = lambda user: Q(pk=draft.pk) if user.pk == evaluator.pk else Q(pk__in=[])  # noqa: E731
    permissions.extra_viewers.append(hook)
    permissions.extra_viewer_filters.append(q_hook)
    try:
        assert evaluator.has_perm("achievements.view_achievement", draft)
        assert evaluator.has_perm("achievements.view_materials", draft)
        assert visible_achievements(evaluator).filter(pk=draft.pk).exists()
        assert not users["other_evaluator"].has_perm("achievements.view_achievement", draft)
        assert not evaluator.has_perm("achievements.change_achievement", draft)
    finally:
        permissions.extra_viewers.remove(hook)
        permissions.extra_viewer_filters.remove(q_hook)


def test_published_materials_stay_private(published, users):
    assert users["enterprise"].has_perm("achievements.view_achievement", published)
    assert not users["enterprise"].has_perm("achievements.view_materials", published)


@pytest.mark.parametrize(
    ("role", "perm", "allowed"),
    [
        ("holder", "achievements.change_achievement", True),
        ("other_holder", "achievements.change_achievement", False),
        ("staff", "achievements.change_achievement", False),
        ("staff", "achievements.review_achievement", True),
        ("holder", "achievements.review_achievement", False),
        ("enterprise", "achievements.add_achievement", False),
        ("holder", "achievements.add_achievement", True),
        ("staff", "achievements.change_achievementtype", True),
        ("holder", "achievements.change_achievementtype", False),
    ],
)
def test_permission_matrix_on_a_draft(draft, users, role, perm, allowed):
    assert users[role].has_perm(perm, draft) is allowed
