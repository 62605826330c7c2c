from __future__ import annotations

import pytest
from django.urls import reverse

from achievements import services
from achievements.models import Achievement, ReviewReason
from achievements.tests.conftest import pdf_file

pytestmark = pytest.mark.django_db
S = Achievement.State


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("holder", 200),
        ("other_holder", 404),
        ("enterprise", 404),
        ("evaluator", 404),
        ("investor", 404),
        ("staff", 200),
        ("admin", 200),
    ],
)
def test_draft_detail_visibility(client_for, draft, role, status):
    assert client_for(role).get(draft.get_absolute_url()).status_code == status


def test_anonymous_is_sent_to_login(client_for, draft):
    for url in (
        draft.get_absolute_url(),
        reverse("achievements:mine"),
        reverse("achievements:create"),
        reverse("achievements:queue"),
        reverse("achievements:step", args=[draft.pk, "basic"]),
        reverse("achievements:review", args=[draft.pk]),
    ):
        response = client_for("anonymous").get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize(("role", "status"), [("other_holder", 404), ("enterprise", 403), ("staff", 403)])
def test_others_cannot_edit_a_draft(client_for, draft, role, status):
    url = reverse("achievements:step", args=[draft.pk, "basic"])
    response = client_for(role).post(url, {"version": draft.version, "name": "篡改"})
    assert response.status_code == status
    draft.refresh_from_db()
    assert draft.name == "抗肝纤维化中药颗粒"


def test_holder_walks_every_step(client_for, make_draft):
    client = client_for("holder")
    response = client.post(reverse("achievements:create"), {"name": "人工肝支持系统", "next": "1"})
    a = Achievement.objects.get(name="人工肝支持系统")
    assert response.status_code == 302 and response["Location"].endswith("/edit/technical/")
    for step in ("basic", "technical", "ip", "cooperation", "team", "materials", "review"):
        page = client.get(reverse("achievements:step", args=[a.pk, step]))
        assert page.status_code == 200, step
        assert 'data-testid="step-nav"' in page.content.decode()


def test_step_saves_rows_and_keeps_other_steps(client_for, draft):
    client = client_for("holder")
    url = reverse("achievements:step", args=[draft.pk, "technical"])
    data = {
        "version": draft.version,
        "technical_details": "新的工艺说明",
        "level_technical_parameters": "registered",
        "level_technical_details": "granted",
        "level_application_cases": "public",
        "params-TOTAL_FORMS": "2",
        "params-INITIAL_FORMS": "0",
        "params-0-name": "灵敏度",
        "params-0-value": "91.2",
        "params-0-unit": "%",
        "params-1-name": "",
        "cases-TOTAL_FORMS": "0",
        "cases-INITIAL_FORMS": "0",
        "next": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith("/edit/ip/")
    draft.refresh_from_db()
    assert draft.technical_details == "新的工艺说明"
    assert [(p.name, p.value) for p in draft.technical_parameters.all()] == [("灵敏度", "91.2")]
    assert draft.background.startswith("慢性乙肝")  # other steps untouched


def test_invalid_step_keeps_what_was_typed_and_changes_nothing(client_for, draft):
    client = client_for("holder")
    url = reverse("achievements:step", args=[draft.pk, "basic"])
    before = (draft.version, draft.summary, draft.trl)
    response = client.post(
        url,
        {
            "version": draft.version,
            "name": "抗肝纤维化中药颗粒",
            "summary": "刚刚输入的新简介",
            "trl": "15",
            "level_background": "public",
            "level_innovation_points": "public",
            "level_contributions": "public",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="form-errors"' in html
    assert "刚刚输入的新简介" in html  # what the user typed is still there
    assert "15" in html
    draft.refresh_from_db()
    assert (draft.version, draft.summary, draft.trl) == before


def test_stale_version_shows_current_values_and_overwrites_nothing(client_for, draft, users):
    client = client_for("holder")
    url = reverse("achievements:step", args=[draft.pk, "basic"])
    stale = draft.version
    services.achievement_update(
        achievement_id=draft.pk,
        actor=users["holder"],
        expected_version=stale,
        fields={"summary": "另一窗口保存"},
    )
    response = client.post(
        url,
        {
            "version": stale,
            "name": "旧窗口",
            "summary": "旧窗口的简介",
            "level_background": "public",
            "level_innovation_points": "public",
            "level_contributions": "public",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert 'data-testid="conflict"' in html and "另一窗口保存" in html
    draft.refresh_from_db()
    assert draft.summary == "另一窗口保存" and draft.name == "抗肝纤维化中药颗粒"


def test_material_upload_and_delete(client_for, make_draft):
    a = make_draft(materials=False)
    client = client_for("holder")
    url = reverse("achievements:step", args=[a.pk, "materials"])
    response = client.post(url, {"kind": "research_report", "file": pdf_file("研究报告.pdf")})
    assert response.status_code == 302
    att = a_attachments = list(
        __import__("achievements.selectors", fromlist=["x"]).achievement_attachments(a)
    )
    assert [x.kind for x in a_attachments] == ["research_report"]
    bad = client.post(url, {"kind": "research_report", "file": pdf_file("evil.exe")})
    assert bad.status_code == 200 and 'data-testid="form-errors"' in bad.content.decode()
    client.post(reverse("achievements:material_delete", args=[a.pk, att[0].pk]))
    assert not list(__import__("achievements.selectors", fromlist=["x"]).achievement_attachments(a))


def test_submit_via_html_and_download_pdf(client_for, draft):
    client = client_for("holder")
    response = client.post(reverse("achievements:submit", args=[draft.pk]), {"version": draft.version})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == S.SUBMITTED
    pdf = client.get(reverse("achievements:submission_pdf", args=[draft.pk, 1]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert (
        client_for("other_holder").get(reverse("achievements:submission_pdf", args=[draft.pk, 1])).status_code
        == 404
    )


def test_submit_incomplete_shows_problems(client_for, make_draft):
    a = make_draft(complete=False)
    client = client_for("holder")
    response = client.post(reverse("achievements:submit", args=[a.pk]), {"version": a.version}, follow=True)
    assert 'data-testid="problems"' in response.content.decode()
    a.refresh_from_db()
    assert a.state == S.DRAFT


def test_returned_reasons_show_beside_fields(client_for, returned):
    client = client_for("holder")
    html = client.get(reverse("achievements:step", args=[returned.pk, "basic"])).content.decode()
    assert "请补充流行病学数据" in html and 'data-target="background"' in html
    html = client.get(reverse("achievements:step", args=[returned.pk, "materials"])).content.decode()
    assert "药效学资料缺少动物实验原始数据" in html


def test_staff_decides_with_itemised_reasons(client_for, submitted):
    client = client_for("staff")
    url = reverse("achievements:review", args=[submitted.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "decision": "return_for_supplement",
            "note": "",
            "reasons-TOTAL_FORMS": "3",
            "reasons-INITIAL_FORMS": "0",
            "reasons-0-target": "field:innovation_points",
            "reasons-0-text": "创新点需与现有抗纤维化药物对比",
            "reasons-1-target": "material:formula_process",
            "reasons-1-text": "缺少制备工艺验证数据",
            "reasons-2-target": "general:",
            "reasons-2-text": "",
        },
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == S.RETURNED
    assert sorted(ReviewReason.objects.values_list("target", flat=True)) == [
        "formula_process",
        "innovation_points",
    ]


def test_holder_cannot_open_review_page(client_for, submitted):
    assert client_for("holder").get(reverse("achievements:review", args=[submitted.pk])).status_code == 403


def test_holder_posting_a_decision_is_refused(client_for, submitted):
    response = client_for("holder").post(
        reverse("achievements:review", args=[submitted.pk]),
        {"decision": "accept", "reasons-TOTAL_FORMS": "0"},
    )
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED


def test_diff_page_and_reassign(client_for, returned, users, make_user):
    holder = users["holder"]
    a = services.achievement_update(
        achievement_id=returned.pk,
        actor=holder,
        expected_version=returned.version,
        fields={"background": "补充后的背景"},
    )
    services.achievement_submit(achievement_id=a.pk, actor=holder)
    client = client_for("staff")
    html = client.get(reverse("achievements:diff", args=[a.pk])).content.decode()
    assert 'data-field="background"' in html and "补充后的背景" in html
    staff2 = make_user("staff2", ["staff"])
    client.post(reverse("achievements:reassign", args=[a.pk]), {"assignee": staff2.pk, "note": "休假"})
    a.refresh_from_db()
    assert a.assigned_to == staff2


def test_confidential_sections_hidden_from_enterprise_on_published(client_for, submitted, users):
    from platform_core.workflow.engine import transition

    staff = users["staff"]
    services.achievement_review(achievement_id=submitted.pk, actor=staff, decision="accept")
    for action in ("start_evaluation", "pass_evaluation", "publish"):
        transition(Achievement, submitted.pk, action=action, actor=staff)
    url = submitted.get_absolute_url()
    anon = client_for("anonymous").get(url).content.decode()
    ent = client_for("enterprise").get(url).content.decode()
    owner = client_for("holder").get(url).content.decode()
    secret = "黄芪 30 g"
    assert secret in owner
    for html in (anon, ent):
        assert secret not in html  # technical details: granted only
        assert "010-84322000" not in html  # contact: granted
        assert 'data-testid="sec-price"' not in html  # price: granted
        assert 'data-testid="hidden-section"' in html
    assert "纤维化逆转率" in ent and "纤维化逆转率" not in anon  # parameters: registered enterprises


def test_dashboard_widgets(client_for, returned):
    html = client_for("holder").get(reverse("dashboard")).content.decode()
    assert 'data-testid="widget-my-achievements"' in html and returned.name in html
    html = client_for("staff").get(reverse("dashboard")).content.decode()
    assert 'data-testid="widget-review-queue"' in html
