"""A malformed id in an API path (found by the schemathesis run) is a 404, never a server error: the viewsets
that look their object up by hand use DRF's get_object_or_404, which treats a non-integer id as not found."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/attachments/null,null/",
        "/api/v1/attachments/abc/download/",
        "/api/v1/reports/abc/",
        "/api/v1/reports/1e3/download/",
        "/api/v1/ip/deadlines/abc/complete/",
    ],
)
def test_malformed_id_is_404(api_for, url):
    api = api_for("staff")
    response = api.post(url, {}, format="json") if url.endswith("complete/") else api.get(url)
    assert response.status_code == 404, (url, response.status_code)
