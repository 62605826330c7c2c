import pytest

from platform_core.content import services
from platform_core.content.models import Article, Consultation

pytestmark = pytest.mark.django_db


def test_content_list_is_public_and_shows_published_only(api_for, make_article):
    make_article("已发布（示例）")
    make_article("草稿（示例）", publish=False)
    response = api_for("anonymous").get("/api/v1/content/")
    assert response.status_code == 200
    titles = [row["title"] for row in response.json()["results"]]
    assert titles == ["已发布（示例）"]
    staff_titles = {row["title"] for row in api_for("staff").get("/api/v1/content/").json()["results"]}
    assert staff_titles == {"已发布（示例）", "草稿（示例）"}


def test_content_filters_and_search(api_for, make_article):
    make_article("器械（示例）", tags=["医疗器械"])
    make_article("新闻（示例）", kind="news", tags=["医保报销"], body="<p>肝纤维化</p>")
    anon = api_for("anonymous")
    assert [r["title"] for r in anon.get("/api/v1/content/", {"tag": "医疗器械"}).json()["results"]] == [
        "器械（示例）"
    ]
    assert [r["title"] for r in anon.get("/api/v1/content/", {"kind": "news"}).json()["results"]] == [
        "新闻（示例）"
    ]
    assert [r["title"] for r in anon.get("/api/v1/content/", {"search": "肝纤维化"}).json()["results"]] == [
        "新闻（示例）"
    ]


def test_unpublished_detail_is_404_for_public(api_for, make_article):
    draft = make_article("草稿（示例）", publish=False)
    assert api_for("anonymous").get(f"/api/v1/content/{draft.pk}/").status_code == 404
    assert api_for("enterprise").get(f"/api/v1/content/{draft.pk}/").status_code == 404
    assert api_for("staff").get(f"/api/v1/content/{draft.pk}/").status_code == 200


def test_staff_create_sanitises_and_publishes(api_for):
    staff = api_for("staff")
    response = staff.post(
        "/api/v1/content/",
        {
            "kind": "regional",
            "title": "区域分析（示例）",
            "body": '<p onclick="x()">正文</p><script>alert(1)</script>',
            "tags": ["区域", "医保报销"],
            "indicators": [{"name": "覆盖率", "value": "70", "unit": "%"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["body"] == "<p>正文</p>" and data["state"] == "draft"
    assert sorted(data["tags"]) == ["区域", "医保报销"]
    assert data["indicators"] == [{"name": "覆盖率", "value": "70", "unit": "%", "note": ""}]
    published = staff.post(f"/api/v1/content/{data['id']}/transition/", {"action": "publish"}, format="json")
    assert published.status_code == 200 and published.json()["state"] == "published"
    assert Article.objects.get(pk=data["id"]).published_at is not None


def test_non_staff_cannot_write_content(api_for, make_article):
    article = make_article("政策（示例）")
    holder = api_for("holder")
    assert holder.post("/api/v1/content/", {"kind": "news", "title": "x"}, format="json").status_code == 403
    assert holder.patch(f"/api/v1/content/{article.pk}/", {"title": "改"}, format="json").status_code == 403
    assert (
        holder.post(
            f"/api/v1/content/{article.pk}/transition/", {"action": "unpublish", "reason": "x"}, format="json"
        ).status_code
        == 403
    )
    article.refresh_from_db()
    assert article.title == "政策（示例）" and article.state == "published"


def test_bad_indicator_rows_answer_400(api_for):
    response = api_for("staff").post(
        "/api/v1/content/", {"kind": "market", "title": "x", "indicators": [{"value": "1"}]}, format="json"
    )
    assert response.status_code == 400


def test_consultations_api_visibility_and_transitions(api_for, users):
    holder = api_for("holder")
    created = holder.post(
        "/api/v1/consultations/",
        {"category": "ip", "subject": "许可提成", "question": "提成比例如何约定？"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    cid = created.json()["id"]
    assert created.json()["state"] == "submitted"
    assert api_for("other_holder").get(f"/api/v1/consultations/{cid}/").status_code == 404
    assert api_for("other_holder").get("/api/v1/consultations/").json()["count"] == 0
    assert api_for("staff").get("/api/v1/consultations/").json()["count"] == 1

    # the asker cannot answer; nothing changes
    assert (
        holder.post(
            f"/api/v1/consultations/{cid}/transition/", {"action": "answer", "reason": "自答"}, format="json"
        ).status_code
        == 403
    )
    staff = api_for("staff")
    assign = staff.post(
        f"/api/v1/consultations/{cid}/assign/", {"assignee": users["staff"].pk}, format="json"
    )
    assert assign.status_code == 200 and assign.json()["state"] == "assigned"
    answer = staff.post(
        f"/api/v1/consultations/{cid}/transition/",
        {"action": "answer", "reason": "一般3%–5%。"},
        format="json",
    )
    assert answer.status_code == 200 and answer.json()["state"] == "answered"
    assert (
        holder.post(
            f"/api/v1/consultations/{cid}/transition/", {"action": "confirm"}, format="json"
        ).status_code
        == 200
    )
    detail = holder.get(f"/api/v1/consultations/{cid}/").json()
    assert detail["state"] == "closed" and detail["messages"][0]["body"] == "一般3%–5%。"
    assert detail["response_days"] == 0 and detail["completion_days"] == 0
    history = holder.get(f"/api/v1/consultations/{cid}/history/").json()
    assert [h["to_state"] for h in history] == ["submitted", "assigned", "answered", "closed"]
    assert (
        holder.post(
            f"/api/v1/consultations/{cid}/transition/", {"action": "confirm"}, format="json"
        ).status_code
        == 409
    )


def test_consultation_create_requires_login_and_valid_input(api_for):
    assert api_for("anonymous").post("/api/v1/consultations/", {}, format="json").status_code in (401, 403)
    bad = api_for("holder").post(
        "/api/v1/consultations/", {"category": "nope", "subject": "", "question": ""}, format="json"
    )
    assert bad.status_code == 400
    assert not Consultation.objects.exists()


def test_feedback_api(api_for, users):
    holder = api_for("holder")
    made = holder.post(
        "/api/v1/feedback/",
        {"category": "service", "respondent": "clinician", "target": "评估服务", "body": "建议增加对比表"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    fid = made.json()["id"]
    assert api_for("enterprise").get(f"/api/v1/feedback/{fid}/").status_code == 404
    assert (
        holder.post(
            f"/api/v1/feedback/{fid}/transition/", {"action": "resolve", "reason": "x"}, format="json"
        ).status_code
        == 403
    )
    done = api_for("staff").post(
        f"/api/v1/feedback/{fid}/transition/", {"action": "resolve", "reason": "已采纳"}, format="json"
    )
    assert done.status_code == 200 and done.json()["state"] == "resolved"
    assert holder.get(f"/api/v1/feedback/{fid}/").json()["handling_note"] == "已采纳"


@pytest.mark.parametrize(
    ("url", "role"),
    [("/api/v1/content/", "anonymous"), ("/api/v1/consultations/", "staff"), ("/api/v1/feedback/", "staff")],
)
def test_api_lists_query_count_does_not_grow(api_for, users, make_article, count_queries, url, role):
    client = api_for(role)

    def fill(n):
        for i in range(n):
            make_article(f"条目{i}-{Article.objects.count()}", tags=["医保报销", "创新激励"])
            c = services.consultation_submit(
                asker=users["holder"], category="ip", subject=f"问{i}", question="问"
            )
            services.consultation_assign(
                consultation_id=c.pk,
                actor=users["staff"],
                assignee=users["staff2"] if "staff2" in users else users["staff"],
            )
            services.feedback_submit(
                author=users["holder"], category="service", target=f"服务{i}", body="意见"
            )

    fill(1)
    client.get(url)
    one = count_queries(lambda: client.get(url))
    fill(19)
    assert count_queries(lambda: client.get(url)) == one
    assert one <= 6


def test_schema_generates(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/v1/consultations/{id}/assign/" in body and "/api/v1/content/" in body
