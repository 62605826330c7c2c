"""Publication with section levels, staff-approved refresh of a library entry, the end of a docking and the
featured order of the home page: the achievements app's services behind the library and matching."""

from __future__ import annotations

import pytest

from achievements import services
from achievements.models import Achievement, Submission
from achievements.selectors import featured_achievements
from platform_core.audit.models import AuditEvent
from platform_core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import history, transition

S = Achievement.State


@pytest.fixture
def passed(draft, users):
    staff = users["staff"]
    services.achievement_submit(achievement_id=draft.pk, actor=users["holder"])
    services.achievement_review(achievement_id=draft.pk, actor=staff, decision="accept")
    for action in ("start_evaluation", "pass_evaluation"):
        transition(Achievement, draft.pk, action=action, actor=staff)
    return Achievement.objects.get(pk=draft.pk)


@pytest.fixture
def published(passed, users):
    return services.achievement_publish(achievement_id=passed.pk, actor=users["staff"])


# --------------------------------------------------------------------------- publish with levels
def test_publish_writes_the_confirmed_levels_in_the_same_move(passed, users):
    assert passed.level_of("background") == "public"
    a = services.achievement_publish(
        achievement_id=passed.pk,
        actor=users["staff"],
        reason="评估通过",
        levels={"background": "registered", "team": "granted", "contact": "granted"},
    )
    a.refresh_from_db()
    assert a.state == S.PUBLISHED
    assert (a.level_of("background"), a.level_of("team"), a.level_of("contact")) == (
        "registered",
        "granted",
        "granted",
    )
    log = history(a).last()
    # only the sections staff actually tightened are logged ("contact" was already "granted")
    assert log.action == "publish" and log.data == {"levels": {"background": "registered", "team": "granted"}}
    # the frozen published version carries the levels staff confirmed
    snapshot = a.submissions.get(kind=Submission.Kind.PUBLISH).data
    assert snapshot["confidentiality"]["background"] == "registered"


@pytest.mark.parametrize(
    ("levels", "code"),
    [
        ({"technical_details": "public"}, "level_too_open"),  # holder chose "granted"
        ({"team": "registered", "contact": "registered"}, "level_too_open"),
        ({"secret_sauce": "granted"}, "unknown_section"),
        ({"background": "top_secret"}, "invalid_level"),
    ],
)
def test_invalid_levels_publish_nothing(passed, users, levels, code):
    before = dict(passed.confidentiality)
    with pytest.raises(ValidationFailed) as exc:
        services.achievement_publish(achievement_id=passed.pk, actor=users["staff"], levels=levels)
    assert exc.value.code == code
    passed.refresh_from_db()
    assert passed.state == S.EVALUATION_PASSED and passed.confidentiality == before
    assert not passed.submissions.filter(kind=Submission.Kind.PUBLISH).exists()


def test_only_staff_publish(passed, users):
    with pytest.raises(PermissionDeniedError):
        services.achievement_publish(
            achievement_id=passed.pk, actor=users["holder"], levels={"background": "granted"}
        )
    passed.refresh_from_db()
    assert passed.state == S.EVALUATION_PASSED and passed.level_of("background") == "public"


# --------------------------------------------------------------------------- staff-approved refresh
def test_refresh_writes_only_reviewed_fields_and_leaves_a_version_and_an_audit_row(published, users):
    version = published.version
    a = services.achievement_refresh_published(
        achievement_id=published.pk,
        actor=users["staff"],
        changes={"summary": "补充真实世界研究数据", "trl": 7},
        reason="已核对",
    )
    a.refresh_from_db()
    assert (a.summary, a.trl, a.state) == ("补充真实世界研究数据", 7, S.PUBLISHED)
    assert a.version == version + 1
    refreshed = a.submissions.get(kind=Submission.Kind.REFRESH)
    assert refreshed.data["fields"]["summary"] == "补充真实世界研究数据"
    event = AuditEvent.objects.get(target_type="achievements.achievement", target_id=str(a.pk))
    assert event.actor == users["staff"] and event.detail["fields"] == ["summary", "trl"]
    assert event.detail["submission"] == refreshed.number
    assert "补充真实世界研究数据" not in str(event.detail)  # values stay in the encrypted snapshot


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"name": "改名"}, ValidationFailed),  # not a refreshable field
        ({"trl": 12}, ValidationFailed),  # fails the model's validation
        ({}, ValidationFailed),
    ],
)
def test_refresh_refuses_bad_changes_and_writes_nothing(published, users, changes, error):
    with pytest.raises(error):
        services.achievement_refresh_published(
            achievement_id=published.pk, actor=users["staff"], changes=changes
        )
    a = Achievement.objects.get(pk=published.pk)
    assert (a.name, a.trl, a.version) == (published.name, published.trl, published.version)
    assert not AuditEvent.objects.exists() and not a.submissions.filter(kind=Submission.Kind.REFRESH).exists()


def test_refresh_only_by_staff_and_only_in_the_library(published, passed, users):
    with pytest.raises(PermissionDeniedError):
        services.achievement_refresh_published(
            achievement_id=published.pk, actor=users["holder"], changes={"summary": "x"}
        )
    transition(Achievement, published.pk, action="unpublish", actor=users["staff"], reason="暂停")
    with pytest.raises(InvalidTransition):
        services.achievement_refresh_published(
            achievement_id=published.pk, actor=users["staff"], changes={"summary": "x"}
        )
    assert Achievement.objects.get(pk=published.pk).summary != "x"


# --------------------------------------------------------------------------- end of docking
def test_docking_ended_moves_back_only_when_nothing_else_is_active(published, users):
    staff = users["staff"]
    transition(Achievement, published.pk, action="start_docking", actor=staff)
    assert (
        services.achievement_docking_ended(
            achievement_id=published.pk, actor=staff, still_docking=lambda pk: True
        )
        is None
    )
    assert Achievement.objects.get(pk=published.pk).state == S.IN_DOCKING
    asked = []
    moved = services.achievement_docking_ended(
        achievement_id=published.pk,
        actor=staff,
        still_docking=lambda pk: asked.append(pk) or False,
        reason="未达成协议",
    )
    assert asked == [published.pk] and moved.state == S.PUBLISHED
    assert history(moved).last().action == "end_docking"
    # not in docking any more: nothing to do, nothing asked
    assert (
        services.achievement_docking_ended(
            achievement_id=published.pk, actor=staff, still_docking=lambda pk: False
        )
        is None
    )


# --------------------------------------------------------------------------- featured first
def test_featured_entries_come_first_then_the_newest(make_draft, users):
    from django.utils import timezone

    from achievements.library.models import PublicationSettings

    staff = users["staff"]
    made = []
    for i in range(3):
        a = make_draft(name=f"成果{i}")
        Achievement.objects.filter(pk=a.pk).update(state=S.PUBLISHED, published_at=timezone.now())
        made.append(a)
    old_featured, middle, newest = made
    Achievement.objects.filter(pk=old_featured.pk).update(
        published_at=timezone.now() - timezone.timedelta(days=30)
    )
    PublicationSettings.objects.update_or_create(
        achievement_id=old_featured.pk, defaults={"featured": True, "published_by": staff}
    )
    PublicationSettings.objects.update_or_create(achievement_id=middle.pk, defaults={"featured": False})
    # ``newest`` has no publication row at all (published by another app): it counts as not featured
    PublicationSettings.objects.filter(achievement_id=newest.pk).delete()
    Achievement.objects.filter(pk=newest.pk).update(
        published_at=timezone.now() + timezone.timedelta(minutes=1)
    )
    order = [a.pk for a in featured_achievements(6)]
    assert order == [old_featured.pk, newest.pk, middle.pk]


def test_library_approval_goes_through_the_record_service(published, users):
    """The library's staff approval of a holder's refresh writes through the achievements service."""
    from achievements.library.models import RefreshProposal
    from achievements.library.services import freshness

    proposal = freshness.refresh_submit(
        achievement_id=published.pk,
        actor=users["holder"],
        changes={"summary": "新增真实世界研究", "contributions": "完成 III 期临床试验"},
        note="补充数据",
    )
    assert Achievement.objects.get(pk=published.pk).summary != "新增真实世界研究"  # not live yet
    freshness.refresh_approve(proposal_id=proposal.pk, actor=users["staff"], note="已核对")
    a = Achievement.objects.get(pk=published.pk)
    assert (a.summary, a.contributions) == ("新增真实世界研究", "完成 III 期临床试验")
    assert RefreshProposal.objects.get(pk=proposal.pk).state == RefreshProposal.State.APPROVED
    assert history(RefreshProposal.objects.get(pk=proposal.pk)).last().action == "approve"
    assert a.submissions.filter(kind=Submission.Kind.REFRESH).count() == 1
    event = AuditEvent.objects.get(target_id=str(a.pk))
    assert event.detail["fields"] == ["contributions", "summary"] and event.actor == users["staff"]
