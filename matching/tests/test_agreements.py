"""Agreements: drafted from a template and the agreed terms, risk review with staff sign-off, optimistic
locking, signing (archive, project and achievement follow), registration and its reminder, the PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from achievements.models import Achievement
from matching.models import Agreement, AgreementTemplate, DockingProject, ImplementationProject
from matching.services import agreements as services
from platform_core import workdays
from platform_core.errors import ConflictError, InvalidTransition, ValidationFailed

from .conftest import FIXED_CLAUSES, approve


def open_codes(agreement):
    return set(agreement.risk_flags.filter(status="open").values_list("code", flat=True))


def test_draft_from_template_flags_risks(users, draft):
    assert draft.state == "draft" and draft.contract_type == "license"
    assert draft.value == 300 and draft.terms["price"] == "300.00"
    clauses = dict(draft.clauses.values_list("code", "body"))
    assert "300.00 万元" in clauses["payment"] and "节点分期" in clauses["payment"]
    assert clauses["ip_warranty"] == "" and clauses["acceptance"] == ""
    assert "独占" in clauses["usage_rights"] and "10 年" in clauses["term"]
    assert open_codes(draft) == {"no_ip_warranty", "no_acceptance", "exclusive_without_territory"}


def test_drafting_needs_agreed_terms_and_negotiation(users, project):
    template = AgreementTemplate.objects.get(code="transfer")
    with pytest.raises(ConflictError):
        services.agreement_draft(project_id=project.pk, actor=users["staff"], template_id=template.pk)
    assert not Agreement.objects.exists()


def test_sign_off_blocked_by_open_risk_until_fixed(users, draft):
    services.agreement_transition(agreement_id=draft.pk, actor=users["staff"], action="submit_review")
    with pytest.raises(InvalidTransition):
        services.agreement_transition(agreement_id=draft.pk, actor=users["staff"], action="approve")
    assert Agreement.objects.get(pk=draft.pk).state == "in_review"
    services.agreement_transition(
        agreement_id=draft.pk,
        actor=users["staff"],
        action="return_for_revision",
        reason="补充知识产权保证等条款",
    )
    draft.refresh_from_db()
    updated = services.agreement_update(
        agreement_id=draft.pk, actor=users["staff"], version=draft.version, clauses=FIXED_CLAUSES
    )
    assert open_codes(updated) == set()
    assert set(updated.risk_flags.values_list("status", flat=True)) == {"resolved"}
    services.agreement_transition(agreement_id=draft.pk, actor=users["staff"], action="submit_review")
    approved = services.agreement_transition(agreement_id=draft.pk, actor=users["staff"], action="approve")
    assert approved.state == "approved" and approved.reviewed_by == users["staff"]


def test_waiving_a_risk_needs_a_reason(users, draft):
    flag = draft.risk_flags.get(code="no_acceptance")
    with pytest.raises(ValidationFailed):
        services.risk_waive(flag_id=flag.pk, actor=users["staff"], reason=" ")
    services.risk_waive(flag_id=flag.pk, actor=users["staff"], reason="按双方既有质量标准验收，另行约定")
    flag.refresh_from_db()
    assert flag.status == "waived" and flag.handled_by == users["staff"]


def test_optimistic_locking_service(users, draft):
    services.agreement_update(
        agreement_id=draft.pk, actor=users["staff"], version=draft.version, title="第一次保存"
    )
    with pytest.raises(ConflictError) as err:
        services.agreement_update(
            agreement_id=draft.pk, actor=users["staff"], version=draft.version, title="过期保存"
        )
    assert err.value.status_code == 409
    assert Agreement.objects.get(pk=draft.pk).title == "第一次保存"


def test_optimistic_locking_page_answers_409(users, client_for, draft):
    url = reverse("matching:agreement_edit", args=[draft.pk])
    data = {
        "version": draft.version,
        "title": "A",
        "party_a": draft.party_a,
        "party_b": draft.party_b,
        "value": "300",
    }
    data.update({f"clause_{c.code}": c.body for c in draft.clauses.all()})
    assert client_for("staff").post(url, data).status_code == 302
    response = client_for("staff").post(url, {**data, "title": "B"})
    assert response.status_code == 409
    assert "version" in response.content.decode() or "版本" in response.content.decode()
    assert Agreement.objects.get(pk=draft.pk).title == "A"


def test_parties_cannot_edit_or_approve(users, client_for, draft):
    assert (
        client_for("enterprise").get(reverse("matching:agreement_edit", args=[draft.pk])).status_code == 403
    )
    assert client_for("other_enterprise").get(draft.get_absolute_url()).status_code == 404
    client_for("enterprise").post(
        reverse("matching:agreement_transition", args=[draft.pk]), {"action": "submit_review"}
    )
    assert Agreement.objects.get(pk=draft.pk).state == "draft"


def test_signing_requires_the_signed_copy(users, draft):
    approve(draft, users["staff"])
    with pytest.raises(InvalidTransition):
        services.agreement_sign(agreement_id=draft.pk, actor=users["staff"], signed_on=timezone.localdate())
    assert Agreement.objects.get(pk=draft.pk).state == "approved"


def test_signing_moves_project_and_achievement_and_archives(users, signed):
    assert signed.state == "signed"
    assert signed.archive_code.startswith("HZXY-")
    project = DockingProject.objects.get(pk=signed.project_id)
    assert project.state == "agreement_signed" and project.signed_at
    assert Achievement.objects.get(pk=project.achievement_id).state == "agreement_signed"
    implementation = ImplementationProject.objects.get(agreement=signed)
    assert implementation.state == "in_progress"
    from platform_core.attachments.selectors import attachments_for

    copy = attachments_for(signed, kind="signed_copy").get()
    assert copy.locked  # archived: cannot be deleted during retention


def test_registration_and_reminder(users, signed, mailoutbox):
    from platform_core.notifications.models import Notification

    limit = services.reminder_workdays()
    signed_on = signed.signed_on
    before = workdays.add_working_days(signed_on, limit - 1)
    assert services.registration_reminders_send(today=before) == 0
    due = workdays.add_working_days(signed_on, limit)
    assert services.registration_reminders_send(today=due) == 1
    count = Notification.objects.filter(title__contains=signed.title).count()
    assert count >= 1
    assert services.registration_reminders_send(today=due + dt.timedelta(days=3)) == 0  # idempotent
    assert Notification.objects.filter(title__contains=signed.title).count() == count
    with pytest.raises(ValidationFailed):
        services.agreement_registration_update(
            agreement_id=signed.pk, actor=users["staff"], registration_number="2025110000123"
        )
    services.agreement_registration_update(
        agreement_id=signed.pk, actor=users["staff"], registration_body="河北省技术市场管理办公室", registration_number="2025130000123",
        registered_on=timezone.localdate(), tax_incentive="vat_exemption", tax_incentive_amount="18",
    )  # fmt: skip
    assert Agreement.objects.get(pk=signed.pk).is_registered


def test_pdf_renders(users, draft):
    report = services.agreement_pdf_request(agreement_id=draft.pk, actor=users["staff"], now=True)
    assert report.status == "done" and report.pages >= 1
    with report.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_staff_edit_template_clauses(users, client_for):
    template = AgreementTemplate.objects.get(code="transfer")
    clause = template.clauses.get(code="confidentiality")
    client_for("staff").post(
        reverse("matching:template_detail", args=[template.pk]),
        {"clause": clause.pk, "body": "新的保密条款文本", "title": "保密"},
    )
    clause.refresh_from_db()
    assert clause.body == "新的保密条款文本"
    client_for("enterprise").post(
        reverse("matching:template_detail", args=[template.pk]), {"clause": clause.pk, "body": "被篡改"}
    )
    clause.refresh_from_db()
    assert clause.body == "新的保密条款文本"


def test_four_templates_exist_with_chinese_clauses(db):
    names = set(AgreementTemplate.objects.values_list("name", flat=True))
    assert names == {"技术转让合同", "技术许可合同", "作价投资协议", "联合开发协议"}
    for template in AgreementTemplate.objects.all():
        codes = set(template.clauses.values_list("code", flat=True))
        assert {"parties", "payment", "ip_warranty", "confidentiality", "dispute"} <= codes
