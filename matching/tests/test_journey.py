"""The must-show journey through the pages (Django test client): an enterprise posts a demand → sees
explainable matches → opens an inquiry → staff record negotiation terms → agreement drafted from a template
with a flagged risk point fixed → signed PDF uploaded → milestones → converted; the achievement follows."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from achievements.models import Achievement, ApplicationScenario, CooperationMode, TechnicalField
from matching.models import (
    Agreement,
    AgreementTemplate,
    Demand,
    DockingProject,
    ImplementationProject,
    MatchSuggestion,
)

from .conftest import pdf


def test_journey(users, client_for, achievement, django_capture_on_commit_callbacks):
    enterprise, staff = client_for("enterprise"), client_for("staff")

    # 1. the enterprise posts a demand and submits it; staff publish it
    with django_capture_on_commit_callbacks(execute=True):
        response = enterprise.post(
            reverse("matching:demand_create"),
            {
                "title": "寻求抗肝纤维化中药颗粒剂",
                "technical_field": TechnicalField.objects.get(code="tcm").pk,
                "scenarios": [ApplicationScenario.objects.get(code="clinical").pk],
                "cooperation_modes": [CooperationMode.objects.get(code="license").pk],
                "min_maturity": "pilot",
                "budget_max": "500",
                "description": "引进治疗慢性乙肝肝纤维化的中药复方颗粒剂",
                "tags": "肝纤维化,颗粒剂",
                "confidentiality": "registered",
                "submit": "1",
            },
        )
    demand = Demand.objects.get()
    assert response.status_code == 302 and demand.state == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("matching:demand_transition", args=[demand.pk]), {"action": "publish"})
    assert Demand.objects.get(pk=demand.pk).state == "published"

    # 2. explainable matches on the demand page
    page = enterprise.get(demand.get_absolute_url()).content.decode()
    assert achievement.name in page
    for reason in ("领域一致", "成熟度满足", "合作方式匹配", "预算覆盖报价", "关键词：肝纤维化"):
        assert reason in page, reason
    suggestion = MatchSuggestion.objects.get(demand=demand, achievement=achievement)

    # 3. the enterprise opens a docking project from the suggestion
    response = enterprise.post(reverse("matching:suggestion_inquire", args=[suggestion.pk]))
    project = DockingProject.objects.get()
    assert response["Location"] == project.get_absolute_url()

    # 4. staff contact, negotiate and record the agreed terms (no IP warranty agreed: a risk)
    for step in ("contact", "start_negotiation"):
        staff.post(reverse("matching:project_transition", args=[project.pk]), {"action": step})
    assert Achievement.objects.get(pk=achievement.pk).state == "in_docking"
    staff.post(
        reverse("matching:terms_add", args=[project.pk]),
        {
            "proposed_by": "platform", "cooperation_mode": "license", "technical_scope": "颗粒剂处方、工艺与质量标准",
            "territory": "中国境内", "field_of_use": "慢性肝病", "term_years": "10", "payment_method": "milestones", "price": "320",
            "payment_schedule": "生效后 30%\n验收合格后 70%", "acceptance_criteria": "三批中试样品全检合格", "confidentiality": "on",
            "dispute_resolution": "arbitration", "agree": "1",
        },
    )  # fmt: skip
    assert project.terms.get().agreed
    page = staff.get(project.get_absolute_url()).content.decode()
    assert "320" in page and "中国境内" in page

    # 5. the agreement is drafted from a template; the checklist flags the missing IP warranty
    template = AgreementTemplate.objects.get(code="license")
    response = staff.post(reverse("matching:agreement_draft", args=[project.pk]), {"template": template.pk})
    agreement = Agreement.objects.get()
    assert response["Location"] == agreement.get_absolute_url()
    page = staff.get(agreement.get_absolute_url()).content.decode()
    assert 'data-risk="no_ip_warranty" data-status="open"' in page
    staff.post(reverse("matching:agreement_transition", args=[agreement.pk]), {"action": "submit_review"})
    staff.post(reverse("matching:agreement_transition", args=[agreement.pk]), {"action": "approve"})
    assert Agreement.objects.get(pk=agreement.pk).state == "in_review"  # blocked by the open risk
    staff.post(
        reverse("matching:agreement_transition", args=[agreement.pk]),
        {"action": "return_for_revision", "reason": "补充知识产权保证条款"},
    )

    # 6. the risk point is fixed in the draft, the review signed off
    agreement.refresh_from_db()
    data = {
        "version": agreement.version,
        "title": agreement.title,
        "party_a": agreement.party_a,
        "party_b": agreement.party_b,
        "value": "320",
    }
    data.update({f"clause_{c.code}": c.body for c in agreement.clauses.all()})
    data["clause_ip_warranty"] = "甲方保证其为本合同所涉技术成果的合法权利人，不侵犯任何第三方知识产权。"
    assert staff.post(reverse("matching:agreement_edit", args=[agreement.pk]), data).status_code == 302
    assert agreement.risk_flags.get(code="no_ip_warranty").status == "resolved"
    staff.post(reverse("matching:agreement_transition", args=[agreement.pk]), {"action": "submit_review"})
    staff.post(reverse("matching:agreement_transition", args=[agreement.pk]), {"action": "approve"})
    assert Agreement.objects.get(pk=agreement.pk).state == "approved"

    # 7. the signed PDF is uploaded: archived, project and achievement follow
    signed_on = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    staff.post(
        reverse("matching:agreement_sign", args=[agreement.pk]),
        {"signed_on": signed_on, "value": "320", "signed_copy": pdf()},
    )
    agreement.refresh_from_db()
    assert agreement.state == "signed" and agreement.archive_code
    assert DockingProject.objects.get(pk=project.pk).state == "agreement_signed"
    assert Achievement.objects.get(pk=achievement.pk).state == "agreement_signed"

    # 8. milestones, outcome with evidence, converted
    implementation = ImplementationProject.objects.get(agreement=agreement)
    today = timezone.localdate()
    staff.post(
        reverse("matching:milestone_add", args=[implementation.pk]),
        {
            "title": "技术资料交付",
            "planned_start": (today - dt.timedelta(days=30)).isoformat(),
            "planned_end": (today - dt.timedelta(days=10)).isoformat(),
            "actual_start": (today - dt.timedelta(days=30)).isoformat(),
            "actual_end": (today - dt.timedelta(days=8)).isoformat(),
            "status": "done",
        },
    )
    page = staff.get(implementation.get_absolute_url()).content.decode()
    assert 'data-testid="timeline"' in page and "技术资料交付" in page
    staff.post(
        reverse("matching:outcome_save", args=[implementation.pk]),
        {
            "outcome_kind": "product_launched",
            "outcome_description": "取得制剂批件并上市",
            "evidence": pdf("批件.pdf"),
        },
    )
    staff.post(reverse("matching:implementation_transition", args=[implementation.pk]), {"action": "convert"})
    assert ImplementationProject.objects.get(pk=implementation.pk).state == "converted"
    assert Achievement.objects.get(pk=achievement.pk).state == "converted"
