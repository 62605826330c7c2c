from __future__ import annotations

import pytest

from achievements import services
from achievements.models import Achievement, ReviewReason, Submission
from achievements.snapshots import diff_snapshots
from achievements.tests.conftest import pdf_file
from platform_core.errors import ConflictError, InvalidTransition, PermissionDeniedError, ValidationFailed
from platform_core.notifications.models import Notification
from platform_core.workflow.engine import history

pytestmark = pytest.mark.django_db
S = Achievement.State


def test_create_logs_the_start_and_defaults_confidentiality(make_draft, users):
    a = make_draft(complete=False)
    assert a.state == S.DRAFT and a.version == 1
    assert a.organization_id == users["holder"].organization_id
    assert a.level_of("background") == "public"
    assert a.level_of("technical_parameters") == "registered"
    assert a.level_of("price_expectation") == "granted"
    assert [log.action for log in history(a)] == ["create"]


def test_only_holders_create(users):
    with pytest.raises(PermissionDeniedError):
        services.achievement_create(holder=users["enterprise"], name="x")
    assert not Achievement.objects.exists()


def test_stale_version_is_refused_and_overwrites_nothing(draft, users):
    stale = draft.version
    services.achievement_update(
        achievement_id=draft.pk, actor=users["holder"], expected_version=stale, fields={"summary": "第一次"}
    )
    with pytest.raises(ConflictError) as exc:
        services.achievement_update(
            achievement_id=draft.pk, actor=users["holder"], expected_version=stale, fields={"summary": "覆盖"}
        )
    assert exc.value.status_code == 409
    draft.refresh_from_db()
    assert draft.summary == "第一次" and draft.version == stale + 1


def test_invalid_data_keeps_the_draft_intact(draft, users):
    before = (draft.trl, draft.version, draft.technical_parameters.count())
    with pytest.raises(ValidationFailed):
        services.achievement_update(
            achievement_id=draft.pk,
            actor=users["holder"],
            expected_version=draft.version,
            fields={"trl": 12},
            rows={"technical_parameters": []},
        )
    draft.refresh_from_db()
    assert (draft.trl, draft.version, draft.technical_parameters.count()) == before


def test_submit_incomplete_is_refused_with_itemised_problems(make_draft, users):
    a = make_draft(complete=False)
    with pytest.raises(ValidationFailed) as exc:
        services.achievement_submit(achievement_id=a.pk, actor=users["holder"])
    targets = {p["target"] for p in exc.value.extra["problems"]}
    assert {"summary", "achievement_type", "technical_parameters", "team", "contact_name"} <= targets
    a.refresh_from_db()
    assert a.state == S.DRAFT and not a.submissions.exists()


def test_missing_required_material_blocks_submission(make_draft, users):
    a = make_draft(materials=False)
    with pytest.raises(ValidationFailed) as exc:
        services.achievement_submit(achievement_id=a.pk, actor=users["holder"])
    assert "material:pharmacodynamics" in {p["target"] for p in exc.value.extra["problems"]}


def test_submit_freezes_a_snapshot_and_stamps_dates(submitted, users):
    assert submitted.state == S.SUBMITTED
    assert submitted.submitted_at and submitted.last_submitted_at
    sub = submitted.submissions.get()
    assert sub.number == 1 and sub.kind == "submit"
    assert sub.data["fields"]["technical_details"].startswith("黄芪")
    assert len(sub.data["attachments"]) == 3
    with pytest.raises(RuntimeError):
        sub.save()
    # staff were told
    assert Notification.objects.filter(recipient=users["staff"]).exists()


def test_editing_after_submission_is_refused(submitted, users):
    with pytest.raises(InvalidTransition):
        services.achievement_update(
            achievement_id=submitted.pk, actor=users["holder"], expected_version=None, fields={"summary": "x"}
        )


def test_holder_cannot_accept_his_own_achievement(submitted, users):
    with pytest.raises(PermissionDeniedError):
        services.achievement_review(achievement_id=submitted.pk, actor=users["holder"], decision="accept")
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED and submitted.accepted_at is None


def test_return_requires_a_reason(submitted, users):
    with pytest.raises(ValidationFailed):
        services.achievement_review(
            achievement_id=submitted.pk, actor=users["staff"], decision="return_for_supplement"
        )
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED


def test_return_pins_reasons_and_notifies_holder(returned, users):
    assert returned.state == S.RETURNED
    reasons = list(ReviewReason.objects.filter(achievement=returned).order_by("id"))
    assert [(r.target_kind, r.target) for r in reasons] == [
        ("field", "background"),
        ("material", "pharmacodynamics"),
    ]
    assert reasons[0].submission.number == 1
    log = history(returned).last()
    assert log.action == "return_for_supplement" and "流行病学" in log.reason
    assert Notification.objects.filter(recipient=users["holder"], title__contains="补充完善").exists()
    assert returned.assigned_to == users["staff"]


def test_reason_with_unknown_target_is_refused(submitted, users):
    with pytest.raises(ValidationFailed):
        services.achievement_review(
            achievement_id=submitted.pk,
            actor=users["staff"],
            decision="return_for_supplement",
            reasons=[{"target_kind": "field", "target": "nonsense", "text": "x"}],
        )
    assert not ReviewReason.objects.exists()


def test_full_round_resubmit_diff_accept(returned, users):
    holder = users["holder"]
    a = services.achievement_update(
        achievement_id=returned.pk,
        actor=holder,
        expected_version=returned.version,
        fields={"background": "慢性乙肝患者约 7000 万，肝纤维化进展快。"},
    )
    att = services.material_upload(
        achievement_id=a.pk, actor=holder, uploaded_file=pdf_file("raw.pdf", b"raw"), kind="pharmacodynamics"
    )
    a = services.achievement_submit(achievement_id=a.pk, actor=holder)
    assert a.state == S.RESUBMITTED
    first, second = Submission.objects.filter(achievement=a).order_by("number")
    assert second.kind == "resubmit"
    diff = diff_snapshots(first.data, second.data)
    assert [c.key for c in diff.fields] == ["background"]
    assert [f["id"] for f in diff.attachments_added] == [att.pk]
    a = services.achievement_review(achievement_id=a.pk, actor=users["staff"], decision="accept")
    assert a.state == S.ACCEPTED and a.accepted_at and a.decided_at
    assert [log.action for log in history(a)] == [
        "create",
        "submit",
        "return_for_supplement",
        "resubmit",
        "accept",
    ]


def test_refuse_needs_reason(submitted, users):
    with pytest.raises(ValidationFailed):
        services.achievement_review(achievement_id=submitted.pk, actor=users["staff"], decision="refuse")
    a = services.achievement_review(
        achievement_id=submitted.pk, actor=users["staff"], decision="refuse", note="不属于慢性肝病领域"
    )
    assert a.state == S.REFUSED and a.decided_at


def test_transition_not_in_table_is_409_and_changes_nothing(submitted, users):
    from platform_core.workflow.engine import transition

    with pytest.raises(InvalidTransition):
        transition(Achievement, submitted.pk, action="publish", actor=users["staff"])
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED and submitted.published_at is None


def test_later_apps_moves_stamp_dates(submitted, users):
    from platform_core.workflow.engine import transition

    staff = users["staff"]
    services.achievement_review(achievement_id=submitted.pk, actor=staff, decision="accept")
    for action in ("start_evaluation", "pass_evaluation", "publish"):
        transition(Achievement, submitted.pk, action=action, actor=staff)
    submitted.refresh_from_db()
    assert submitted.state == S.PUBLISHED and submitted.published_at is not None


def test_reassign_is_logged_and_notifies(submitted, users, make_user, django_capture_on_commit_callbacks):
    staff2 = make_user("staff2", ["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        services.achievement_reassign(
            achievement_id=submitted.pk, actor=users["staff"], assignee=staff2, note="请接手"
        )
    submitted.refresh_from_db()
    assert submitted.assigned_to == staff2
    row = submitted.assignments.get()
    assert row.assigned_by == users["staff"] and row.previous is None
    assert Notification.objects.filter(recipient=staff2).exists()
    with pytest.raises(Exception):  # noqa: B017 - a holder is not a valid assignee
        services.achievement_reassign(
            achievement_id=submitted.pk, actor=users["staff"], assignee=users["holder"]
        )


def test_withdraw_by_holder(submitted, users):
    a = services.achievement_withdraw(
        achievement_id=submitted.pk, actor=users["holder"], reason="转企业自行开发"
    )
    assert a.state == S.WITHDRAWN


def test_publish_freezes_and_archives_the_published_version(
    submitted, users, django_capture_on_commit_callbacks
):
    from platform_core.archive.models import ArchiveEntry
    from platform_core.workflow.engine import transition

    staff = users["staff"]
    services.achievement_review(achievement_id=submitted.pk, actor=staff, decision="accept")
    for action in ("start_evaluation", "pass_evaluation"):
        transition(Achievement, submitted.pk, action=action, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        a = services.achievement_publish(achievement_id=submitted.pk, actor=staff)
    assert a.state == S.PUBLISHED and a.published_at
    published = a.submissions.get(kind="publish")
    entry = ArchiveEntry.objects.get(object_id=a.pk)
    assert entry.doc_type_id == "submission_form" and entry.code.startswith("CGSQ-")
    assert services.submission_archive(submission_id=published.pk).pk == entry.pk  # idempotent
