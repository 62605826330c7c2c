import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from platform_core.attachments.models import Attachment

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _upload(client, article):
    url = reverse("attachments:upload", args=["content.article", article.pk])
    return client.post(
        url,
        {
            "file": SimpleUploadedFile("政策原文.pdf", PDF),
            "kind": "content",
            "next": article.get_absolute_url(),
        },
    )


def test_staff_attach_a_file_that_follows_the_item_visibility(client_for, make_article):
    published = make_article("已发布政策（示例）")
    draft = make_article("草稿政策（示例）", publish=False)
    staff = client_for("staff")
    assert _upload(staff, published).status_code == 302
    assert _upload(staff, draft).status_code == 302
    pub_file = Attachment.objects.get(object_id=published.pk, content_type__model="article")
    draft_file = Attachment.objects.get(object_id=draft.pk, content_type__model="article")

    enterprise = client_for("enterprise")
    assert "政策原文.pdf" in enterprise.get(published.get_absolute_url()).content.decode()
    assert enterprise.get(reverse("attachments:download", args=[pub_file.pk])).status_code == 200
    assert enterprise.get(reverse("attachments:download", args=[draft_file.pk])).status_code == 404
    anon_page = client_for("anonymous").get(published.get_absolute_url()).content.decode()
    assert 'data-testid="attachments"' in anon_page and "政策原文.pdf" not in anon_page


def test_non_staff_cannot_attach(client_for, make_article):
    article = make_article()
    assert _upload(client_for("enterprise"), article).status_code == 403
    assert not Attachment.objects.exists()
