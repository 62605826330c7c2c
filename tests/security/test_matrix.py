"""The role × URL permission matrix (issue 11, item 1).

Every URL pattern of the site and the API (admin internals, static/media, set_language and the schema/docs
excepted) must have an entry in ``tests/security/matrix/<app>.py``; a URL name without one fails
``test_every_url_has_an_entry``. Each entry states the expected status per role for GET and for every unsafe
method the view accepts; every case runs in a savepoint that is rolled back, and a denied write must not
have issued a single INSERT/UPDATE/DELETE.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security import fuzzstats
from tests.security.matrix import core
from tests.security.matrix.registry import APPS, all_entries
from tests.security.matrix.world import ROLES, SECRET, SECRET_PHONE

TOTAL: dict[str, int] = {}


def test_every_url_has_an_entry():
    names = set(core.routes())
    declared = {e.name for e in all_entries()}
    missing = sorted(names - declared)
    stale = sorted(declared - names)
    assert not missing, (
        f"{len(missing)} URL name(s) have no permission-matrix entry; add them to tests/security/matrix/<app>.py: "
        + ", ".join(missing)
    )
    assert not stale, "matrix entries for URL names that no longer exist: " + ", ".join(stale)


def test_entries_are_unique():
    seen: dict[str, int] = {}
    for e in all_entries():
        seen[e.name] = seen.get(e.name, 0) + 1
    assert not [n for n, c in seen.items() if c > 1]


@pytest.mark.django_db
@pytest.mark.parametrize("app", sorted(APPS))
@pytest.mark.matrix
def test_matrix(app, world):
    routes = core.routes()
    clients = core.Clients(world)
    count = 0
    failures: list[str] = []
    known: list[str] = []
    for entry in APPS[app]:
        route = routes.get(entry.name)
        if route is None:
            continue  # reported by test_every_url_has_an_entry
        n, problems = core.check_entry(entry, route, world, clients, ROLES)
        count += n
        if entry.xfail_reason:
            known.extend(f"{p}  [known: {entry.xfail_reason}]" for p in problems)
        else:
            failures.extend(problems)
    TOTAL[app] = count
    fuzzstats.record_matrix(app, count, len(known))
    print(
        f"\npermission matrix [{app}]: {count} (URL, method, role) cases checked; {len(known)} known issues"
    )
    for line in known:
        print("  known:", line)
    assert count > 0
    assert not failures, f"{len(failures)} permission-matrix failure(s) in {app}:\n" + "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_admin_index(role, world):
    client = core.Clients(world).get(role, api=False)
    response = client.get("/admin/")
    if role in ("staff", "admin"):
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert "/admin/login/" not in response["Location"]
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


CONFIDENTIAL_READERS = {"owner", "staff", "admin"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_confidential_fields_never_leak(role, world):
    """The published achievement's encrypted technical details and contact phone never reach a reader
    without a grant, neither in HTML nor in JSON; the owner does see them (so the check can fail)."""
    pk = world.published.pk
    pages = [
        (False, reverse("achievements:detail", kwargs={"pk": pk})),
        (False, reverse("library:detail", kwargs={"pk": pk})),
        (True, reverse("achievement-detail", kwargs={"pk": pk})),
        (True, reverse("library-entry-detail", kwargs={"pk": pk})),
    ]
    clients = core.Clients(world)
    seen_by = []
    for api, url in pages:
        response = clients.get(role, api).get(url)
        assert response.status_code < 500, url
        body = response.content.decode()
        if SECRET in body or SECRET_PHONE in body:
            seen_by.append(url)
    if role in CONFIDENTIAL_READERS:
        if role == "owner":
            assert seen_by, "the owner should see his own confidential details somewhere"
    else:
        assert not seen_by, f"confidential field shown to {role} at {seen_by}"


@pytest.mark.django_db
def test_denied_destructive_actions_change_nothing(world):
    """Representative destructive actions by roles that may not take them: denied, object unchanged."""
    from achievements.models import Achievement
    from evaluation.models import Evaluation
    from matching.models import DockingProject
    from platform_core.attachments.models import Attachment

    clients = core.Clients(world)
    draft = Achievement.objects.get(pk=world.draft.pk)
    cases = [
        ("other_holder", False, "post", reverse("achievements:delete", kwargs={"pk": draft.pk})),
        ("enterprise", False, "post", reverse("achievements:submit", kwargs={"pk": draft.pk})),
        ("investor", False, "post", reverse("achievements:withdraw", kwargs={"pk": draft.pk})),
        ("other_holder", True, "delete", reverse("achievement-detail", kwargs={"pk": draft.pk})),
        ("other_holder", True, "patch", reverse("achievement-detail", kwargs={"pk": draft.pk})),
        ("other_holder", False, "post", reverse("attachments:delete", kwargs={"pk": world.attachment.pk})),
        ("other_holder", True, "delete", reverse("attachment-detail", kwargs={"pk": world.attachment.pk})),
        (
            "other_evaluator",
            True,
            "post",
            reverse("evaluation-evaluation-transition", kwargs={"pk": world.evaluation.pk}),
        ),
        ("investor", True, "post", reverse("docking-project-transition", kwargs={"pk": world.docking.pk})),
        ("other_holder", True, "post", reverse("achievement-transition", kwargs={"pk": draft.pk})),
    ]
    before = (
        Achievement.objects.filter(pk=draft.pk).values("state", "version", "name").get(),
        Attachment.objects.filter(pk=world.attachment.pk).count(),
        Evaluation.objects.filter(pk=world.evaluation.pk).values("state").get(),
        DockingProject.objects.filter(pk=world.docking.pk).values("state").get(),
    )
    for role, api, method, url in cases:
        payload = {"action": "withdraw", "name": "篡改"} if api else {}
        kwargs = {"format": "json"} if api else {}
        response = getattr(clients.get(role, api), method)(url, payload, **kwargs)
        assert response.status_code in (403, 404, 405), (role, method, url, response.status_code)
    after = (
        Achievement.objects.filter(pk=draft.pk).values("state", "version", "name").get(),
        Attachment.objects.filter(pk=world.attachment.pk).count(),
        Evaluation.objects.filter(pk=world.evaluation.pk).values("state").get(),
        DockingProject.objects.filter(pk=world.docking.pk).values("state").get(),
    )
    assert after == before
