import pytest
from django.urls import reverse

from platform_core.content import services
from platform_core.content.models import Feedback
from platform_core.notifications.models import Notification

pytestmark = pytest.mark.django_db

FORM = {
    "category": "technology",
    "respondent": "clinician",
    "target": "肝纤维化无创检测设备",
    "body": "操作培训时间长",
    "contact": "",
}


def test_submit_and_staff_mark_handled(client_for, users, django_capture_on_commit_callbacks):
    response = client_for("holder").post(reverse("content:feedback_create"), FORM)
    assert response.status_code == 302
    f = Feedback.objects.get()
    assert f.author == users["holder"] and f.state == "new"
    staff = client_for("staff")
    assert "肝纤维化无创检测设备" in staff.get(reverse("content:feedback_queue")).content.decode()
    staff.post(reverse("content:feedback_act", args=[f.pk, "acknowledge"]))
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("content:feedback_act", args=[f.pk, "resolve"]), {"reason": "已提供操作视频"})
    f.refresh_from_db()
    assert f.state == "resolved" and f.handling_note == "已提供操作视频" and f.handled_by == users["staff"]
    assert Notification.objects.filter(
        recipient=users["holder"], title__contains="肝纤维化无创检测设备"
    ).exists()
    assert "已提供操作视频" in client_for("holder").get(f.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [("holder", 200), ("other_holder", 404), ("enterprise", 404), ("staff", 200)]
)
def test_feedback_visibility(client_for, users, role, status):
    f = services.feedback_submit(
        author=users["holder"], category="product", target="随访小程序", body="提醒不灵活"
    )
    assert client_for(role).get(f.get_absolute_url()).status_code == status


def test_author_cannot_mark_own_feedback_handled(client_for, users):
    f = services.feedback_submit(
        author=users["holder"], category="product", target="随访小程序", body="提醒不灵活"
    )
    client_for("holder").post(reverse("content:feedback_act", args=[f.pk, "resolve"]), {"reason": "自己处理"})
    f.refresh_from_db()
    assert f.state == "new" and f.handling_note == ""
    assert client_for("holder").get(reverse("content:feedback_queue")).status_code == 403


def test_feedback_queue_query_count_does_not_grow(client_for, users, count_queries):
    staff = client_for("staff")

    def fill(n):
        for i in range(n):
            services.feedback_submit(
                author=users["holder"], category="service", target=f"服务{i}", body="意见"
            )

    fill(1)
    staff.get(reverse("content:feedback_queue"))
    one = count_queries(lambda: staff.get(reverse("content:feedback_queue")))
    fill(19)
    assert count_queries(lambda: staff.get(reverse("content:feedback_queue"))) == one
    own = client_for("holder")
    own.get(reverse("content:feedback"))
    assert count_queries(lambda: own.get(reverse("content:feedback"))) <= one
