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


def admit(project, staff) -> IncubationProject:
    services.project_transition(project_id=project.pk, action="start_review", actor=staff)
    services.project_review(
        project_id=project.pk,
        reviewer=staff,
        scores={"innovation": 25, "market": 20, "team": 20, "plan": 15},
        recommendation="admit",
    )
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
