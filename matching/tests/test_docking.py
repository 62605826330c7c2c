"""Docking projects: inquiry from the library page, moves, the achievement follows, negotiation, terms,
pricing support, documents; one enterprise never sees another's project."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from achievements.models import Achievement
from matching.models import DockingProject, ValuationWorksheet
from matching.services import docking as services
from platform_core.errors import ConflictError, PermissionDeniedError

from .conftest import advance


def test_inquiry_url_opens_a_project(users, client_for, achievement):
    url = reverse("matching:inquiry_create", args=[achievement.pk])
    assert client_for("enterprise").get(url).status_code == 200
    response = client_for("enterprise").post(url, {"message": "希望了解许可条件和报价"})
    project = DockingProject.objects.get()
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert (
        project.state == "inquiry"
        and project.source == "inquiry"
        and project.enterprise == users["enterprise"]
    )
    # a second inquiry while the first is open is refused, nothing written
    client_for("enterprise").post(url, {"message": "再问一次"})
    assert DockingProject.objects.count() == 1
    # holders may not inquire
    client_for("holder").post(url, {"message": "x"})
    assert DockingProject.objects.count() == 1


def test_inquiry_requires_login(client, achievement):
    response = client.post(reverse("matching:inquiry_create", args=[achievement.pk]), {"message": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not DockingProject.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("enterprise", 200),
        ("holder", 200),
        ("staff", 200),
        ("other_enterprise", 404),
        ("other_holder", 404),
        ("investor", 404),
    ],
)
def test_project_visibility(client_for, project, role, status):
    assert client_for(role).get(project.get_absolute_url()).status_code == status


def test_project_list_shows_only_own(users, client_for, project):
    assert project.number in client_for("enterprise").get(reverse("matching:project_list")).content.decode()
    assert (
        project.number
        not in client_for("other_enterprise").get(reverse("matching:project_list")).content.decode()
    )


def test_contact_moves_the_achievement_to_in_docking(users, project):
    assert Achievement.objects.get(pk=project.achievement_id).state == "published"
    with pytest.raises(PermissionDeniedError):
        services.project_transition(project_id=project.pk, actor=users["enterprise"], action="contact")
    project = advance(project, users["staff"], "contact")
    assert project.state == "contacted" and project.assigned_to == users["staff"]
    assert Achievement.objects.get(pk=project.achievement_id).state == "in_docking"
    project = advance(project, users["staff"], "start_negotiation", "record_intent")
    assert project.state == "intent" and project.intent_at


def test_close_needs_a_reason(users, project):
    from platform_core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.project_transition(project_id=project.pk, actor=users["staff"], action="close")
    project = services.project_transition(
        project_id=project.pk, actor=users["staff"], action="close", reason="价格差距大", close_reason="price"
    )
    assert project.state == "closed" and project.closed_reason == "price"


def test_sign_agreement_only_through_the_agreement(users, project):
    from platform_core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.project_transition(project_id=project.pk, actor=users["staff"], action="sign_agreement")


def test_negotiation_terms_and_valuation(users, project):
    project = advance(project, users["staff"], "contact", "start_negotiation")
    services.negotiation_add(project_id=project.pk, actor=users["holder"], summary="双方就许可范围交换意见")
    with pytest.raises(PermissionDeniedError):
        services.terms_propose(project_id=project.pk, actor=users["enterprise"], technical_scope="x")
    t1 = services.terms_propose(
        project_id=project.pk,
        actor=users["staff"],
        technical_scope="处方与工艺",
        price="280",
        payment_method="lump_sum",
    )
    t2 = services.terms_propose(
        project_id=project.pk,
        actor=users["staff"],
        technical_scope="处方与工艺",
        price="300",
        payment_method="milestones",
    )
    assert (t1.version, t2.version) == (1, 2)
    services.terms_agree(terms_id=t1.pk, actor=users["staff"])
    services.terms_agree(terms_id=t2.pk, actor=users["staff"])
    assert project.agreed_terms == t2
    sheet = services.valuation_update(
        project_id=project.pk, actor=users["staff"], rd_cost="200", replacement_factor="1.2", obsolescence_rate="25",
        comparable_prices="250, 350", market_adjustment="1", annual_revenue="1000,1000,1000", share_rate="5", discount_rate="10",
    )  # fmt: skip
    assert sheet.results["cost"] == 180.0 and sheet.results["market"] == 300.0
    assert sheet.results["low"] <= sheet.results["reference"] <= sheet.results["high"]
    from matching.services.docking import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.valuation_update(project_id=project.pk, actor=users["staff"], comparable_prices="abc")
    assert ValuationWorksheet.objects.get(project=project).results["market"] == 300.0


def test_documents_by_parties(users, project, client_for):
    response = client_for("enterprise").post(
        reverse("matching:document_upload", args=[project.pk]),
        {
            "doc-kind": "feasibility",
            "doc-file": SimpleUploadedFile("可行性.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        },
    )
    assert response.status_code == 302
    from platform_core.attachments.selectors import attachments_for

    assert attachments_for(project, kind="feasibility").count() == 1
    # another enterprise: 404 and nothing stored
    client_for("other_enterprise").post(
        reverse("matching:document_upload", args=[project.pk]),
        {
            "doc-kind": "market_data",
            "doc-file": SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        },
    )
    assert attachments_for(project).count() == 1


def test_retired_achievement_cannot_be_inquired(users, achievement):
    from platform_core.workflow.engine import transition

    transition(Achievement, achievement.pk, action="retire", actor=users["staff"], reason="过时")
    with pytest.raises((ConflictError, Exception)):
        services.inquiry_create(achievement_id=achievement.pk, actor=users["enterprise"], message="x")
    assert not DockingProject.objects.exists()
