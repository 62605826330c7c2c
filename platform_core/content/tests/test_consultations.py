import datetime as dt

import pytest
from django.urls import reverse

from platform_core.content import selectors, services
from platform_core.content.models import Consultation, ConsultationMessage
from platform_core.errors import PermissionDeniedError
from platform_core.notifications.models import Notification
from platform_core.workflow.models import TransitionLog

from .conftest import at, backdate

pytestmark = pytest.mark.django_db


def test_user_asks_and_the_clock_starts(client_for, users):
    response = client_for("holder").post(
        reverse("content:consultation_create"),
        {
            "category": "compliance",
            "subject": "器械注册咨询",
            "question": "人工肝设备按几类管理？",
            "contact": "",
        },
    )
    assert response.status_code == 302
    c = Consultation.objects.get(subject="器械注册咨询")
    assert c.asker == users["holder"] and c.state == "submitted" and c.waiting_since is not None
    log = TransitionLog.objects.get(workflow="consultation", object_id=c.pk)
    assert (log.action, log.to_state) == ("create", "submitted")


def test_anonymous_is_sent_to_login(client_for):
    response = client_for("anonymous").get(reverse("content:consultation_create"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("holder", 200),
        ("other_holder", 404),
        ("enterprise", 404),
        ("evaluator", 404),
        ("staff", 200),
        ("admin", 200),
    ],
)
def test_consultation_visibility(client_for, make_consultation, role, status):
    c = make_consultation("holder")
    assert client_for(role).get(c.get_absolute_url()).status_code == status


def test_own_list_shows_only_own(client_for, make_consultation):
    make_consultation("holder", "我的问题")
    make_consultation("other_holder", "别人的问题")
    body = client_for("holder").get(reverse("content:consultations")).content.decode()
    assert "我的问题" in body and "别人的问题" not in body


def test_full_cycle_assign_answer_follow_up_answer_confirm(
    client_for, make_consultation, users, django_capture_on_commit_callbacks
):
    c = make_consultation("enterprise")
    staff = client_for("staff")
    staff.post(reverse("content:consultation_assign", args=[c.pk]), {"assignee": users["staff"].pk})
    c.refresh_from_db()
    assert c.state == "assigned" and c.assignee == users["staff"]

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("content:consultation_act", args=[c.pk, "answer"]), {"text": "按第三类管理。"})
    c.refresh_from_db()
    assert c.state == "answered" and c.first_answered_at is not None and c.waiting_since is None
    first = c.first_answered_at
    assert Notification.objects.filter(recipient=users["enterprise"], title__contains=c.subject).exists()

    asker = client_for("enterprise")
    asker.post(reverse("content:consultation_act", args=[c.pk, "follow_up"]), {"text": "需要临床评价吗？"})
    c.refresh_from_db()
    assert c.state == "reopened" and c.waiting_since is not None

    staff.post(reverse("content:consultation_act", args=[c.pk, "answer"]), {"text": "需要。"})
    asker.post(reverse("content:consultation_act", args=[c.pk, "confirm"]))
    c.refresh_from_db()
    assert c.state == "closed" and c.closed_at is not None and c.first_answered_at == first
    kinds = list(c.messages.values_list("kind", flat=True))
    assert kinds == ["answer", "follow_up", "answer"]
    steps = list(
        TransitionLog.objects.filter(workflow="consultation", object_id=c.pk).values_list(
            "to_state", flat=True
        )
    )
    assert steps == ["submitted", "assigned", "answered", "reopened", "answered", "closed"]


def test_only_staff_answer_and_only_the_asker_confirms(client_for, make_consultation, users):
    c = make_consultation("holder")
    response = client_for("holder").post(
        reverse("content:consultation_act", args=[c.pk, "answer"]), {"text": "自答"}
    )
    assert response.status_code == 302  # the page explains the refusal
    c.refresh_from_db()
    assert c.state == "submitted" and not c.messages.exists()
    with pytest.raises(PermissionDeniedError):
        services.consultation_answer(consultation_id=c.pk, actor=users["holder"], answer="自答")

    services.consultation_answer(consultation_id=c.pk, actor=users["staff"], answer="答复")
    # another user cannot even see it; staff cannot confirm on the asker's behalf
    assert (
        client_for("other_holder")
        .post(reverse("content:consultation_act", args=[c.pk, "confirm"]))
        .status_code
        == 404
    )
    client_for("staff").post(reverse("content:consultation_act", args=[c.pk, "confirm"]))
    c.refresh_from_db()
    assert c.state == "answered"
    assert (
        client_for("holder")
        .post(reverse("content:consultation_assign", args=[c.pk]), {"assignee": users["holder"].pk})
        .status_code
        == 403
    )


def test_answer_needs_text_and_close_needs_reason(make_consultation, users):
    from platform_core.errors import ValidationFailed

    c = make_consultation()
    with pytest.raises(ValidationFailed):
        services.consultation_answer(consultation_id=c.pk, actor=users["staff"], answer="  ")
    with pytest.raises(ValidationFailed):
        services.consultation_close(consultation_id=c.pk, actor=users["staff"], reason="")
    c.refresh_from_db()
    assert c.state == "submitted" and not ConsultationMessage.objects.exists()


def test_clock_counts_working_days_across_national_day_2026(make_consultation, users, client_for):
    """Asked Tue 2026-09-29, answered Fri 2026-10-09, closed Mon 2026-10-12.

    Oct 1–7 are holidays and Sat Oct 10 is a make-up working day: response = Sep 30, Oct 8, Oct 9 = 3;
    completion = those + Oct 10 + Oct 12 = 5.
    """
    c = make_consultation("holder")
    services.consultation_answer(consultation_id=c.pk, actor=users["staff"], answer="答复")
    services.consultation_confirm(consultation_id=c.pk, actor=users["holder"])
    backdate(c, [at(2026, 9, 29), at(2026, 10, 9), at(2026, 10, 12)])
    c.refresh_from_db()
    clock = selectors.consultation_clock(c)
    assert (clock.response_days, clock.completion_days) == (3, 5)
    logs = list(TransitionLog.objects.filter(workflow="consultation", object_id=c.pk).order_by("created_at"))
    assert [log.working_days for log in logs] == [None, 3, 2]
    page = client_for("holder").get(c.get_absolute_url()).content.decode()
    assert "3 个工作日" in page and "5 个工作日" in page


def test_waiting_cutoff_skips_the_holiday():
    # From Fri 2026-10-09, three working days back: Oct 9, Oct 8, Sep 30 → cutoff Sep 29.
    assert selectors.waiting_cutoff(3, today=dt.date(2026, 10, 9)) == dt.date(2026, 9, 29)
    assert selectors.waiting_cutoff(0, today=dt.date(2026, 10, 9)) == dt.date(2026, 10, 9)


def test_queue_filters_by_category_state_and_waiting_days(client_for, make_consultation):
    old = make_consultation("holder", "很久以前的问题", category="policy")
    new = make_consultation("enterprise", "刚提的问题", category="ip")
    Consultation.objects.filter(pk=old.pk).update(waiting_since=at(2026, 1, 5))
    staff = client_for("staff")
    body = staff.get(reverse("content:consultation_queue")).content.decode()
    assert "很久以前的问题" in body and "刚提的问题" in body
    body = staff.get(reverse("content:consultation_queue"), {"min_days": 5}).content.decode()
    assert "很久以前的问题" in body and "刚提的问题" not in body
    body = staff.get(reverse("content:consultation_queue"), {"category": "ip"}).content.decode()
    assert "刚提的问题" in body and "很久以前的问题" not in body
    body = staff.get(reverse("content:consultation_queue"), {"state": "closed"}).content.decode()
    assert "刚提的问题" not in body
    assert client_for("holder").get(reverse("content:consultation_queue")).status_code == 403
    assert new.pk


def test_dashboard_widgets(client_for, make_consultation):
    c = make_consultation("holder", "仪表盘问题")
    Consultation.objects.filter(pk=c.pk).update(waiting_since=at(2026, 1, 5))
    staff_page = client_for("staff").get(reverse("dashboard")).content.decode()
    assert 'data-testid="consultation-widget"' in staff_page and "仪表盘问题" in staff_page
    holder_page = client_for("holder").get(reverse("dashboard")).content.decode()
    assert 'data-testid="my-consultations-widget"' in holder_page and "仪表盘问题" in holder_page
    other = client_for("other_holder").get(reverse("dashboard")).content.decode()
    assert "仪表盘问题" not in other


@pytest.mark.parametrize(
    ("url_name", "role"), [("content:consultations", "holder"), ("content:consultation_queue", "staff")]
)
def test_consultation_lists_query_count_does_not_grow(
    client_for, make_consultation, count_queries, url_name, role, users
):
    client = client_for(role)

    def fill(n):
        for i in range(n):
            c = make_consultation("holder", f"问题{i}")
            services.consultation_assign(consultation_id=c.pk, actor=users["staff"], assignee=users["staff"])

    fill(1)
    client.get(reverse(url_name))
    one = count_queries(lambda: client.get(reverse(url_name)))
    fill(19)
    twenty = count_queries(lambda: client.get(reverse(url_name)))
    assert one == twenty
    assert twenty <= 15
