"""Confidentiality (5.2.1.2.8): a confidential section is absent from the HTML and the API without a grant."""

from __future__ import annotations

import pytest

from achievements.library.models import AccessRequest
from achievements.library.services import access
from platform_core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from platform_core.workflow.engine import history

from .conftest import PRICE, REGISTERED_NOTE, SECRET


@pytest.fixture
def entry(make_entry):
    return make_entry("扶正化瘀抗肝纤维化中药颗粒", summary="逆转肝纤维化")


def pages(client, pk: int) -> tuple[bytes, bytes]:
    html = client.get(f"/library/{pk}/")
    api = client.get(f"/api/v1/library/{pk}/")
    assert html.status_code == 200 and api.status_code == 200
    return html.content, api.content


@pytest.mark.parametrize(
    ("role", "sees_registered", "sees_confidential"),
    [
        ("anonymous", False, False),
        ("enterprise", True, False),
        ("investor", True, False),
        ("other_holder", False, False),
        ("evaluator", False, False),
        ("holder", True, True),
        ("staff", True, True),
    ],
)
def test_sections_by_level(client_for, entry, role, sees_registered, sees_confidential):
    html, api = pages(client_for(role), entry.pk)
    for body in (html, api):
        assert (SECRET.encode() in body) is sees_confidential
        assert (PRICE.encode() in body) is sees_confidential
        assert (REGISTERED_NOTE.encode() in body) is sees_registered
        assert "逆转肝纤维化".encode() in body


def test_request_grant_revoke_cycle(client_for, users, entry):
    enterprise = client_for("enterprise")
    response = enterprise.post(
        f"/library/{entry.pk}/request-access/", {"message": "拟评估许可可行性"}, follow=True
    )
    assert response.status_code == 200
    request = AccessRequest.objects.get(requester=users["enterprise"], achievement=entry)
    assert request.state == AccessRequest.State.REQUESTED and request.all_confidential
    assert SECRET.encode() not in pages(enterprise, entry.pk)[0]

    # someone else's enterprise cannot decide; neither can the requester
    assert client_for("other_holder").get(f"/library/access-requests/{request.pk}/").status_code == 404
    with pytest.raises(PermissionDeniedError):
        access.access_request_grant(request_id=request.pk, actor=users["enterprise"])
    request.refresh_from_db()
    assert request.state == AccessRequest.State.REQUESTED

    holder = client_for("holder")
    assert holder.post(f"/library/access-requests/{request.pk}/grant/", {"note": "同意"}).status_code == 302
    request.refresh_from_db()
    assert request.state == AccessRequest.State.GRANTED and request.decided_by == users["holder"]
    html, api = pages(enterprise, entry.pk)
    assert SECRET.encode() in html and SECRET.encode() in api
    assert SECRET.encode() not in pages(client_for("other_enterprise"), entry.pk)[0]

    # revoking needs a reason, then the details are gone again
    holder.post(f"/library/access-requests/{request.pk}/revoke/", {"note": ""})
    request.refresh_from_db()
    assert request.state == AccessRequest.State.GRANTED
    holder.post(f"/library/access-requests/{request.pk}/revoke/", {"note": "洽谈结束"})
    request.refresh_from_db()
    assert request.state == AccessRequest.State.REVOKED
    html, api = pages(enterprise, entry.pk)
    assert SECRET.encode() not in html and SECRET.encode() not in api
    assert [log.action for log in history(request)] == ["create", "grant", "revoke"]
    assert history(request).last().reason == "洽谈结束"


def test_partial_grant_shows_only_the_sections_granted(users, client_for, entry):
    request = access.access_request_create(
        achievement_id=entry.pk,
        requester=users["enterprise"],
        message="报价评估",
        sections=["price_expectation"],
    )
    access.access_request_grant(request_id=request.pk, actor=users["holder"])
    html, api = pages(client_for("enterprise"), entry.pk)
    assert PRICE.encode() in html and PRICE.encode() in api
    assert SECRET.encode() not in html and SECRET.encode() not in api


def test_denial_needs_a_reason_and_duplicates_conflict(users, entry):
    request = access.access_request_create(
        achievement_id=entry.pk, requester=users["enterprise"], message="评估"
    )
    with pytest.raises(ValidationFailed):
        access.access_request_deny(request_id=request.pk, actor=users["holder"], note="")
    with pytest.raises(ConflictError):
        access.access_request_create(achievement_id=entry.pk, requester=users["enterprise"], message="再次")
    access.access_request_deny(request_id=request.pk, actor=users["holder"], note="独家洽谈中")
    request.refresh_from_db()
    assert request.state == AccessRequest.State.DENIED and request.response == "独家洽谈中"
    # after a denial a new request may be made
    again = access.access_request_create(
        achievement_id=entry.pk, requester=users["enterprise"], message="补充说明"
    )
    assert again.pk != request.pk


def test_who_may_request(users, entry):
    for role in ("holder", "staff", "evaluator"):
        with pytest.raises(PermissionDeniedError):
            access.access_request_create(achievement_id=entry.pk, requester=users[role], message="x")
    with pytest.raises(ValidationFailed):
        access.access_request_create(achievement_id=entry.pk, requester=users["enterprise"], message=" ")
    with pytest.raises(ValidationFailed):
        access.access_request_create(
            achievement_id=entry.pk, requester=users["enterprise"], message="x", sections=["background"]
        )
    assert AccessRequest.objects.count() == 0


def test_unpublished_entries_are_not_in_the_library(client_for, users, make_entry):
    draft = make_entry("未发布成果", publish=False)
    for role in ("anonymous", "enterprise", "holder", "staff"):
        assert client_for(role).get(f"/library/{draft.pk}/").status_code == 404
        assert client_for(role).get(f"/api/v1/library/{draft.pk}/").status_code == 404
    with pytest.raises(NotFoundError):
        access.access_request_create(achievement_id=draft.pk, requester=users["enterprise"], message="x")


def test_full_grant_opens_the_record_page_too(users, client_for, entry):
    """The achievement's own page asks the library's hook (grant_checkers)."""
    request = access.access_request_create(
        achievement_id=entry.pk, requester=users["enterprise"], message="评估"
    )
    assert SECRET.encode() not in client_for("enterprise").get(entry.get_absolute_url()).content
    access.access_request_grant(request_id=request.pk, actor=users["holder"])
    assert SECRET.encode() in client_for("enterprise").get(entry.get_absolute_url()).content


def test_api_access_requests(api_for, users, entry):
    api = api_for("enterprise")
    created = api.post(
        "/api/v1/library/access-requests/", {"achievement": entry.pk, "message": "评估"}, format="json"
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert (
        api.post(f"/api/v1/library/access-requests/{pk}/transition/", {"action": "grant"}).status_code == 403
    )
    holder = api_for("holder")
    incoming = holder.get("/api/v1/library/access-requests/?box=incoming").json()
    assert [r["id"] for r in incoming["results"]] == [pk]
    done = holder.post(
        f"/api/v1/library/access-requests/{pk}/transition/", {"action": "grant", "reason": "同意"}
    )
    assert done.status_code == 200 and done.json()["state"] == "granted"
    assert [h["action"] for h in holder.get(f"/api/v1/library/access-requests/{pk}/history/").json()] == [
        "create",
        "grant",
    ]
    assert api_for("other_enterprise").get(f"/api/v1/library/access-requests/{pk}/").status_code == 404
    assert SECRET in api.get(f"/api/v1/library/{entry.pk}/").json()["technical_details"]
