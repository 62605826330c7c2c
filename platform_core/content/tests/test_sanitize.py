import pytest
from django.urls import reverse

from platform_core.content import services
from platform_core.content.models import Article
from platform_core.content.sanitize import plain_text, sanitize_html

EVIL = (
    '<p onclick="steal()" style="position:fixed">正文<script>alert("x")</script></p>'
    '<img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(1)">坏链接</a>'
    '<a href="https://www.nmpa.gov.cn/" target="_blank">药监局</a>'
    "<style>body{display:none}</style><iframe src='https://evil.example'></iframe>"
    "<h1>大标题</h1><h2>小标题</h2><ul><li>一</li></ul><table><tr><td colspan='2'>格</td></tr></table>"
    "<blockquote>引用</blockquote><strong>粗</strong><em>斜</em>"
)


def test_sanitiser_strips_scripts_handlers_and_javascript_urls():
    clean = sanitize_html(EVIL)
    for bad in (
        "<script",
        "alert",
        "onclick",
        "onerror",
        "javascript:",
        "<style",
        "display:none",
        "<iframe",
        "<img",
        "style=",
    ):
        assert bad not in clean, bad
    # what is allowed survives, links get rel=noopener
    assert '<a href="https://www.nmpa.gov.cn/" rel="noopener noreferrer">药监局</a>' in clean
    assert "<h2>小标题</h2>" in clean and "<h1>" not in clean and "大标题" in clean
    assert '<td colspan="2">格</td>' in clean
    assert "<blockquote>引用</blockquote>" in clean and "<strong>粗</strong>" in clean
    assert "target=" not in clean


def test_plain_text_unescapes():
    assert plain_text("<p>A &amp; B<script>x</script></p>") == "A & B"


@pytest.mark.django_db
def test_service_stores_sanitised_rich_text(users):
    article = services.article_create(
        actor=users["staff"],
        data={
            "kind": "policy",
            "title": "示例",
            "body": EVIL,
            "interpretation": EVIL,
            "compliance_guidance": EVIL,
        },
    )
    article.refresh_from_db()
    for field in ("body", "interpretation", "compliance_guidance"):
        value = getattr(article, field)
        assert "<script" not in value and "onerror" not in value and "javascript:" not in value
        assert "药监局" in value


@pytest.mark.django_db
def test_editor_post_and_detail_page_never_carry_script(client_for, users):
    response = client_for("staff").post(
        reverse("content:create"),
        {"kind": "news", "title": "带脚本的新闻（示例）", "body": EVIL, "then": "publish"},
    )
    assert response.status_code == 302
    article = Article.objects.get(title="带脚本的新闻（示例）")
    assert article.state == "published"
    assert "<script" not in article.body
    # Even a row written behind the service's back renders sanitised.
    Article.objects.filter(pk=article.pk).update(body=EVIL)
    html = client_for("anonymous").get(article.get_absolute_url()).content.decode()
    assert "alert(" not in html and "onerror" not in html and "javascript:alert" not in html
    assert "药监局" in html


@pytest.mark.django_db
def test_preview_returns_sanitised_fragment_for_staff_only(client_for):
    url = reverse("content:preview")
    response = client_for("staff").post(url, {"html": EVIL})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script" not in body and "药监局" in body
    assert client_for("enterprise").post(url, {"html": EVIL}).status_code == 403
