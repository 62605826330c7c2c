"""The library API and pages: query counts independent of the page size, favourites, recommendations."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from achievements.library.models import BehaviourEvent, Favourite
from achievements.library.services import behaviour
from achievements.library.services.indexing import bump_generation


def _count(client, url: str) -> int:
    """Queries of one request (the test's savepoints are not queries)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(
        [q for q in ctx.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    )


@pytest.mark.parametrize("role", ["anonymous", "enterprise"])
def test_api_list_queries_do_not_grow_with_the_page(client_for, many_entries, role):
    many_entries(60)
    client = client_for(role)
    counts = {}
    for size in (10, 50):
        bump_generation()
        cold = _count(
            client, f"/api/v1/library/?q=肝纤维化&technical_field=tcm&maturity=pilot&page_size={size}"
        )
        warm = _count(
            client, f"/api/v1/library/?q=肝纤维化&technical_field=tcm&maturity=pilot&page_size={size}"
        )
        counts[size] = (cold, warm)
    assert counts[10] == counts[50]
    assert counts[10][0] <= 6 and counts[10][1] <= 6
    data = client.get("/api/v1/library/?q=肝纤维化&page_size=50").json()
    assert len(data["results"]) == 50 and data["next"] and data["count"] == 60
    assert {f["name"] for f in data["facets"]} >= {"technical_field", "maturity", "region", "holder_type"}
    assert "<mark>肝纤维化</mark>" in data["results"][0]["title_html"]


@pytest.mark.parametrize("role", ["anonymous", "enterprise", "staff"])
def test_library_page_queries_do_not_grow_with_the_page(client_for, many_entries, role):
    many_entries(60)
    client = client_for(role)
    counts = {}
    for size in (10, 50):
        bump_generation()
        cold = _count(client, f"/library/?q=肝纤维化&maturity=pilot&page_size={size}")
        warm = _count(client, f"/library/?q=肝纤维化&maturity=pilot&page_size={size}")
        counts[size] = (cold, warm)
    assert counts[10] == counts[50]
    assert counts[10][0] <= 6 and counts[10][1] <= 6


def test_search_is_recorded_after_the_response(rf, users, many_entries):
    """The view itself never writes the event; it is written when the request has finished."""
    from django.core.signals import request_finished, request_started

    from achievements.library.views.browse import index

    many_entries(3)
    # Like Django's test client: the signals fire, but the test's connection
    # (inside the test transaction) is not closed by close_old_connections.
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        request = rf.get("/library/", {"q": "肝纤维化"})
        request.user = users["enterprise"]
        request.session = {}
        from django.contrib.messages.storage.fallback import FallbackStorage

        request._messages = FallbackStorage(request)
        assert index(request).status_code == 200
        assert BehaviourEvent.objects.count() == 0 and behaviour.pending() == 1
        request_finished.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    event = BehaviourEvent.objects.get()
    assert (event.kind, event.user, event.query, event.results) == (
        "search",
        users["enterprise"],
        "肝纤维化",
        3,
    )


def test_one_insert_per_request_and_none_for_anonymous(client_for, many_entries):
    ids = many_entries(2)
    client_for("anonymous").get(f"/library/{ids[0]}/")
    assert BehaviourEvent.objects.count() == 0
    with CaptureQueriesContext(connection) as ctx:
        client_for("enterprise").get(f"/library/{ids[1]}/")
    inserts = [q for q in ctx.captured_queries if q["sql"].startswith('INSERT INTO "library_behaviourevent"')]
    assert len(inserts) == 1
    assert BehaviourEvent.objects.filter(kind="view", achievement_id=ids[1]).count() == 1


def test_favourites(api_for, client_for, users, many_entries):
    ids = many_entries(2)
    api = api_for("enterprise")
    assert api_for("anonymous").get("/api/v1/library/favourites/").status_code in (401, 403)
    assert api.post("/api/v1/library/favourites/", {"achievement": ids[0]}, format="json").status_code == 201
    assert api.post("/api/v1/library/favourites/", {"achievement": ids[0]}, format="json").status_code == 201
    assert Favourite.objects.filter(user=users["enterprise"]).count() == 1
    assert [f["achievement"] for f in api.get("/api/v1/library/favourites/").json()["results"]] == [ids[0]]
    assert api.post("/api/v1/library/favourites/", {"achievement": 999999}, format="json").status_code == 404
    page = client_for("enterprise").get("/library/favourites/")
    assert "治疗肝纤维化的中药复方" in page.content.decode()
    assert api.delete(f"/api/v1/library/favourites/{ids[0]}/").status_code == 204
    assert api.delete(f"/api/v1/library/favourites/{ids[0]}/").status_code == 404
    # the HTML toggle
    client = client_for("enterprise")
    client.post(f"/library/{ids[1]}/favourite/")
    assert Favourite.objects.filter(user=users["enterprise"], achievement_id=ids[1]).exists()
    client.post(f"/library/{ids[1]}/favourite/", {"remove": "1"})
    assert not Favourite.objects.filter(user=users["enterprise"]).exists()


def test_recommendations_explain_themselves(api_for, client_for, users, library):
    enterprise = users["enterprise"]
    enterprise.interests = "人工肝"
    enterprise.save(update_fields=["interests"])
    behaviour.record(kind="search", user=enterprise, query="肝纤维化")
    behaviour.flush()
    Favourite.objects.create(user=enterprise, achievement=library["ai"])
    items = api_for("enterprise").get("/api/v1/library/recommendations/").json()
    reasons = {item["title"]: item["reasons"] for item in items}
    assert "与您关注的“人工肝”相关" in reasons[library["liver_support"].name]
    assert "与您搜索的“肝纤维化”相关" in reasons[library["fibrosis"].name]
    assert any(r.startswith("您收藏过同领域成果") for r in reasons[library["followup"].name])
    assert library["ai"].name not in reasons  # already saved
    page = client_for("enterprise").get("/library/recommendations/").content.decode()
    assert "与您关注的“人工肝”相关" in page


def test_publication_api(api_for, make_entry):
    passed = make_entry("待发布的成果", publish=False)
    assert (
        api_for("enterprise")
        .post("/api/v1/library/publication/publish/", {"achievement": passed.pk})
        .status_code
        == 403
    )
    staff = api_for("staff")
    response = staff.post(
        "/api/v1/library/publication/publish/", {"achievement": passed.pk, "note": "评估通过"}, format="json"
    )
    assert response.status_code == 200 and response.json()["action"] == "publish"
    assert staff.post("/api/v1/library/publication/unpublish/", {"achievement": passed.pk}).status_code == 400
    done = staff.post("/api/v1/library/publication/unpublish/", {"achievement": passed.pk, "reason": "暂停"})
    assert done.status_code == 200 and done.json()["to_state"] == "evaluation_passed"


def test_import_jobs_api_is_staff_only(api_for):
    assert api_for("enterprise").get("/api/v1/library/import-jobs/").status_code == 403
    assert api_for("staff").get("/api/v1/library/import-jobs/").status_code == 200
    bad = api_for("staff").post("/api/v1/library/import-jobs/", {"mode": "published"}, format="multipart")
    assert bad.status_code == 400


def test_schema_documents_the_library(client_for):
    response = client_for("staff").get("/api/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/v1/library/" in body and "/api/v1/library/access-requests/{id}/transition/" in body
