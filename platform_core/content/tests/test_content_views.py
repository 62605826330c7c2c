import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from platform_core.content import services
from platform_core.content.models import Article, Tag
from platform_core.workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


def test_hub_list_and_detail_are_public(client_for, make_article):
    article = make_article("国家医保药品目录调整（示例）", featured=True)
    anon = client_for("anonymous")
    hub = anon.get(reverse("content:hub"))
    assert hub.status_code == 200
    assert "国家医保药品目录调整（示例）" in hub.content.decode()
    # logged in, the sidebar's own variables must not clobber the hub's sections
    logged_in = client_for("enterprise").get(reverse("content:hub")).content.decode()
    assert 'data-testid="section-policy"' in logged_in and 'data-testid="section-regional"' in logged_in
    assert anon.get(reverse("content:list") + "?kind=policy").status_code == 200
    detail = anon.get(article.get_absolute_url())
    assert detail.status_code == 200
    assert 'data-testid="policy-facts"' in detail.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 404), ("holder", 404), ("enterprise", 404), ("staff", 200), ("admin", 200)],
)
def test_draft_and_unpublished_visible_to_staff_only(client_for, make_article, users, role, status):
    draft = make_article("草稿（示例）", publish=False)
    withdrawn = make_article("已撤下（示例）")
    services.article_unpublish(article_id=withdrawn.pk, actor=users["staff"], reason="信息过时")
    assert client_for(role).get(draft.get_absolute_url()).status_code == status
    assert client_for(role).get(withdrawn.get_absolute_url()).status_code == status
    listing = client_for(role).get(reverse("content:list")).content.decode()
    assert "草稿（示例）" not in listing and "已撤下（示例）" not in listing


def test_publish_and_unpublish_through_the_workflow(client_for, make_article):
    article = make_article("待发布（示例）", publish=False)
    staff = client_for("staff")
    staff.post(reverse("content:transition", args=[article.pk, "publish"]))
    article.refresh_from_db()
    assert article.state == "published" and article.published_at is not None
    # unpublish needs a reason: without one nothing changes
    staff.post(reverse("content:transition", args=[article.pk, "unpublish"]))
    article.refresh_from_db()
    assert article.state == "published"
    staff.post(reverse("content:transition", args=[article.pk, "unpublish"]), {"reason": "政策已废止"})
    article.refresh_from_db()
    assert article.state == "unpublished"
    log = TransitionLog.objects.filter(workflow="content", object_id=article.pk).order_by("-id").first()
    assert (log.from_state, log.to_state, log.reason) == ("published", "unpublished", "政策已废止")


def test_non_staff_cannot_publish_or_edit(client_for, make_article):
    article = make_article("未发布（示例）", publish=False)
    holder = client_for("holder")
    assert holder.post(reverse("content:transition", args=[article.pk, "publish"])).status_code == 403
    assert holder.get(reverse("content:edit", args=[article.pk])).status_code == 403
    assert (
        holder.post(reverse("content:edit", args=[article.pk]), {"kind": "news", "title": "改"}).status_code
        == 403
    )
    article.refresh_from_db()
    assert article.state == "draft" and article.title == "未发布（示例）"
    assert client_for("anonymous").get(reverse("content:manage")).status_code == 302


def test_publish_refuses_an_empty_item(users):
    article = services.article_create(actor=users["staff"], data={"kind": "news", "title": "空"})
    from platform_core.errors import InvalidTransition

    with pytest.raises(InvalidTransition):
        services.article_publish(article_id=article.pk, actor=users["staff"])
    article.refresh_from_db()
    assert article.state == "draft"


def test_editor_creates_policy_with_tags_and_market_indicators(client_for):
    staff = client_for("staff")
    response = staff.post(
        reverse("content:create"),
        {
            "kind": "market",
            "title": "慢性乙肝市场调研（示例）",
            "summary": "示例",
            "body": "<p>正文</p>",
            "tag_names": ["医保报销"],
            "new_tags": "乙肝，市场调研",
            "region": "全国",
            "indicators_text": "感染者 | 7500 | 万人 | 估算\n诊断率|24|%",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(title="慢性乙肝市场调研（示例）")
    assert sorted(t.name for t in article.tags.all()) == ["乙肝", "医保报销", "市场调研"]
    assert article.indicators == [
        {"name": "感染者", "value": "7500", "unit": "万人", "note": "估算"},
        {"name": "诊断率", "value": "24", "unit": "%", "note": ""},
    ]
    assert article.state == "draft"
    assert TransitionLog.objects.filter(workflow="content", object_id=article.pk, action="create").exists()


def test_editor_rejects_indicator_line_without_name_and_keeps_input(client_for):
    response = client_for("staff").post(
        reverse("content:create"),
        {"kind": "regional", "title": "区域分析（示例）", "indicators_text": " | 12 | %"},
    )
    assert response.status_code == 200
    assert 'data-testid="form-errors"' in response.content.decode()
    assert not Article.objects.filter(title="区域分析（示例）").exists()


def test_search_by_keyword_kind_and_tag(client_for, make_article):
    make_article("医疗器械注册人制度（示例）", tags=["医疗器械"])
    make_article("突破性治疗药物程序（示例）", tags=["药品审评审批"], body="<p>肝纤维化新药</p>")
    make_article("肝病新闻（示例）", kind="news", tags=["药品审评审批"])
    anon = client_for("anonymous")
    by_word = anon.get(reverse("content:list"), {"q": "肝纤维化"}).content.decode()
    assert "突破性治疗药物程序" in by_word and "医疗器械注册人制度" not in by_word
    by_tag = anon.get(reverse("content:list"), {"tag": "药品审评审批", "kind": "policy"}).content.decode()
    assert "突破性治疗药物程序" in by_tag and "肝病新闻" not in by_tag and "医疗器械注册人制度" not in by_tag


def test_event_calendar_upcoming_and_past(client_for, make_article):
    today = timezone.localdate()
    make_article(
        "中国肝病大会（示例）", kind="event", starts_on=today + dt.timedelta(days=10), event_mode="offline"
    )
    make_article("往届会议（示例）", kind="event", starts_on=today - dt.timedelta(days=30))
    anon = client_for("anonymous")
    upcoming = anon.get(reverse("content:events")).content.decode()
    past = anon.get(reverse("content:events"), {"when": "past"}).content.decode()
    assert "中国肝病大会（示例）" in upcoming and "往届会议（示例）" not in upcoming
    assert "往届会议（示例）" in past and "中国肝病大会（示例）" not in past


def test_tags_are_staff_editable(client_for):
    staff = client_for("staff")
    staff.post(reverse("content:tags"), {"name": "真实世界研究"})
    tag = Tag.objects.get(name="真实世界研究")
    staff.post(reverse("content:tag_edit", args=[tag.pk]), {"name": "真实世界证据"})
    tag.refresh_from_db()
    assert tag.name == "真实世界证据"
    assert (
        client_for("holder").post(reverse("content:tag_edit", args=[tag.pk]), {"delete": "1"}).status_code
        == 403
    )
    assert Tag.objects.filter(pk=tag.pk).exists()
    staff.post(reverse("content:tag_edit", args=[tag.pk]), {"delete": "1"})
    assert not Tag.objects.filter(pk=tag.pk).exists()


def _fill(make_article, n, **kw):
    for i in range(n):
        make_article(f"条目{i}（示例）", tags=["医保报销", f"标签{i % 3}"], **kw)


@pytest.mark.parametrize(
    ("url_name", "role", "query", "kind"),
    [
        ("content:hub", "anonymous", {}, "policy"),
        ("content:list", "anonymous", {}, "policy"),
        ("content:list", "enterprise", {"q": "条目"}, "news"),
        ("content:events", "anonymous", {}, "event"),
        ("content:manage", "staff", {}, "policy"),
    ],
)
def test_list_pages_query_count_does_not_grow(
    client_for, make_article, count_queries, url_name, role, query, kind
):
    client = client_for(role)
    extra = {"starts_on": timezone.localdate() + dt.timedelta(days=5)} if kind == "event" else {}
    _fill(make_article, 1, kind=kind, **extra)
    client.get(reverse(url_name), query)  # warm caches (content types, sessions)
    one = count_queries(lambda: client.get(reverse(url_name), query))
    Article.objects.all().delete()
    _fill(make_article, 20, kind=kind, **extra)
    twenty = count_queries(lambda: client.get(reverse(url_name), query))
    assert one == twenty
    assert twenty <= 20
