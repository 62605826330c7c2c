"""Publication (6.3.1): staff publish evaluated achievements, choose what is public, unpublish with a reason."""

from __future__ import annotations

import pytest

from achievements.library.models import EntryFreshness, PublicationSettings, SearchDocument
from achievements.library.services.publication import achievement_publish, achievement_unpublish
from achievements.library.services.sync import library_sync
from achievements.models import Achievement
from achievements.selectors import featured_achievements
from platform_core.errors import PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import history, transition


@pytest.fixture
def passed(make_entry):
    return make_entry("扶正化瘀抗肝纤维化中药颗粒", publish=False, trl=7, maturity="industrial")


def test_staff_publish_from_the_queue(client_for, passed):
    staff = client_for("staff")
    queue = staff.get("/library/publish/")
    assert passed.name in queue.content.decode()
    form = staff.get(f"/library/publish/{passed.pk}/")
    assert form.status_code == 200 and "产业化阶段".encode() in form.content
    response = staff.post(
        f"/library/publish/{passed.pk}/",
        {f"level_{key}": passed.level_of(key) for key in passed.confidentiality}
        | {"note": "评估通过", "featured": "on"},
    )
    assert response.status_code == 302
    passed.refresh_from_db()
    assert passed.state == Achievement.State.PUBLISHED and passed.published_at
    publication = PublicationSettings.objects.get(pk=passed.pk)
    assert (publication.maturity, publication.trl, publication.featured) == ("industrial", 7, True)
    assert SearchDocument.objects.filter(pk=passed.pk).exists()
    assert EntryFreshness.objects.get(pk=passed.pk).state == EntryFreshness.State.CURRENT
    assert history(passed).last().action == "publish"
    assert passed.pk in [a.pk for a in featured_achievements(6)]
    feed = client_for("anonymous").get("/library/feed/")
    assert passed.name in feed.content.decode()
    assert client_for("anonymous").get("/library/feed/atom/").status_code == 200


@pytest.mark.parametrize("role", ["holder", "enterprise", "anonymous"])
def test_only_staff_publish(client_for, users, passed, role):
    response = client_for(role).post(f"/library/publish/{passed.pk}/", {"note": "x"})
    assert response.status_code in (302, 403)
    passed.refresh_from_db()
    assert passed.state == Achievement.State.EVALUATION_PASSED
    if role != "anonymous":
        with pytest.raises(PermissionDeniedError):
            achievement_publish(achievement_id=passed.pk, actor=users[role])
    assert not SearchDocument.objects.filter(pk=passed.pk).exists()


def test_levels_can_be_tightened_not_opened(users, passed):
    with pytest.raises(ValidationFailed):
        achievement_publish(
            achievement_id=passed.pk, actor=users["staff"], levels={"technical_details": "public"}
        )
    passed.refresh_from_db()
    assert passed.state == Achievement.State.EVALUATION_PASSED
    assert passed.level_of("technical_details") == "granted"
    achievement_publish(achievement_id=passed.pk, actor=users["staff"], levels={"background": "registered"})
    passed.refresh_from_db()
    assert passed.level_of("background") == "registered"
    assert passed.background not in SearchDocument.objects.get(pk=passed.pk).plain


def test_unpublish_needs_a_reason_and_empties_the_entry(users, client_for, make_entry):
    entry = make_entry("生物型人工肝支持系统")
    with pytest.raises(ValidationFailed):
        achievement_unpublish(achievement_id=entry.pk, actor=users["staff"], reason="")
    assert SearchDocument.objects.filter(pk=entry.pk).exists()
    response = client_for("staff").post(f"/library/{entry.pk}/unpublish/", {"reason": "持有方申请暂停"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.state == Achievement.State.EVALUATION_PASSED
    assert not SearchDocument.objects.filter(pk=entry.pk).exists()
    assert PublicationSettings.objects.get(pk=entry.pk).unpublish_reason == "持有方申请暂停"
    assert history(entry).last().reason == "持有方申请暂停"
    assert client_for("anonymous").get(f"/library/{entry.pk}/").status_code == 404


def test_moves_made_elsewhere_are_followed(users, passed, django_capture_on_commit_callbacks):
    """Another app publishes or retires through the workflow: the library follows after commit."""
    with django_capture_on_commit_callbacks(execute=True):
        transition(Achievement, passed.pk, action="publish", actor=users["staff"])
    assert SearchDocument.objects.filter(pk=passed.pk).exists()
    assert PublicationSettings.objects.get(pk=passed.pk).source == PublicationSettings.Source.SYNC
    with django_capture_on_commit_callbacks(execute=True):
        transition(Achievement, passed.pk, action="retire", actor=users["staff"], reason="过时")
    assert not SearchDocument.objects.filter(pk=passed.pk).exists()
    assert library_sync(achievement_id=passed.pk) is False  # nothing left to do
