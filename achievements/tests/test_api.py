from __future__ import annotations

import pytest

from achievements import services
from achievements.models import Achievement, ReviewReason
from achievements.tests.conftest import pdf_file

pytestmark = pytest.mark.django_db
S = Achievement.State
BASE = "/api/v1/achievements/"


def test_holder_creates_and_updates_a_draft_with_rows(api_for):
    api = api_for("holder")
    response = api.post(
        BASE,
        {
            "name": "慢性乙肝肝纤维化血清标志物组合",
            "achievement_type": "diagnostic_reagent",
            "scenarios": ["clinical"],
            "technical_parameters": [{"name": "AUROC", "value": "0.89", "unit": "", "method": "肝穿刺对照"}],
            "confidentiality": {"technical_parameters": "public"},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "draft" and body["technical_parameters"][0]["name"] == "AUROC"
    assert body["confidentiality"]["technical_parameters"] == "public"
    pk, version = body["id"], body["version"]
    response = api.patch(
        f"{BASE}{pk}/", {"version": version, "summary": "四项血清标志物无创分期"}, format="json"
    )
    assert response.status_code == 200 and response.json()["summary"] == "四项血清标志物无创分期"
    # The same (now stale) version again: 409 and nothing written.
    response = api.patch(f"{BASE}{pk}/", {"version": version, "summary": "覆盖"}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "stale_version"
    assert Achievement.objects.get(pk=pk).summary == "四项血清标志物无创分期"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"trl": 12}, "trl"),
        ({"achievement_type": "nonsense"}, "achievement_type"),
        ({"contact_phone": "abc"}, "contact_phone"),
        ({"confidentiality": {"price_expectation": "secret"}}, "confidentiality"),
        ({"price_expectation": "-3"}, "price_expectation"),
    ],
)
def test_invalid_data_is_400_and_changes_nothing(api_for, draft, payload, field):
    before = (draft.version, draft.trl)
    response = api_for("holder").patch(
        f"{BASE}{draft.pk}/", {"version": draft.version, **payload}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.content.decode()
    draft.refresh_from_db()
    assert (draft.version, draft.trl) == before


def test_update_without_version_is_400(api_for, draft):
    response = api_for("holder").patch(f"{BASE}{draft.pk}/", {"summary": "x"}, format="json")
    assert response.status_code == 400


def test_non_holders_cannot_create(api_for):
    assert api_for("enterprise").post(BASE, {"name": "x"}, format="json").status_code == 403
    assert api_for("anonymous").post(BASE, {"name": "x"}, format="json").status_code in (401, 403)
    assert not Achievement.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("holder", 200),
        ("other_holder", 404),
        ("enterprise", 404),
        ("evaluator", 404),
        ("staff", 200),
        ("anonymous", 404),
    ],
)
def test_draft_visibility(api_for, draft, role, status):
    assert api_for(role).get(f"{BASE}{draft.pk}/").status_code == status


def test_other_holder_cannot_patch_or_delete(api_for, draft):
    api = api_for("other_holder")
    assert (
        api.patch(f"{BASE}{draft.pk}/", {"version": draft.version, "name": "x"}, format="json").status_code
        == 404
    )
    assert api.delete(f"{BASE}{draft.pk}/").status_code == 404
    assert Achievement.objects.filter(pk=draft.pk, name="抗肝纤维化中药颗粒").exists()


def test_submit_and_review_through_transition_endpoint(api_for, draft):
    response = api_for("holder").post(f"{BASE}{draft.pk}/transition/", {"action": "submit"}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "submitted"
    # a holder cannot accept his own achievement
    response = api_for("holder").post(f"{BASE}{draft.pk}/transition/", {"action": "accept"}, format="json")
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.state == S.SUBMITTED
    # not in the table from here: 409, nothing changes
    response = api_for("staff").post(f"{BASE}{draft.pk}/transition/", {"action": "publish"}, format="json")
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.state == S.SUBMITTED and draft.published_at is None
    # return with a general reason through the generic endpoint
    response = api_for("staff").post(
        f"{BASE}{draft.pk}/transition/",
        {"action": "return_for_supplement", "reason": "请补充伦理批件"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["state"] == "returned"
    assert ReviewReason.objects.get().target_kind == "general"
    history = api_for("holder").get(f"{BASE}{draft.pk}/history/").json()
    assert [h["action"] for h in history] == ["create", "submit", "return_for_supplement"]
    assert history[-1]["working_days"] is not None


def test_submit_on_returned_must_be_resubmit(api_for, returned):
    response = api_for("holder").post(f"{BASE}{returned.pk}/transition/", {"action": "submit"}, format="json")
    assert response.status_code == 409
    response = api_for("holder").post(
        f"{BASE}{returned.pk}/transition/", {"action": "resubmit"}, format="json"
    )
    assert response.status_code == 200 and response.json()["state"] == "resubmitted"


def test_incomplete_submit_is_400_with_problems(api_for, make_draft):
    a = make_draft(complete=False)
    response = api_for("holder").post(f"{BASE}{a.pk}/transition/", {"action": "submit"}, format="json")
    assert response.status_code == 400
    assert {"target": "summary", "step": "basic"}.items() <= response.json()["problems"][0].items()


def test_review_endpoint_with_itemised_reasons_then_diff(api_for, submitted, users):
    response = api_for("staff").post(
        f"{BASE}{submitted.pk}/review/",
        {
            "decision": "return_for_supplement",
            "reasons": [
                {"target_kind": "field", "target": "technical_parameters", "text": "缺少特异性指标"},
                {"target_kind": "material", "target": "formula_process", "text": "工艺资料不全"},
            ],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    holder = users["holder"]
    a = Achievement.objects.get(pk=submitted.pk)
    services.achievement_update(
        achievement_id=a.pk,
        actor=holder,
        expected_version=a.version,
        rows={"technical_parameters": [{"name": "特异性", "value": "88", "unit": "%", "method": ""}]},
    )
    services.material_upload(
        achievement_id=a.pk, actor=holder, uploaded_file=pdf_file("工艺.pdf", b"x"), kind="formula_process"
    )
    api_for("holder").post(f"{BASE}{a.pk}/transition/", {"action": "resubmit"}, format="json")
    subs = api_for("staff").get(f"{BASE}{a.pk}/submissions/").json()
    assert [s["number"] for s in subs] == [1, 2]
    diff = api_for("staff").get(f"{BASE}{a.pk}/diff/").json()
    assert diff["a"] == 1 and diff["b"] == 2
    assert diff["rows"][0]["section"] == "technical_parameters"
    assert [f["name"] for f in diff["attachments_added"]] == ["工艺.pdf"]
    assert api_for("other_holder").get(f"{BASE}{a.pk}/diff/").status_code == 404
    detail = api_for("staff").get(f"{BASE}{a.pk}/submissions/2/").json()
    assert detail["data"]["rows"]["technical_parameters"][0]["name"] == "特异性"


def test_queue_scope_for_staff(api_for, submitted, make_draft):
    make_draft(name="另一份草稿")
    rows = api_for("staff").get(BASE, {"scope": "queue"}).json()["results"]
    assert [r["id"] for r in rows] == [submitted.pk]
    mine = api_for("holder").get(BASE, {"scope": "mine"}).json()["results"]
    assert len(mine) == 2
    assert api_for("other_holder").get(BASE).json()["results"] == []


def test_reassign_endpoint(api_for, submitted, make_user):
    staff2 = make_user("staff2", ["staff"])
    response = api_for("staff").post(
        f"{BASE}{submitted.pk}/reassign/", {"assignee": staff2.pk}, format="json"
    )
    assert response.status_code == 200
    assert (
        api_for("holder")
        .post(f"{BASE}{submitted.pk}/reassign/", {"assignee": staff2.pk}, format="json")
        .status_code
        == 403
    )


def test_materials_endpoint(api_for, make_draft):
    a = make_draft(materials=False)
    api = api_for("holder")
    response = api.post(
        f"{BASE}{a.pk}/materials/", {"kind": "research_report", "file": pdf_file("r.pdf")}, format="multipart"
    )
    assert response.status_code == 201, response.content
    checklist = api.get(f"{BASE}{a.pk}/materials/").json()
    assert next(i for i in checklist if i["code"] == "research_report")["present"] is True
    bad = api.post(
        f"{BASE}{a.pk}/materials/", {"kind": "research_report", "file": pdf_file("x.exe")}, format="multipart"
    )
    assert bad.status_code == 400


def test_confidential_fields_left_out_for_enterprise(api_for, submitted, users):
    from platform_core.workflow.engine import transition

    staff = users["staff"]
    services.achievement_review(achievement_id=submitted.pk, actor=staff, decision="accept")
    for action in ("start_evaluation", "pass_evaluation", "publish"):
        transition(Achievement, submitted.pk, action=action, actor=staff)
    ent = api_for("enterprise").get(f"{BASE}{submitted.pk}/").json()
    anon = api_for("anonymous").get(f"{BASE}{submitted.pk}/").json()
    owner = api_for("holder").get(f"{BASE}{submitted.pk}/").json()
    for key in ("technical_details", "price_expectation", "contact_phone"):
        assert key not in ent and key not in anon and key in owner
    assert "technical_parameters" in ent and "technical_parameters" not in anon
    assert "technical_details" in ent["hidden_sections"]
    assert "黄芪" not in str(ent)


def test_vocabularies_are_public_and_read_only(api_for):
    api = api_for("anonymous")
    types = api.get("/api/v1/achievement-types/").json()
    assert "中药复方/制剂" in [t["name"] for t in types]
    modes = [m["code"] for m in api.get("/api/v1/cooperation-modes/").json()]
    assert modes == ["self_implement", "transfer", "license", "equity", "joint_development", "other"]
    mats = api.get("/api/v1/achievement-types/tcm_formula/materials/").json()
    assert any(m["required"] for m in mats)
    assert api_for("staff").post("/api/v1/technical-fields/", {"code": "x", "name": "x"}).status_code == 405
