from __future__ import annotations

import datetime as dt

import pytest

from ip_services import services, tasks
from ip_services.models import DeadlineReminder, IpAsset, IpDeadline
from platform_core.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_deadlines_are_created_from_the_dates(patent):
    deadlines = list(patent.deadlines.all())
    assert deadlines, "a granted CN invention has annual-fee deadlines"
    assert all(d.kind == IpDeadline.Kind.ANNUITY for d in deadlines)
    assert patent.expiry_date == dt.date(2038, 3, 14)
    # Syncing again changes nothing.
    before = sorted(patent.deadlines.values_list("pk", flat=True))
    services.asset_deadlines_sync(asset=patent)
    assert sorted(patent.deadlines.values_list("pk", flat=True)) == before


def test_reminder_job_run_twice_sends_one_reminder(patent):
    deadline = patent.deadlines.order_by("due_date").first()
    today = deadline.due_date - dt.timedelta(days=20)  # inside the 30-day window, outside the 7-day one
    assert services.deadline_reminders_send(today=today) == 1
    assert services.deadline_reminders_send(today=today) == 0
    assert DeadlineReminder.objects.filter(deadline=deadline).count() == 1
    notes = Notification.objects.filter(recipient=patent.holder)
    assert notes.count() == 1
    assert "20" in notes.get().title
    # Seven days before, the second reminder goes out once.
    week_before = deadline.due_date - dt.timedelta(days=7)
    assert services.deadline_reminders_send(today=week_before) == 1
    assert services.deadline_reminders_send(today=week_before) == 0
    assert set(DeadlineReminder.objects.values_list("offset_days", flat=True)) == {30, 7}
    assert Notification.objects.filter(recipient=patent.holder).count() == 2


def test_the_celery_task_is_idempotent_too(users):
    today = dt.date.today()
    asset = services.asset_create(
        actor=users["holder"],
        kind=IpAsset.Kind.TRADEMARK,
        title="肝安康",
        number="12345678",
        grant_date=today.replace(year=today.year - 10) + dt.timedelta(days=10),
        status=IpAsset.Status.GRANTED,
        owners="某医院",
    )
    renewal = asset.deadlines.get()
    assert 0 <= (renewal.due_date - today).days <= 30
    tasks.ip_deadline_reminders.delay()
    tasks.ip_deadline_reminders.delay()
    assert DeadlineReminder.objects.filter(deadline=renewal).count() == 1
    assert Notification.objects.filter(recipient=users["holder"]).count() == 1


def test_done_deadlines_are_not_reminded(patent, users):
    deadline = patent.deadlines.order_by("due_date").first()
    services.deadline_complete(deadline_id=deadline.pk, actor=users["holder"], note="已缴费")
    assert services.deadline_reminders_send(today=deadline.due_date - dt.timedelta(days=3)) == 0


def test_trademark_renewal_extends_the_term(users):
    asset = services.asset_create(
        actor=users["holder"],
        kind=IpAsset.Kind.TRADEMARK,
        title="肝安康",
        grant_date=dt.date(2016, 7, 7),
        status=IpAsset.Status.GRANTED,
        owners="某医院",
    )
    renewal = asset.deadlines.get(status=IpDeadline.Status.OPEN)
    services.deadline_complete(deadline_id=renewal.pk, actor=users["holder"])
    asset.refresh_from_db()
    assert asset.expiry_date == dt.date(2036, 7, 6)
    assert asset.deadlines.get(status=IpDeadline.Status.OPEN).due_date == dt.date(2036, 7, 6)


def test_another_holder_cannot_complete_a_deadline(patent, users):
    from platform_core.errors import NotFoundError

    deadline = patent.deadlines.first()
    with pytest.raises(NotFoundError):
        services.deadline_complete(deadline_id=deadline.pk, actor=users["other_holder"])
    deadline.refresh_from_db()
    assert deadline.status == IpDeadline.Status.OPEN
