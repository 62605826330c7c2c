from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from incubation import services
from incubation.models import Facility, IncubationProject, Mentor


def next_monday_at(hour: int, minute: int = 0, weeks: int = 1) -> dt.datetime:
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=weeks)
    return timezone.make_aware(dt.datetime.combine(monday, dt.time(hour, minute)))


@pytest.fixture
def lab(db) -> Facility:
    return Facility.objects.create(
        name="中试车间A", kind=Facility.Kind.PILOT_WORKSHOP, capacity=1, max_hours=8
    )


@pytest.fixture
def instrument(db) -> Facility:
    return Facility.objects.create(name="流式细胞仪", kind=Facility.Kind.INSTRUMENT, capacity=2)


@pytest.fixture
def mentor(db) -> Mentor:
    return Mentor.objects.create(name="钱导师", kind=Mentor.Kind.MANAGEMENT, organization_name="某投资公司")


def make_project(user, name="肝纤维化中药复方孵化项目") -> IncubationProject:
    return services.project_apply(applicant=user, name=name, summary="以中药复方为核心的产业化项目")


def score_admission(project, reviewer, points=(25, 20, 20, 15)) -> None:
    from evaluation.scorecards import scorecard_sheet_save, scorecard_sheet_submit

    project.refresh_from_db()
    sheet = project.admission_evaluation.sheets.get(member=reviewer)
    leaves = list(project.admission_evaluation.template.criteria.order_by("order"))
    scores = {c.pk: {"points": p} for c, p in zip(leaves, points, strict=True)}
    sheet = scorecard_sheet_save(sheet_id=sheet.pk, actor=reviewer, version=sheet.version, scores=scores)
    scorecard_sheet_submit(sheet_id=sheet.pk, actor=reviewer)


def admit(project, staff) -> IncubationProject:
    services.project_start_review(project_id=project.pk, actor=staff, reviewer_ids=[staff.pk])
    score_admission(project, staff)
    services.project_close_review(project_id=project.pk, actor=staff)
    return services.project_transition(project_id=project.pk, action="admit", actor=staff)


@pytest.fixture
def project(users) -> IncubationProject:
    return make_project(users["holder"])


@pytest.fixture
def admitted(users, project) -> IncubationProject:
    return admit(project, users["staff"])


@pytest.fixture
def other_project(users) -> IncubationProject:
    return admit(make_project(users["other_holder"], "他人的孵化项目"), users["staff"])
