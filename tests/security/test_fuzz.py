"""API fuzzing with schemathesis (issue 11, item 2): every operation of /api/schema/, driven through the WSGI
app with a fixed seed, authenticated as each role by token. Checks: no server error, responses conform to the
schema. Run with ``pytest -m fuzz tests/security/test_fuzz.py`` (deselected by default).

Cases per operation: ``FUZZ_STAFF_CASES`` (default 100) as staff (the widest access), ``FUZZ_ROLE_CASES``
(default 15) as every other role. Every case runs in a savepoint that is rolled back, so writes never pile up.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

STAFF_CASES = int(os.environ.get("FUZZ_STAFF_CASES", "100"))
ROLE_CASES = int(os.environ.get("FUZZ_ROLE_CASES", "15"))
OTHER_ROLES = ["anonymous", "owner", "other_holder", "enterprise", "evaluator", "investor", "admin"]
CHECKS = [not_a_server_error, response_schema_conformance]
COUNTS: Counter = Counter()
OPERATIONS: dict[str, set] = {}


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


def run_case(case, role: str, tokens: dict[str, str]) -> None:
    headers = {} if role == "anonymous" else {"Authorization": f"Token {tokens[role]}"}
    COUNTS[role] += 1
    OPERATIONS.setdefault(role, set()).add(f"{case.operation.method.upper()} {case.operation.path}")
    sid = transaction.savepoint()
    try:
        case.call_and_validate(headers=headers, checks=CHECKS)
    finally:
        transaction.savepoint_rollback(sid)


COMMON = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
    "phases": [Phase.explicit, Phase.generate],
}


@schema.parametrize()
@settings(max_examples=STAFF_CASES, **COMMON)
def test_api_as_staff(case, tokens):
    run_case(case, "staff", tokens)


@pytest.fixture(params=OTHER_ROLES)
def role(request):
    return request.param


@schema.parametrize()
@settings(max_examples=ROLE_CASES, **COMMON)
def test_api_as_role(case, role, tokens):
    run_case(case, role, tokens)


def test_fuzz_summary():
    """Runs last in the module: prints operations and cases per role."""
    for role, count in sorted(COUNTS.items()):
        print(f"fuzz [{role}]: {len(OPERATIONS.get(role, ()))} operations, {count} cases")
