import pytest
from django.urls import reverse

from platform_core.accounts.models import User
from platform_core.workflow.models import TransitionLog

REG = {
    "role": "holder",
    "username": "newdoc",
    "display_name": "新医生",
    "email": "newdoc@example.com",
    "phone": "13800000000",
    "organization_name": "某某医院",
    "organization_kind": "hospital",
    "province": "河北省",
    "city": "石家庄市",
    "password1": "Str0ng-pass-word",
    "password2": "Str0ng-pass-word",
    "agree": "on",
}


@pytest.mark.django_db
def test_registration_waits_for_approval_and_cannot_log_in(client, users):
    response = client.post(reverse("accounts:register"), REG)
    assert response.status_code == 200
    assert "register-done" in response.content.decode()
    user = User.objects.get(username="newdoc")
    assert user.approval_status == User.Approval.PENDING
    assert user.groups.filter(name="holder").exists()
    assert user.organization.name == "某某医院"

    response = client.post(reverse("accounts:login"), {"username": "newdoc", "password": "Str0ng-pass-word"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "等待" in response.content.decode() or "waiting" in response.content.decode()


@pytest.mark.django_db
def test_staff_approval_lets_user_log_in_and_is_logged(client, client_for, users):
    client.post(reverse("accounts:register"), REG)
    user = User.objects.get(username="newdoc")
    staff = client_for("staff")
    response = staff.post(reverse("accounts:decide", args=[user.pk, "approve"]))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.approval_status == User.Approval.APPROVED
    assert TransitionLog.objects.filter(object_id=user.pk, workflow="account", to_state="approved").exists()

    response = client.post(
        reverse("accounts:login"), {"username": "newdoc@example.com", "password": "Str0ng-pass-word"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_registration_form_keeps_input_and_explains_errors(client, users):
    data = {**REG, "password2": "different-pass-1"}
    response = client.post(reverse("accounts:register"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="newdoc"' in body
    assert 'value="某某医院"' in body
    assert not User.objects.filter(username="newdoc").exists()


@pytest.mark.django_db
def test_only_staff_may_approve(client_for, users):
    pending = users["holder"]
    User.objects.filter(pk=pending.pk).update(approval_status="pending")
    response = client_for("enterprise").post(reverse("accounts:decide", args=[pending.pk, "approve"]))
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.approval_status == "pending"


@pytest.mark.django_db
def test_reject_requires_reason(client_for, users):
    target = users["holder"]
    User.objects.filter(pk=target.pk).update(approval_status="pending")
    client_for("staff").post(reverse("accounts:decide", args=[target.pk, "reject"]), {"reason": ""})
    target.refresh_from_db()
    assert target.approval_status == "pending"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "label"),
    [
        ("holder", "成果持有方"),
        ("enterprise", "企业"),
        ("staff", "服务专员"),
        ("evaluator", "评估专家"),
        ("investor", "投资机构"),
        ("admin", "平台管理员"),
    ],
)
def test_each_role_lands_on_its_dashboard_in_chinese(client_for, role, label):
    response = client_for(role).get(reverse("dashboard"))
    assert response.status_code == 200
    assert label in response.content.decode()


@pytest.mark.django_db
def test_staff_menu_hidden_from_holders(client_for):
    holder_page = client_for("holder").get(reverse("dashboard")).content.decode()
    staff_page = client_for("staff").get(reverse("dashboard")).content.decode()
    approvals = reverse("accounts:pending")
    assert approvals not in holder_page
    assert approvals in staff_page
    assert client_for("holder").get(approvals).status_code == 403


@pytest.mark.django_db
def test_pending_list_query_count_is_constant(client_for, django_assert_max_num_queries, users):
    from platform_core.accounts.services import user_register

    staff = client_for("staff")
    staff.get(reverse("accounts:pending"))
    for i in range(15):
        user_register(
            username=f"p{i}",
            email=f"p{i}@x.com",
            password="Str0ng-pass-1",
            role="holder",
            organization_name=f"机构{i}",
        )
    with django_assert_max_num_queries(14):
        assert staff.get(reverse("accounts:pending")).status_code == 200


@pytest.mark.django_db
def test_anonymous_dashboard_redirects_to_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_home_page_is_chinese_and_english_switchable(client):
    body = client.get("/").content.decode()
    assert "成果转化协作平台" in body
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert "Achievement Transfer Collaboration Platform" in body


@pytest.mark.django_db
def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_api_schema_and_docs(client, client_for):
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


@pytest.mark.django_db
def test_api_users_for_staff_only(api_for, users):
    assert api_for("holder").get("/api/v1/accounts/users/").status_code == 403
    response = api_for("staff").get("/api/v1/accounts/users/?approval_status=approved")
    assert response.status_code == 200
    assert response.json()["count"] >= 1


@pytest.mark.django_db
def test_api_approve_via_transition(api_for, users):
    target = users["holder"]
    User.objects.filter(pk=target.pk).update(approval_status="pending")
    response = api_for("staff").post(
        f"/api/v1/accounts/users/{target.pk}/transition/", {"action": "approve"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "approved"
    again = api_for("staff").post(
        f"/api/v1/accounts/users/{target.pk}/transition/", {"action": "approve"}, format="json"
    )
    assert again.status_code == 409
    history = api_for("staff").get(f"/api/v1/accounts/users/{target.pk}/history/")
    assert [h["to_state"] for h in history.json()] == ["approved"]


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    from django.core.management import call_command

    call_command("seed_demo")
    counts = (User.objects.count(), TransitionLog.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), TransitionLog.objects.count()) == counts


@pytest.mark.django_db
def test_browser_language_header_does_not_override_chinese_default(client):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "汇聚产学研医多方力量" in body
