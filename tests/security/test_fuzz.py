"""API fuzzing with schemathesis (issue 11, item 2): every operation of /api/schema/, driven through the WSGI
app with a fixed seed (derandomized Hypothesis), authenticated as each role by token, with positive and negative
(schema-violating) inputs. Checks: no server error, responses conform to the schema. Run with
``make fuzz`` or ``pytest -n 2 -m fuzz tests/security/test_fuzz.py`` (deselected by default); the case counts
per role are printed at the end of the run (tests/security/conftest.py).

Cases per operation: ``FUZZ_STAFF_CASES`` (default 100) as staff (the widest access), ``FUZZ_ROLE_CASES``
(default 15) as every other role: each of those cases is sent once per role, so the roles share one generation.
The operations are split by path into ``FUZZ_STAFF_PARTS`` and ``FUZZ_ROLE_PARTS`` tests so xdist spreads them.
Hypothesis stops early on an operation whose input space is smaller than that (the summary names them).
Phases: explicit examples (staff only) and generation; no shrinking, no replay database. Every case runs in a
savepoint that is rolled back, so writes never pile up. ``FUZZ_PATHS`` (a regex) narrows the run while
investigating.
"""

from __future__ import annotations

import os
import re
import zlib

import pytest
import schemathesis
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from tests.security import fuzzstats

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

STAFF_CASES = fuzzstats.STAFF_CASES
ROLE_CASES = fuzzstats.ROLE_CASES
STAFF_PARTS = int(os.environ.get("FUZZ_STAFF_PARTS", "4"))
ROLE_PARTS = int(os.environ.get("FUZZ_ROLE_PARTS", "2"))
PATHS = os.environ.get("FUZZ_PATHS", "")
OTHER_ROLES = ["anonymous", "owner", "other_holder", "enterprise", "evaluator", "investor", "admin"]
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture(scope="module", autouse=True)
def _keep_the_test_connection():
    """Requests go through the real WSGI handler, whose request_started/finished signals run
    ``close_old_connections``: inside the test's transaction that closes the connection (autocommit is off), which
    throws away the world and its tokens, so every later request would be anonymous or refused. Django's test
    client disconnects the same receiver for the same reason."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_role_is_authenticated_through_the_wsgi_app(tokens):
    """The fuzzer's requests are really sent as each role: a token reaches its user (guards the fixture above)."""
    from werkzeug.test import Client

    from platform_core.wsgi import application

    client = Client(application)
    for role, key in tokens.items():
        response = client.get("/api/v1/notifications/", headers={"Authorization": f"Token {key}"})
        assert response.status_code == 200, (
            role,
            response.status_code,
            response.get_data(as_text=True)[:200],
        )


@pytest.fixture(scope="module")
def api_schema(world):
    from platform_core.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(scope="module")
def tokens(world, django_db_blocker):
    from rest_framework.authtoken.models import Token

    with django_db_blocker.unblock():
        return {role: Token.objects.get_or_create(user=user)[0].key for role, user in world.users.items()}


schema = schemathesis.pytest.from_fixture("api_schema")


class _RollBack(Exception):
    pass


def run_case(case, role: str, tokens: dict[str, str]) -> None:
    headers = {} if role == "anonymous" else {"Authorization": f"Token {tokens[role]}"}
    operation = f"{case.operation.method.upper()} {case.operation.path}"
    response = None
    # A nested atomic block (a savepoint) that always rolls back: writes never pile up, and a request that broke
    # the transaction (a 500 from a database error) cannot poison the cases after it.
    try:
        with transaction.atomic():
            response = case.call(headers=headers)
            raise _RollBack
    except _RollBack:
        pass
    finally:
        fuzzstats.record(role, operation, response.status_code if response is not None else None)
    case.validate_response(response, checks=CHECKS, headers=headers)


COMMON = {
    "derandomize": True,  # the fixed seed: the same cases on every run
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
}
# Staff: schemathesis's explicit phase (schema examples and its boundary/negative coverage cases, up to a few
# hundred per operation) and then the generated cases. The other roles: generated cases only, which keeps the
# step within its time budget (their coverage cases would add ~30000 requests per role).
STAFF_PHASES = [Phase.explicit, Phase.generate]
ROLE_PHASES = [Phase.generate]


def _part_test(index: int, parts: int, roles: list[str], cases: int, phases: list[Phase]):
    """One test over the operations whose path hashes to ``index``: each generated case is sent as every role
    in ``roles`` (the generation is shared; each request runs and is checked on its own)."""

    def in_part(ctx) -> bool:
        path = ctx.operation.path
        if PATHS and not re.search(PATHS, path):  # two include filters would be a union, so test it here
            return False
        return zlib.crc32(path.encode()) % parts == index

    @schema.include(in_part).parametrize()
    @settings(max_examples=cases, phases=phases, **COMMON)
    def test(case, tokens):
        for role in roles:
            try:
                run_case(case, role, tokens)
            except BaseException as exc:
                exc.add_note(f"(sent as {role})")
                raise

    return test


for _index in range(STAFF_PARTS):
    globals()[f"test_api_as_staff_part{_index}"] = _part_test(
        _index, STAFF_PARTS, ["staff"], STAFF_CASES, STAFF_PHASES
    )
for _index in range(ROLE_PARTS):
    globals()[f"test_api_as_other_roles_part{_index}"] = _part_test(
        _index, ROLE_PARTS, OTHER_ROLES, ROLE_CASES, ROLE_PHASES
    )
