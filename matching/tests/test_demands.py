"""Demands: review before publication, confidentiality, the library search, challenge calls."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from matching import selectors
from matching.models import ChallengeApplication, Demand, DockingProject
from matching.services import demands as services
from platform_core.errors import ConflictError, InvalidTransition, PermissionDeniedError

from .conftest import make_demand


def test_review_workflow_and_history(users):
    demand = make_demand(users["enterprise"])
    assert demand.state == "draft"
    services.demand_transition(demand_id=demand.pk, actor=users["enterprise"], action="submit")
    with pytest.raises(PermissionDeniedError):
        services.demand_transition(demand_id=demand.pk, actor=users["enterprise"], action="publish")
    services.demand_transition(
        demand_id=demand.pk, actor=users["staff"], action="return_for_revision", reason="请补充技术指标"
    )
    demand.refresh_from_db()
    assert demand.state == "returned" and demand.is_editable
    services.demand_transition(demand_id=demand.pk, actor=users["enterprise"], action="submit")
    demand = services.demand_transition(demand_id=demand.pk, actor=users["staff"], action="publish")
    assert demand.state == "published" and demand.published_at is not None
    with pytest.raises(ConflictError):
        services.demand_update(demand_id=demand.pk, actor=users["enterprise"], title="改名")
    assert Demand.objects.get(pk=demand.pk).title == "寻求抗肝纤维化中药颗粒剂"


def test_incomplete_demand_cannot_be_submitted(users):
    demand = make_demand(users["enterprise"], technical_field=None)
    with pytest.raises(InvalidTransition):
        services.demand_transition(demand_id=demand.pk, actor=users["enterprise"], action="submit")
    assert Demand.objects.get(pk=demand.pk).state == "draft"


def test_holder_cannot_post_demands(users):
    with pytest.raises(PermissionDeniedError):
        make_demand(users["holder"])
    assert not Demand.objects.exists()


@pytest.mark.parametrize(
    ("confidentiality", "role", "status"),
    [
        ("private", "enterprise", 200), ("private", "other_enterprise", 404), ("private", "holder", 404),
        ("private", "staff", 200), ("private", "anonymous", 404), ("registered", "other_enterprise", 200),
        ("registered", "anonymous", 404), ("registered", "investor", 200), ("public", "anonymous", 200),
    ],
)  # fmt: skip
def test_demand_visibility(users, client_for, confidentiality, role, status):
    demand = make_demand(users["enterprise"], publish_by=users["staff"], confidentiality=confidentiality)
    response = client_for(role).get(reverse("matching:demand_detail", args=[demand.pk]))
    assert response.status_code == status


def test_unpublished_demand_only_owner_and_staff(users, client_for):
    demand = make_demand(users["enterprise"], confidentiality="public")
    assert client_for("other_enterprise").get(demand.get_absolute_url()).status_code == 404
    assert client_for("enterprise").get(demand.get_absolute_url()).status_code == 200
    assert client_for("staff").get(demand.get_absolute_url()).status_code == 200


def test_private_demand_visible_to_the_holder_of_a_docking_project_on_it(users, client_for, achievement):
    from matching.services.docking import inquiry_create

    demand = make_demand(users["enterprise"], publish_by=users["staff"], confidentiality="private")
    assert client_for("holder").get(demand.get_absolute_url()).status_code == 404
    inquiry_create(
        achievement_id=achievement.pk, actor=users["enterprise"], message="询价", demand_id=demand.pk
    )
    assert client_for("holder").get(demand.get_absolute_url()).status_code == 200
    assert client_for("other_holder").get(demand.get_absolute_url()).status_code == 404


def test_library_search_is_phrase_aware_and_filters(users):
    a = make_demand(
        users["enterprise"],
        publish_by=users["staff"],
        title="寻求人工肝支持系统",
        description="人工肝血浆吸附",
        confidentiality="public",
    )
    make_demand(
        users["enterprise"],
        publish_by=users["staff"],
        title="寻求人工智能肝脏影像",
        description="基于人工智能的肝脏影像分析",
        confidentiality="public",
    )
    found = list(selectors.demand_library(users["investor"], q="人工肝"))
    assert found == [a]
    assert list(selectors.demand_library(users["investor"], field="tcm")) != []
    assert list(selectors.demand_library(users["investor"], field="big_data_ai")) == []


def test_challenge_call_apply_and_accept_opens_docking(users, achievement, client_for):
    call = make_demand(
        users["enterprise"],
        publish_by=users["staff"],
        is_challenge=True,
        deadline=timezone.localdate() + dt.timedelta(days=30),
        reward="揭榜奖励 50 万元",
    )
    response = client_for("holder").post(
        reverse("matching:challenge_apply", args=[call.pk]),
        {"achievement": achievement.pk, "proposal": "以扶正化瘀颗粒揭榜"},
    )
    assert response.status_code == 302
    application = ChallengeApplication.objects.get(demand=call)
    with pytest.raises(ConflictError):
        services.challenge_apply(demand_id=call.pk, actor=users["holder"], proposal="再次申请")
    # another enterprise may not decide
    assert (
        client_for("other_enterprise")
        .post(reverse("matching:application_decide", args=[application.pk]), {"action": "accept"})
        .status_code
        == 404
    )
    services.application_decide(application_id=application.pk, actor=users["enterprise"], action="accept")
    project = DockingProject.objects.get(application=application)
    assert (
        project.source == "challenge"
        and project.demand_id == call.pk
        and project.enterprise == users["enterprise"]
    )


def test_closed_challenge_refuses_applications(users):
    call = make_demand(
        users["enterprise"],
        publish_by=users["staff"],
        is_challenge=True,
        deadline=timezone.localdate() + dt.timedelta(days=1),
    )
    Demand.objects.filter(pk=call.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ConflictError):
        services.challenge_apply(demand_id=call.pk, actor=users["holder"], proposal="迟到的申请")
    assert not ChallengeApplication.objects.exists()
