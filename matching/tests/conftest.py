"""Fixtures of the matching app: published achievements (through the achievements workflow), demands,
docking projects at each stage, agreements and implementation projects."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from achievements.models import ApplicationScenario, CooperationMode, TechnicalField
from matching.models import AgreementTemplate, Demand
from matching.services import agreements as agreement_services
from matching.services import demands as demand_services
from matching.services import docking as docking_services
from matching.services.index import profile_rebuild
from matching.testing import PDF, publish_achievement


def pdf(name: str = "signed.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + name.encode(), content_type="application/pdf")


def make_published(users, *, holder="holder", index: bool = True, **kwargs):
    kwargs.setdefault("name", "扶正化瘀颗粒逆转慢性乙肝肝纤维化")
    kwargs.setdefault("summary", "中药复方颗粒剂，抗肝纤维化，中试完成")
    kwargs.setdefault("tags", "肝纤维化,颗粒剂,中药复方")
    achievement = publish_achievement(holder=users[holder], staff=users["staff"], **kwargs)
    if index:
        profile_rebuild(achievement_id=achievement.pk)
    return achievement


def make_demand(user, *, publish_by=None, **fields) -> Demand:
    fields.setdefault("title", "寻求抗肝纤维化中药颗粒剂")
    fields.setdefault(
        "description", "引进治疗慢性乙肝肝纤维化的中药复方颗粒剂，要求已完成中试，可转让或许可。"
    )
    fields.setdefault("technical_field", TechnicalField.objects.get(code="tcm"))
    scenarios = fields.pop("scenarios", [ApplicationScenario.objects.get(code="clinical")])
    modes = fields.pop(
        "cooperation_modes",
        [CooperationMode.objects.get(code="transfer"), CooperationMode.objects.get(code="license")],
    )
    demand = demand_services.demand_create(owner=user, scenarios=scenarios, cooperation_modes=modes, **fields)
    if publish_by is not None:
        demand_services.demand_transition(demand_id=demand.pk, actor=user, action="submit")
        demand = demand_services.demand_transition(demand_id=demand.pk, actor=publish_by, action="publish")
    return demand


@pytest.fixture
def achievement(users):
    return make_published(users, price="300", modes=("transfer", "license"))


@pytest.fixture
def demand(users):
    return make_demand(users["enterprise"], publish_by=users["staff"], min_maturity="pilot", budget_max=500)


@pytest.fixture
def project(users, achievement):
    return docking_services.inquiry_create(
        achievement_id=achievement.pk, actor=users["enterprise"], message="希望了解许可条件"
    )


def advance(project, staff, *steps):
    for step in steps:
        project = docking_services.project_transition(project_id=project.pk, actor=staff, action=step)
    return project


TERMS = {
    "cooperation_mode": "license",
    "technical_scope": "扶正化瘀颗粒处方、制备工艺及质量标准",
    "exclusive": True,
    "territory": "",
    "field_of_use": "慢性肝病治疗",
    "term_years": 10,
    "payment_method": "milestones",
    "price": "300",
    "payment_schedule": "合同生效后支付 30%\n中试验收合格后支付 40%\n取得批件后支付 30%",
    "acceptance_criteria": "",
    "ip_warranty": False,
    "confidentiality": True,
    "dispute_resolution": "arbitration",
}


@pytest.fixture
def negotiating(users, project):
    project = advance(project, users["staff"], "contact", "start_negotiation")
    terms = docking_services.terms_propose(project_id=project.pk, actor=users["staff"], **TERMS)
    docking_services.terms_agree(terms_id=terms.pk, actor=users["staff"])
    return project


@pytest.fixture
def draft(users, negotiating):
    template = AgreementTemplate.objects.get(code="license")
    return agreement_services.agreement_draft(
        project_id=negotiating.pk, actor=users["staff"], template_id=template.pk
    )


FIXED_CLAUSES = {
    "ip_warranty": "甲方保证其为本合同所涉技术成果的合法权利人，且不侵犯第三方知识产权。",
    "acceptance": "按质量标准完成三批中试样品检验，全部合格即为验收合格。",
    "usage_rights": "甲方以独占方式许可乙方实施上述技术成果，许可使用的地域范围为中国境内。",
}


def approve(draft, staff):
    draft = agreement_services.agreement_update(
        agreement_id=draft.pk, actor=staff, version=draft.version, clauses=FIXED_CLAUSES
    )
    agreement_services.agreement_transition(agreement_id=draft.pk, actor=staff, action="submit_review")
    return agreement_services.agreement_transition(agreement_id=draft.pk, actor=staff, action="approve")


@pytest.fixture
def signed(users, draft):
    approve(draft, users["staff"])
    return agreement_services.agreement_sign(
        agreement_id=draft.pk,
        actor=users["staff"],
        signed_on=timezone.localdate() - dt.timedelta(days=1),
        signed_copy=pdf(),
    )


@pytest.fixture
def implementation(signed):
    return signed.implementation
