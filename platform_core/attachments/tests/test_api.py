from __future__ import annotations

import pytest

from platform_core.attachments.services import attachment_create

from .conftest import MINIMAL_PDF, upload


def make_many(owner, user, n: int):
    return [
        attachment_create(owner=owner, uploaded_file=upload(f"f{i}.pdf", MINIMAL_PDF), uploaded_by=user)
        for i in range(n)
    ]


def test_list_by_owner_for_staff(api_for, owner, users):
    make_many(owner, users["holder"], 2)
    response = api_for("staff").get(
        "/api/v1/attachments/", {"owner_type": "accounts.organization", "owner_id": owner.pk}
    )
    assert response.status_code == 200
    assert response.json()["count"] == 2
    row = response.json()["results"][0]
    assert row["owner_type"] == "accounts.organization" and row["download_url"].endswith("/download/")


def test_list_by_owner_hidden_from_others(api_for, owner, users):
    make_many(owner, users["holder"], 1)
    response = api_for("enterprise").get(
        "/api/v1/attachments/", {"owner_type": "accounts.organization", "owner_id": owner.pk}
    )
    assert response.status_code == 404


def test_list_without_owner_shows_own_uploads(api_for, owner, users):
    make_many(owner, users["holder"], 2)
    make_many(owner, users["staff"], 1)
    assert api_for("holder").get("/api/v1/attachments/").json()["count"] == 2
    assert api_for("enterprise").get("/api/v1/attachments/").json()["count"] == 0
    assert api_for("staff").get("/api/v1/attachments/").json()["count"] == 3


@pytest.mark.parametrize(
    "params",
    [{"owner_type": "bad", "owner_id": "1"}, {"owner_type": "accounts.organization", "owner_id": "x"}],
)
def test_list_bad_owner_is_400(api_for, params):
    response = api_for("staff").get("/api/v1/attachments/", params)
    assert response.status_code == 400
    assert "owner_type" in response.json()["detail"]


def test_detail_and_download(api_for, owner, users):
    (att,) = make_many(owner, users["holder"], 1)
    assert api_for("holder").get(f"/api/v1/attachments/{att.pk}/").json()["sha256"] == att.sha256
    assert api_for("enterprise").get(f"/api/v1/attachments/{att.pk}/").status_code == 404
    response = api_for("holder").get(f"/api/v1/attachments/{att.pk}/download/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert api_for("enterprise").get(f"/api/v1/attachments/{att.pk}/download/").status_code == 404


@pytest.mark.parametrize("n", [1, 20])
def test_list_query_count_constant(api_for, owner, users, django_assert_max_num_queries, n):
    make_many(owner, users["holder"], n)
    client = api_for("staff")
    client.get("/api/v1/attachments/")  # warm ContentType cache
    with django_assert_max_num_queries(6):
        response = client.get(
            "/api/v1/attachments/", {"owner_type": "accounts.organization", "owner_id": owner.pk}
        )
    assert response.json()["count"] == n
