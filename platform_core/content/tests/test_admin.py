import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["article", "tag", "consultation", "feedback"])
def test_admin_pages_open_for_staff_and_admin(client_for, users, make_article, make_consultation, model):
    from platform_core.accounts.models import User

    User.objects.filter(pk=users["staff"].pk).update(is_staff=True)
    article = make_article()
    consultation = make_consultation()
    objects = {"article": article.pk, "tag": article.tags.first().pk, "consultation": consultation.pk}
    for role in ("admin", "staff"):
        client = client_for(role)
        assert client.get(reverse(f"admin:content_{model}_changelist")).status_code == 200, role
        if model in objects:
            assert (
                client.get(reverse(f"admin:content_{model}_change", args=[objects[model]])).status_code == 200
            )


def test_admin_save_sanitises_rich_text(client_for, make_article):

    article = make_article()
    client = client_for("admin")
    url = reverse("admin:content_article_change", args=[article.pk])
    response = client.post(
        url,
        {
            "kind": "policy",
            "title": article.title,
            "summary": "",
            "body": '<p>ok</p><script>alert(1)</script><a href="javascript:x()">x</a>',
            "tags": [t.pk for t in article.tags.all()],
            "indicators": "[]",
            "interpretation": "",
            "compliance_guidance": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert "<script" not in article.body and "javascript:" not in article.body and "<p>ok</p>" in article.body
