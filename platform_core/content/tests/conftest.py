from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from platform_core import workdays
from platform_core.content import services
from platform_core.content.models import Article
from platform_core.workflow.engine import history


@pytest.fixture
def make_article(users):
    def make(title: str = "政策（示例）", *, kind: str = "policy", publish: bool = True, **data) -> Article:
        payload = {"kind": kind, "title": title, "summary": "摘要", "body": "<p>正文</p>", **data}
        tags = payload.pop("tags", ["医保报销"])
        article = services.article_create(actor=users["staff"], data=payload, tag_names=tags)
        if publish:
            article = services.article_publish(article_id=article.pk, actor=users["staff"])
        return article

    return make


@pytest.fixture
def make_consultation(users):
    def make(asker: str = "holder", subject: str = "注册路径咨询", **kwargs):
        return services.consultation_submit(
            asker=users[asker],
            category=kwargs.pop("category", "compliance"),
            subject=subject,
            question=kwargs.pop("question", "请问中药新药注册需要哪些资料？"),
            **kwargs,
        )

    return make


def at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))


def backdate(obj, times: list[dt.datetime]) -> None:
    """Put the record's log rows (oldest first) at these moments, recomputing working days."""
    logs = list(history(obj))
    assert len(logs) == len(times)
    previous = None
    for log, moment in zip(logs, times, strict=True):
        days = (
            None
            if previous is None
            else workdays.working_days_between(workdays.local_date(previous), workdays.local_date(moment))
        )
        type(log).objects.filter(pk=log.pk).update(created_at=moment, working_days=days)
        previous = moment


@pytest.fixture
def count_queries():
    """Run ``fn`` and return how many queries it made."""

    def run(fn) -> int:
        with CaptureQueriesContext(connection) as ctx:
            fn()
        return len(ctx.captured_queries)

    return run
