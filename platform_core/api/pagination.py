from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination


class _EstimatedCountPaginator(Paginator):
    """A paginator that does not count whole large tables.

    Filtered querysets are counted (they are small once filtered); an unfiltered list over a large
    PostgreSQL table uses the planner's estimate instead of ``COUNT(*)``.
    """

    LARGE = 10_000

    @cached_property
    def count(self) -> int:
        qs = self.object_list
        query = getattr(qs, "query", None)
        if query is not None and connection.vendor == "postgresql" and not query.where:
            table = qs.model._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table])
                row = cursor.fetchone()
            if row and row[0] and row[0] > self.LARGE:
                return int(row[0])
        return super().count


class FastPageNumberPagination(PageNumberPagination):
    django_paginator_class = _EstimatedCountPaginator
    page_size_query_param = "page_size"
    max_page_size = 100
