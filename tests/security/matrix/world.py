"""The matrix's world: one user per role and one object of each kind the URLs need, built through the apps'
own services (the same paths the demo data and the apps' tests use)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from platform_core.accounts.models import Organization, User
from platform_core.accounts.roles import Role
from platform_core.accounts.services import user_create

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A unique plaintext marker stored in the published achievement's confidential (encrypted) fields.
SECRET = "机密标记-H10-黄芪鳖甲九十七克"
SECRET_PHONE = "010-97979797"

ROLES = (
    "anonymous",
    "owner",
    "other_holder",
    "enterprise",
    "evaluator",
    "other_evaluator",
    "staff",
    "admin",
    "investor",
)

USERS = {
    "owner": [Role.HOLDER],
    "other_holder": [Role.HOLDER],
    "enterprise": [Role.ENTERPRISE],
    "evaluator": [Role.EVALUATOR],
    "other_evaluator": [Role.EVALUATOR],
    "panel_evaluator": [Role.EVALUATOR],
    "panel_evaluator2": [Role.EVALUATOR],
    "staff": [Role.STAFF],
    "admin": [Role.ADMIN],
    "investor": [Role.INVESTOR],
}


def pdf(name: str = "doc.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + name.encode(), content_type="application/pdf")


def _users() -> dict[str, User]:
    out = {}
    for key, roles in USERS.items():
        org, _ = Organization.objects.get_or_create(
            name=f"矩阵-{key} 所属机构",
            defaults={
                "kind": Organization.Kind.ENTERPRISE if key == "enterprise" else Organization.Kind.OTHER
            },
        )
        out[key] = user_create(
            username=f"m_{key}",
            password="pw-12345-test",
            roles=roles,
            email=f"m_{key}@example.com",
            display_name=key,
            organization=org,
        )
    return out


def _achievements(w: SimpleNamespace) -> None:
    from achievements import services
    from achievements.models import AchievementType
    from matching.testing import publish_achievement

    u = w.users
    w.published = publish_achievement(
        holder=u["owner"],
        staff=u["staff"],
        name="矩阵已发布成果抗肝纤维化颗粒",
        modes=("license",),
        price="300",
    )
    w.published.technical_details = SECRET
    w.published.contact_phone = SECRET_PHONE
    w.published.save(update_fields=["technical_details", "contact_phone"])
    w.draft = services.achievement_create(holder=u["owner"], name="矩阵草稿成果")
    kind = AchievementType.objects.get(code="tcm_formula")
    w.draft = services.achievement_update(
        achievement_id=w.draft.pk,
        actor=u["owner"],
        expected_version=w.draft.version,
        fields={"summary": "草稿简介", "achievement_type": kind, "technical_details": SECRET},
    )
    w.draft_material = services.material_upload(
        achievement_id=w.draft.pk, actor=u["owner"], uploaded_file=pdf("draft.pdf"), kind="other"
    )


def _evaluation(w: SimpleNamespace) -> None:
    from achievements.models import Achievement, AchievementType
    from evaluation.models import Expert
    from evaluation.services.evaluations import (
        declaration_sign,
        evaluation_create,
        evaluation_transition,
        material_audit_record,
        panel_member_assign,
    )
    from platform_core.workflow.engine import record_initial

    u = w.users
    org = Organization.objects.create(name="矩阵评价成果医院", kind=Organization.Kind.HOSPITAL)
    w.under_evaluation = Achievement.objects.create(
        name="矩阵评价中成果",
        summary="评价中",
        holder=u["owner"],
        organization=org,
        achievement_type=AchievementType.objects.get(code="tcm_formula"),
        maturity="pilot",
        trl=5,
        technical_details=SECRET,
        state=Achievement.State.ACCEPTED,
    )
    record_initial(w.under_evaluation, actor=u["owner"])
    experts = {}
    for key, role, sector in (
        ("evaluator", "clinical", "hospital"),
        ("panel_evaluator", "engineering", "university"),
        ("panel_evaluator2", "industry", "investment"),
        ("other_evaluator", "clinical", "hospital"),
    ):
        experts[key] = Expert.objects.create(
            user=u[key], organization=u[key].organization, panel_role=role, sector=sector, title="教授"
        )
    w.experts = experts
    w.evaluation = evaluation_create(achievement=w.under_evaluation, actor=u["staff"])
    for key in ("evaluator", "panel_evaluator", "panel_evaluator2"):
        panel_member_assign(evaluation_id=w.evaluation.pk, expert_id=experts[key].pk, actor=u["staff"])
    evaluation_transition(evaluation_id=w.evaluation.pk, action="start", actor=u["staff"])
    for member in w.evaluation.panel_members.select_related("expert__user"):
        declaration_sign(
            member_id=member.pk,
            actor=member.expert.user,
            full_name=str(member.expert.user),
            agreed=True,
            ip_address="10.0.0.1",
        )
    material_audit_record(evaluation_id=w.evaluation.pk, actor=u["staff"], result="complete")
    w.evaluation.refresh_from_db()
    w.panel_member = w.evaluation.panel_members.get(expert__user=u["evaluator"])
    from evaluation.models import ScoreSheet

    w.score_sheet = ScoreSheet.objects.filter(panel_member=w.panel_member).first()


def _matching(w: SimpleNamespace) -> None:
    from achievements.models import ApplicationScenario, CooperationMode, TechnicalField
    from matching.services import demands as demand_services
    from matching.services import docking as docking_services

    u = w.users
    demand = demand_services.demand_create(
        owner=u["enterprise"],
        title="矩阵需求：寻求抗肝纤维化中药颗粒剂",
        description="引进治疗慢性乙肝肝纤维化的中药复方颗粒剂，要求已完成中试。",
        technical_field=TechnicalField.objects.get(code="tcm"),
        scenarios=[ApplicationScenario.objects.get(code="clinical")],
        cooperation_modes=[CooperationMode.objects.get(code="license")],
    )
    demand_services.demand_transition(demand_id=demand.pk, actor=u["enterprise"], action="submit")
    w.demand = demand_services.demand_transition(demand_id=demand.pk, actor=u["staff"], action="publish")
    w.docking = docking_services.inquiry_create(
        achievement_id=w.published.pk, actor=u["enterprise"], message="希望了解许可条件"
    )


def _incubation(w: SimpleNamespace) -> None:
    from incubation import services

    w.incubation = services.project_apply(
        applicant=w.users["owner"], name="矩阵孵化项目", summary="以中药复方为核心的产业化项目"
    )


def _ip(w: SimpleNamespace) -> None:
    from ip_services import services
    from ip_services.models import IpAsset

    u = w.users
    w.ip_asset = services.asset_create(
        actor=u["owner"],
        kind=IpAsset.Kind.INVENTION,
        title="一种治疗肝纤维化的中药组合物（矩阵）",
        number="ZL201810009999.1",
        filing_date=dt.date(2018, 3, 15),
        grant_date=dt.date(2021, 6, 1),
        status=IpAsset.Status.GRANTED,
        owners="矩阵医院",
    )
    services.disclaimer_acknowledge(user=u["owner"])
    w.ip_request = services.request_create(
        requester=u["owner"],
        service_type=_first_choice("ip_services", "IpServiceRequest", "service_type"),
        title="矩阵专利检索请求",
        description="请检索相关专利",
    )
    w.dispute = services.dispute_open(
        actor=u["owner"],
        title="矩阵侵权纠纷",
        kind=_first_choice("ip_services", "Dispute", "kind"),
        summary="发现疑似侵权产品",
    )


def _content(w: SimpleNamespace) -> None:
    from platform_core.content import services

    u = w.users
    w.article = services.article_create(
        actor=u["staff"],
        data={"kind": "policy", "title": "矩阵政策", "summary": "摘要", "body": "<p>正文</p>"},
        tag_names=["医保报销"],
    )
    w.article = services.article_publish(article_id=w.article.pk, actor=u["staff"])
    w.consultation = services.consultation_submit(
        asker=u["owner"], category="compliance", subject="矩阵咨询", question="请问中药新药注册需要哪些资料？"
    )
    w.feedback = services.feedback_submit(
        author=u["owner"],
        category=_first_choice("content", "Feedback", "category"),
        target="成果库",
        body="意见",
    )


def _quality(w: SimpleNamespace) -> None:
    from quality_metrics.services import complaints, improvements, surveys

    u = w.users
    w.complaint = complaints.complaint_file(
        actor=u["owner"], name="张三", subject="矩阵投诉", description="响应太慢", phone="13800000000"
    )
    w.improvement = improvements.action_create(
        actor=u["staff"],
        title="矩阵改进",
        source=_first_choice("quality_metrics", "ImprovementAction", "source"),
        problem="问题描述",
        owner=u["staff"],
    )
    w.campaign = surveys.campaign_create(actor=u["staff"], title="矩阵满意度调查", audience=["holder"])
    surveys.campaign_send(campaign_id=w.campaign.pk, actor=u["staff"])
    w.invitation = w.campaign.invitations.filter(user=u["owner"]).first() or w.campaign.invitations.first()


def _core(w: SimpleNamespace) -> None:
    from platform_core.archive.services import archive_document
    from platform_core.attachments.services import attachment_create

    u = w.users
    w.archive_entry = archive_document(
        subject=w.published,
        doc_type=_first_doc_type(),
        title="矩阵归档",
        archived_by=u["staff"],
        file_bytes=PDF,
        filename="archive.pdf",
    )
    w.attachment = w.draft_material
    w.notification = None
    from platform_core.notifications.models import Notification

    w.notification = Notification.objects.filter(recipient=u["owner"]).first()
    from django.contrib.contenttypes.models import ContentType

    from platform_core.reports.models import ReportRecord

    w.report = ReportRecord.objects.create(
        content_type=ContentType.objects.get_for_model(w.evaluation),
        object_id=w.evaluation.pk,
        kind="matrix",
        title="矩阵报告",
        template_name="reports/sample.html",
        context_builder="x",
        status=ReportRecord.Status.FAILED,
        requested_by=u["staff"],
    )
    w.org_attachment = attachment_create(
        owner=u["owner"].organization, uploaded_file=pdf("org.pdf"), uploaded_by=u["owner"]
    )


def _first_choice(app: str, model: str, field: str) -> Any:
    from django.apps import apps

    return apps.get_model(app, model)._meta.get_field(field).choices[0][0]


def _first_doc_type() -> Any:
    from platform_core.archive.models import DocumentType

    return DocumentType.objects.order_by("pk").first()


def build_world() -> SimpleNamespace:
    w = SimpleNamespace(now=timezone.now())
    w.users = _users()
    w.owner_user = w.users["owner"]
    w.owner_org = w.users["owner"].organization
    for step in (_achievements, _evaluation, _matching, _incubation, _ip, _content, _quality, _core):
        step(w)
    return w
