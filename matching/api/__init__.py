"""REST API of the matching app (/api/v1/…)."""
