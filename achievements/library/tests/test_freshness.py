"""Dynamic update (5.2.1.2.6): ask, mark stale, retire — idempotently; confirmations and refreshed content."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from achievements.library.models import EntryFreshness, LibrarySettings, RefreshProposal, SearchDocument
from achievements.library.services import freshness
from achievements.models import Achievement
from platform_core.errors import ValidationFailed
from platform_core.notifications.models import Notification
from platform_core.workflow.models import TransitionLog


@pytest.fixture
def entries(make_entry):
    now = timezone.now()
    fresh = make_entry("最近确认的成果")
    old = make_entry("半年未确认的成果")
    due = make_entry("已提醒未回复的成果")
    stale = make_entry("已标记待更新的成果")
    exempt = make_entry("豁免提醒的成果")
    EntryFreshness.objects.filter(pk=old.pk).update(confirmed_at=now - dt.timedelta(days=200))
    EntryFreshness.objects.filter(pk=exempt.pk).update(
        confirmed_at=now - dt.timedelta(days=400), exempt_until=timezone.localdate() + dt.timedelta(days=30)
    )
    EntryFreshness.objects.filter(pk=due.pk).update(
        state=EntryFreshness.State.DUE,
        confirmed_at=now - dt.timedelta(days=260),
        asked_at=now - dt.timedelta(days=31),
    )
    EntryFreshness.objects.filter(pk=stale.pk).update(
        state=EntryFreshness.State.STALE,
        confirmed_at=now - dt.timedelta(days=300),
        asked_at=now - dt.timedelta(days=70),
        stale_at=now - dt.timedelta(days=31),
    )
    return {"fresh": fresh, "old": old, "due": due, "stale": stale, "exempt": exempt}


def snapshot():
    return (
        sorted(EntryFreshness.objects.values_list("pk", "state", "asked_at", "stale_at")),
        sorted(Achievement.objects.values_list("pk", "state")),
        TransitionLog.objects.count(),
        Notification.objects.count(),
        sorted(SearchDocument.objects.values_list("pk", "is_stale")),
    )


def test_stale_entry_job_twice_changes_nothing_the_second_time(entries):
    counts = freshness.stale_entries_run()
    assert counts == {"asked": 1, "stale": 1, "retired": 1, "skipped": 0}
    states = dict(EntryFreshness.objects.values_list("pk", "state"))
    assert states[entries["fresh"].pk] == "current"
    assert states[entries["old"].pk] == "due"
    assert states[entries["due"].pk] == "stale"
    assert states[entries["stale"].pk] == "retired"
    assert states[entries["exempt"].pk] == "current"
    assert SearchDocument.objects.get(pk=entries["due"].pk).is_stale
    assert not SearchDocument.objects.filter(pk=entries["stale"].pk).exists()
    entries["stale"].refresh_from_db()
    assert entries["stale"].state == Achievement.State.RETIRED

    before = snapshot()
    assert freshness.stale_entries_run() == {"asked": 0, "stale": 0, "retired": 0, "skipped": 0}
    assert snapshot() == before


def test_settings_change_the_cycle(entries):
    LibrarySettings.objects.filter(pk=1).update(confirm_every_months=12)
    counts = freshness.stale_entries_run()
    assert counts["asked"] == 0  # 200 days is less than a year


def test_holder_confirms_and_the_entry_is_current_again(client_for, users, entries):
    freshness.stale_entries_run()
    due = entries["old"]
    response = client_for("holder").post(f"/library/updates/{due.pk}/confirm/")
    assert response.status_code == 302
    entry = EntryFreshness.objects.get(pk=due.pk)
    assert entry.state == "current" and entry.asked_at is None
    assert (
        client_for("other_holder").post(f"/library/updates/{entries['due'].pk}/confirm/").status_code == 404
    )


def test_refreshed_content_goes_live_after_review(client_for, users, entries):
    entry = entries["old"]
    holder = client_for("holder")
    response = holder.post(
        f"/library/updates/{entry.pk}/refresh/",
        {
            "summary": "新增真实世界研究数据的肝纤维化方案",
            "tags": "肝纤维化",
            "trl": "7",
            "background": entry.background,
            "innovation_points": entry.innovation_points,
            "contributions": entry.contributions,
            "cooperation_note": entry.cooperation_note,
            "note": "补充真实世界研究",
        },
    )
    assert response.status_code == 302
    proposal = RefreshProposal.objects.get(achievement=entry)
    assert set(proposal.changes) == {"summary", "tags", "trl"}
    entry.refresh_from_db()
    assert entry.summary != "新增真实世界研究数据的肝纤维化方案"  # not live before the review
    # the job leaves an entry with a pending update alone
    EntryFreshness.objects.filter(pk=entry.pk).update(confirmed_at=timezone.now() - dt.timedelta(days=400))
    freshness.stale_entries_run()
    assert EntryFreshness.objects.get(pk=entry.pk).state == "current"

    staff = client_for("staff")
    assert staff.get(f"/library/manage/proposals/{proposal.pk}/").status_code == 200
    staff.post(f"/library/manage/proposals/{proposal.pk}/", {"action": "approve", "note": "已核对"})
    entry.refresh_from_db()
    assert entry.summary == "新增真实世界研究数据的肝纤维化方案" and entry.trl == 7
    assert "真实世界" in SearchDocument.objects.get(pk=entry.pk).plain
    proposal.refresh_from_db()
    assert proposal.state == RefreshProposal.State.APPROVED


def test_rejection_needs_a_reason_and_changes_nothing(users, entries):
    entry = entries["fresh"]
    proposal = freshness.refresh_submit(
        achievement_id=entry.pk, actor=users["holder"], changes={"summary": "改动后的简介"}
    )
    with pytest.raises(ValidationFailed):
        freshness.refresh_reject(proposal_id=proposal.pk, actor=users["staff"], note="")
    freshness.refresh_reject(proposal_id=proposal.pk, actor=users["staff"], note="数据来源不明")
    entry.refresh_from_db()
    assert entry.summary != "改动后的简介"
    with pytest.raises(ValidationFailed):
        freshness.refresh_submit(
            achievement_id=entry.pk, actor=users["holder"], changes={"summary": entry.summary}
        )


def test_staff_overrides(client_for, entries):
    staff = client_for("staff")
    target = entries["old"]
    staff.post(
        f"/library/manage/{target.pk}/exempt/",
        {"until": (timezone.localdate() + dt.timedelta(days=90)).isoformat()},
    )
    assert freshness.stale_entries_run()["asked"] == 0
    staff.post(f"/library/manage/{entries['fresh'].pk}/retire/", {"reason": ""})
    entries["fresh"].refresh_from_db()
    assert entries["fresh"].state == Achievement.State.PUBLISHED
    staff.post(f"/library/manage/{entries['fresh'].pk}/retire/", {"reason": "技术已过时"})
    entries["fresh"].refresh_from_db()
    assert entries["fresh"].state == Achievement.State.RETIRED
    assert staff.get("/library/manage/").status_code == 200
    assert client_for("holder").post(f"/library/manage/{target.pk}/confirm/").status_code == 403
