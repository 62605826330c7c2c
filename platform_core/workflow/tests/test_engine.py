import pytest
from django.core import mail
from django.db import transaction

from platform_core.accounts.models import User
from platform_core.accounts.workflow import ACCOUNT_WORKFLOW
from platform_core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from platform_core.notifications.models import Notification
from platform_core.workflow.engine import history, transition
from platform_core.workflow.models import TransitionLog


@pytest.fixture
def pending_user(users):
    user = users["holder"]
    User.objects.filter(pk=user.pk).update(approval_status="pending")
    return user


def go(user_id, action, actor, reason=""):
    return transition(User, user_id, action=action, actor=actor, reason=reason, workflow=ACCOUNT_WORKFLOW)


@pytest.mark.django_db
def test_valid_move_is_logged(pending_user, users):
    go(pending_user.pk, "approve", users["staff"], "ok")
    pending_user.refresh_from_db()
    assert pending_user.approval_status == "approved"
    log = history(pending_user).get()
    assert (log.from_state, log.to_state, log.actor, log.reason) == (
        "pending",
        "approved",
        users["staff"],
        "ok",
    )


@pytest.mark.django_db
def test_move_not_in_table_is_refused_and_changes_nothing(users):
    approved = users["enterprise"]
    with pytest.raises(InvalidTransition) as exc:
        go(approved.pk, "reject", users["staff"], "no")
    assert exc.value.status_code == 409
    approved.refresh_from_db()
    assert approved.approval_status == "approved"
    assert not TransitionLog.objects.filter(object_id=approved.pk).exists()


@pytest.mark.django_db
def test_actor_without_permission_is_refused(pending_user, users):
    with pytest.raises(PermissionDeniedError) as exc:
        go(pending_user.pk, "approve", users["holder"])
    assert exc.value.status_code == 403
    pending_user.refresh_from_db()
    assert pending_user.approval_status == "pending"


@pytest.mark.django_db
def test_reason_required(pending_user, users):
    with pytest.raises(ValidationFailed):
        go(pending_user.pk, "reject", users["staff"], "   ")
    assert not TransitionLog.objects.filter(object_id=pending_user.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_failed_transaction_leaves_nothing_and_sends_nothing(pending_user, users):
    mail.outbox.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        go(pending_user.pk, "approve", users["staff"])
        raise RuntimeError("boom after the transition")
    pending_user.refresh_from_db()
    assert pending_user.approval_status == "pending"
    assert not TransitionLog.objects.filter(object_id=pending_user.pk).exists()
    assert not Notification.objects.filter(recipient=pending_user).exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_notification_only_after_commit(pending_user, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        go(pending_user.pk, "approve", users["staff"])
        assert not Notification.objects.filter(recipient=pending_user).exists()
    assert callbacks
    for cb in callbacks:
        cb()
    assert Notification.objects.filter(recipient=pending_user).count() == 1


@pytest.mark.django_db
def test_working_days_recorded_between_steps(pending_user, users):
    go(pending_user.pk, "reject", users["staff"], "资料不全")
    go(pending_user.pk, "approve", users["staff"])
    logs = list(history(pending_user))
    assert logs[0].working_days is None
    assert logs[1].working_days == 0
