"""Demo data of the matching app: demands and challenge calls, matches, a matchmaking event, docking
projects at every stage, agreements (in review with a flagged risk, signed, registered), implementation
projects with milestones, issues, assessments, follow-ups and feedback, and converted achievements.

Driven through the services (the workflow moves the achievements). Idempotent: every record is looked up
by a natural key first. Achievements come from the achievements demo; one that is missing is published
here through the achievements app's own services.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from achievements.models import Achievement, ApplicationScenario, CooperationMode, TechnicalField
from platform_core.accounts.models import User

from .models import (
    Agreement,
    AgreementTemplate,
    ChallengeApplication,
    Demand,
    DockingProject,
    EventRegistration,
    MatchmakingEvent,
)
from .services import agreements as agreement_services
from .services import demands as demand_services
from .services import docking as docking_services
from .services import events as event_services
from .services import implementation as impl_services
from .services.index import index_rebuild_all
from .services.matching import suggestions_refresh_all
from .testing import PDF, publish_achievement

TODAY = timezone.localdate


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + name.encode(), content_type="application/pdf")


def _users() -> dict[str, User]:
    names = ["staff", "staff2", "holder", "holder2", "holder3", "enterprise", "enterprise2", "investor"]
    return {u.username: u for u in User.objects.filter(username__in=names)}


# --------------------------------------------------------------------------- demands
DEMANDS = [
    # owner, title, field, scenarios, min maturity, min trl, modes, budget (min, max), region, confidentiality,
    # challenge (deadline days, reward), state, tags, description
    ("enterprise", "寻求抗肝纤维化中药复方颗粒剂品种", "tcm", ["clinical"], "pilot", 6, ["transfer", "license"], ("300", "1500"),
     "河北省", "public", None, "published", "肝纤维化,颗粒剂,中药复方,慢性乙肝",
     "我司拟引进治疗慢性乙肝肝纤维化的中药复方颗粒剂品种，要求已完成中试或取得医疗机构制剂批件，有药效学和临床数据支持，可转让或独占许可。"),
    ("enterprise", "寻求慢性乙肝肝纤维化无创诊断试剂", "diagnostic_reagent", ["clinical", "public_health"], "pilot", 6, ["license", "transfer"],
     ("200", "800"), "", "registered", None, "published", "肝纤维化,无创诊断,血清标志物,试剂盒",
     "面向基层医院的肝纤维化无创诊断试剂盒，灵敏度和特异性不低于 85%，可与生化分析仪配套。"),
    ("enterprise", "揭榜挂帅：代谢相关脂肪性肝病中药新药候选物", "tcm", ["clinical"], "lab", None, ["joint_development", "transfer"],
     ("500", "2000"), "", "public", (45, "揭榜奖励：首期研发经费 200 万元，联合申报新药"), "published", "代谢相关脂肪性肝病,中药新药,脂肪肝",
     "征集代谢相关脂肪性肝病中药新药候选物，要求有明确的药效学数据和初步安全性评价，可联合开发。"),
    ("enterprise2", "人工肝支持系统产业化合作", "medical_device", ["clinical"], "pilot", 6, ["joint_development", "equity"],
     ("1000", "3000"), "", "private", None, "published", "人工肝,肝衰竭,血浆吸附,人工肝支持系统",
     "我司计划建设人工肝支持系统生产线，寻求具备生物型人工肝核心技术的团队联合开发或作价入股，完成注册检验与临床试验。"),
    ("enterprise2", "肝纤维化超声人工智能辅助诊断软件", "big_data_ai", ["clinical"], "pilot", 6, ["transfer"], ("200", "600"),
     "", "registered", None, "published", "人工智能,超声,肝纤维化,辅助诊断",
     "寻求基于超声影像的肝纤维化智能分期软件，可嵌入超声设备工作站，已完成多中心验证者优先。"),
    ("enterprise2", "肝癌高危人群筛查随访平台", "big_data_ai", ["public_health"], "", None, ["license"], (None, "300"),
     "", "registered", None, "submitted", "肝癌,筛查,随访", "面向社区的肝癌高危人群筛查与随访管理平台，需对接区域卫生信息平台。"),
    ("enterprise", "中药配方颗粒质量追溯系统", "big_data_ai", [], "", None, [], (None, None),
     "", "registered", None, "draft", "质量追溯", "中药配方颗粒从药材到成品的质量追溯（草稿）。"),
]  # fmt: skip


def _demands(users: dict[str, User], staff: User) -> dict[str, Demand]:
    out: dict[str, Demand] = {}
    for (
        owner,
        title,
        field,
        scenarios,
        maturity,
        trl,
        modes,
        budget,
        region,
        conf,
        challenge,
        state,
        tags,
        text,
    ) in DEMANDS:
        user = users.get(owner)
        if user is None:
            continue
        demand = Demand.objects.filter(owner=user, title=title).first()
        if demand is None:
            demand = demand_services.demand_create(
                owner=user,
                title=title,
                description=text,
                technical_field=TechnicalField.objects.filter(code=field).first(),
                scenarios=list(ApplicationScenario.objects.filter(code__in=scenarios)),
                cooperation_modes=list(CooperationMode.objects.filter(code__in=modes)),
                min_maturity=maturity,
                min_trl=trl,
                budget_min=Decimal(budget[0]) if budget[0] else None,
                budget_max=Decimal(budget[1]) if budget[1] else None,
                region=region,
                confidentiality=conf,
                tags=tags,
                is_challenge=challenge is not None,
                deadline=TODAY() + dt.timedelta(days=challenge[0]) if challenge else None,
                reward=challenge[1] if challenge else "",
            )
            if state in ("submitted", "published"):
                demand = demand_services.demand_transition(demand_id=demand.pk, actor=user, action="submit")
            if state == "published":
                demand = demand_services.demand_transition(demand_id=demand.pk, actor=staff, action="publish")
        out[title] = demand
    return out


# --------------------------------------------------------------------------- achievements
FALLBACK = {
    "扶正化瘀抗肝纤维化中药颗粒": {"holder": "holder2", "field": "tcm", "maturity": "industrial", "trl": 8, "modes": ("license", "transfer"), "price": "1200", "tags": "肝纤维化,颗粒剂,中药复方"},
    "生物型人工肝支持系统": {"holder": "holder", "field": "medical_device", "maturity": "pilot", "trl": 6, "modes": ("joint_development", "equity"), "price": "2500", "tags": "人工肝,肝衰竭"},
    "基于超声影像的肝纤维化人工智能分期系统": {"holder": "holder", "field": "big_data_ai", "maturity": "pilot", "trl": 7, "modes": ("transfer", "license"), "price": "600", "tags": "人工智能,超声,肝纤维化"},
    "慢性乙肝肝纤维化无创诊断血清标志物组合试剂盒": {"holder": "holder", "field": "diagnostic_reagent", "maturity": "pilot", "trl": 6, "modes": ("license", "transfer"), "price": "500", "tags": "肝纤维化,无创诊断,血清标志物"},
    "肝性脑病中药保留灌肠方案": {"holder": "holder2", "field": "treatment_plan", "maturity": "industrial", "trl": 8, "modes": ("license",), "price": "200", "tags": "肝性脑病,保留灌肠"},
    "慢性乙肝无创诊断微小核糖核酸检测试剂盒": {"holder": "holder2", "field": "big_data_ai", "maturity": "pilot", "trl": 6, "modes": ("license",), "price": "300", "tags": "中医证候,辅助决策"},
    "肝硬化中西医结合分层诊疗方案（第2代）": {"holder": "holder", "field": "big_data_ai", "maturity": "lab", "trl": 4, "modes": ("license",), "price": "150", "tags": "肝硬化,门静脉高压"},
}  # fmt: skip


def _achievement(name: str, users: dict[str, User], staff: User) -> Achievement | None:
    found = Achievement.objects.filter(name=name).select_related("holder").first()
    if found is not None:
        # only records in the library take part (one the achievements demo left elsewhere is skipped)
        return found if found.state in Achievement.PUBLIC_STATES else None
    spec = FALLBACK.get(name)
    holder = users.get(spec["holder"]) if spec else None
    if spec is None or holder is None:
        return None
    kwargs = {k: v for k, v in spec.items() if k != "holder"}
    return publish_achievement(holder=holder, staff=staff, name=name, summary=name, **kwargs)


# --------------------------------------------------------------------------- docking projects
def _project(achievement: Achievement, enterprise: User, actor: User, **kwargs) -> DockingProject:
    existing = (
        DockingProject.objects.filter(achievement=achievement, enterprise=enterprise).order_by("id").first()
    )
    if existing is not None:
        return existing
    return docking_services.project_open(
        achievement_id=achievement.pk, enterprise=enterprise, actor=actor, **kwargs
    )


def _advance(project: DockingProject, staff: User, *steps: str) -> DockingProject:
    order = ["inquiry", "contacted", "negotiating", "intent"]
    action_for = {"contacted": "contact", "negotiating": "start_negotiation", "intent": "record_intent"}
    for step in steps:
        project.refresh_from_db()
        if project.state in order and order.index(project.state) < order.index(step):
            project = docking_services.project_transition(
                project_id=project.pk, actor=staff, action=action_for[step]
            )
    return project


def _terms(project: DockingProject, staff: User, **terms) -> None:
    if project.terms.exists():
        return
    docking_services.negotiation_add(
        project_id=project.pk, actor=staff, kind="meeting", participants="双方项目负责人、平台服务专员",
        summary="双方就技术范围、许可方式和付款节点交换意见，需求方提出希望分期付款。", next_steps="供给方提供质量标准和中试数据。",
        occurred_at=timezone.now() - dt.timedelta(days=20),
    )  # fmt: skip
    docking_services.negotiation_add(
        project_id=project.pk,
        actor=staff,
        kind="online",
        summary="确认价格区间和验收标准，形成条款草案。",
        occurred_at=timezone.now() - dt.timedelta(days=10),
    )
    first = {**terms, "price": Decimal(terms["price"]) * Decimal("1.2"), "proposed_by": "supply"}
    docking_services.terms_propose(project_id=project.pk, actor=staff, **first)
    agreed = docking_services.terms_propose(project_id=project.pk, actor=staff, **terms)
    docking_services.terms_agree(terms_id=agreed.pk, actor=staff)


def _agreement(
    project: DockingProject, staff: User, template: str, *, fix: dict[str, str] | None = None
) -> Agreement:
    existing = project.agreements.exclude(state=Agreement.State.CANCELLED).first()
    if existing is not None:
        return existing
    tpl = AgreementTemplate.objects.get(code=template)
    agreement = agreement_services.agreement_draft(project_id=project.pk, actor=staff, template_id=tpl.pk)
    if fix:
        agreement = agreement_services.agreement_update(
            agreement_id=agreement.pk, actor=staff, version=agreement.version, clauses=fix
        )
    return agreement


def _sign(agreement: Agreement, staff: User, signed_on: dt.date) -> Agreement:
    if agreement.state == Agreement.State.SIGNED:
        return agreement
    agreement_services.agreement_transition(agreement_id=agreement.pk, actor=staff, action="submit_review")
    agreement_services.agreement_transition(agreement_id=agreement.pk, actor=staff, action="approve")
    return agreement_services.agreement_sign(
        agreement_id=agreement.pk,
        actor=staff,
        signed_on=signed_on,
        signed_copy=_pdf(f"signed-{agreement.pk}.pdf"),
    )


FIXES = {
    "ip_warranty": "甲方保证其为本合同所涉技术成果的合法权利人，有权订立本合同；该技术成果不侵犯任何第三方的知识产权。",
    "acceptance": "甲方交付处方、工艺规程和质量标准；乙方按质量标准完成三批中试样品检验，全部合格即为验收合格。",
}


def _implementation(
    agreement: Agreement, staff: User, enterprise: User, *, start: dt.date, done: int, convert: bool
) -> None:
    impl = agreement.implementation
    if impl.milestones.exists():
        return
    plan = [
        ("技术资料交付与培训", "处方、工艺规程、质量标准及培训记录", 0, 30),
        ("中试放大生产", "三批中试样品检验合格", 30, 120),
        ("注册申报 / 批件取得", "受理通知书或批件", 120, 240),
        ("上市销售与推广", "首批产品销售", 240, 360),
    ]
    today = TODAY()
    for index, (title, deliverable, a, b) in enumerate(plan):
        fields = {
            "title": title,
            "deliverable": deliverable,
            "planned_start": start + dt.timedelta(days=a),
            "planned_end": start + dt.timedelta(days=b),
            "payment_share": [30, 30, 20, 20][index],
        }
        if index < done:
            actual_end = min(start + dt.timedelta(days=b + (12 if index == 1 else -3)), today)
            fields.update(actual_start=start + dt.timedelta(days=a), actual_end=actual_end, status="done")
        elif index == done and start + dt.timedelta(days=a) <= today:
            fields.update(actual_start=start + dt.timedelta(days=a), status="in_progress")
        impl_services.milestone_save(implementation_id=impl.pk, actor=staff, **fields)
    issue = impl_services.issue_add(
        implementation_id=impl.pk,
        actor=enterprise,
        title="中试批次收率低于预期",
        severity="high",
        description="第二批中试收率 78%，低于约定的 85%。",
    )
    impl_services.coordination_add(
        issue_id=issue.pk, actor=staff, description="组织双方工艺人员现场会商，调整提取温度与浓缩时间。"
    )
    impl_services.coordination_add(
        issue_id=issue.pk, actor=staff, description="第三批中试收率 88%，问题关闭。", resolve=True
    )
    impl_services.issue_add(
        implementation_id=impl.pk, actor=enterprise, title="注册检验排期较长", severity="medium"
    )
    impl_services.assessment_add(
        implementation_id=impl.pk, actor=staff, period="第一阶段（技术交付与中试）", findings="技术资料交付完整，中试经协调后达标。",
        rating="on_track", progress_percent=45, adjustments="中试批次由 3 批调整为 4 批，注册申报节点顺延 15 天。",
        assessed_on=min(start + dt.timedelta(days=140), today),
    )  # fmt: skip
    impl_services.followup_add(
        implementation_id=impl.pk, actor=staff, summary="实地走访生产车间，中试生产线运行正常。", problems="注册检验排期较长，建议提前预约。",
        visited_on=min(start + dt.timedelta(days=100), today), mode="visit", participants="服务专员、双方项目负责人",
        next_visit_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    request = impl_services.feedback_request(
        implementation_id=impl.pk, actor=staff, recipient=enterprise, due_on=today + dt.timedelta(days=10)
    )
    if convert:
        impl_services.feedback_answer(
            request_id=request.pk, actor=enterprise, rating=5, comments="平台协调及时，转化顺利。"
        )
        impl_services.outcome_record(
            implementation_id=impl.pk, actor=staff, outcome_kind="product_launched",
            outcome_description="取得医疗机构制剂批件并在合作医院上市使用，首年销售收入 860 万元。", revenue=Decimal("860"),
            evidence=_pdf("上市批件及销售报表.pdf"),
        )  # fmt: skip
        impl_services.implementation_transition(
            implementation_id=impl.pk, actor=staff, action="convert", reason="产品已上市销售"
        )


# --------------------------------------------------------------------------- matchmaking event
def _event(users: dict[str, User], staff: User, achievements: dict[str, Achievement | None]) -> None:
    title = "2025 慢性肝病中医药科技成果技术对接会（石家庄）"
    event = MatchmakingEvent.objects.filter(title=title).first()
    if event is not None:
        return
    start = timezone.localtime(timezone.now()).replace(
        hour=9, minute=0, second=0, microsecond=0
    ) + dt.timedelta(days=14)
    event = event_services.event_save(
        actor=staff, title=title, mode="hybrid", venue="河北省石家庄市 河北会堂二楼多功能厅", online_link="https://meeting.example.com/cgzh2025",
        starts_at=start, ends_at=start + dt.timedelta(hours=8), registration_deadline=start - dt.timedelta(days=2), capacity=80,
        technical_field=TechnicalField.objects.filter(code="tcm").first(), session_minutes=20,
        description="聚焦慢性肝病中医药科技创新成果，组织成果路演、需求发布和一对一洽谈。",
    )  # fmt: skip
    for offset, item, speaker in [
        (0, "开幕致辞与政策解读", "河北省质量信息协会"),
        (40, "成果路演：抗肝纤维化中药", "刘研究员"),
        (100, "企业需求发布", "以岭药业"),
        (150, "一对一洽谈", ""),
    ]:
        event_services.agenda_add(
            event_id=event.pk,
            actor=staff,
            title=item,
            speaker=speaker,
            starts_at=start + dt.timedelta(minutes=offset),
        )
    event_services.event_transition(event_id=event.pk, actor=staff, action="open_registration")
    regs: dict[str, EventRegistration] = {}
    for name in ("enterprise", "enterprise2", "holder", "holder2", "holder3", "investor"):
        user = users.get(name)
        if user is None:
            continue
        achievement = (
            Achievement.objects.filter(holder=user, state__in=Achievement.PUBLIC_STATES)
            .order_by("id")
            .first()
        )
        demand = Demand.objects.filter(owner=user, state="published").order_by("id").first()
        regs[name] = event_services.registration_create(
            event_id=event.pk,
            actor=user,
            achievement_id=achievement.pk if achievement else None,
            demand_id=demand.pk if demand else None,
        )
    for name in ("enterprise", "holder", "holder2"):
        if name in regs:
            event_services.check_in(registration_id=regs[name].pk, actor=staff)
    slot = start + dt.timedelta(minutes=150)
    pairs = [("enterprise", "holder2", "1"), ("enterprise2", "holder", "2"), ("enterprise", "holder3", "3")]
    for index, (demand_side, supply_side, table) in enumerate(pairs):
        if demand_side in regs and supply_side in regs:
            at = slot + dt.timedelta(minutes=20 * (index // 2 + index % 2))
            event_services.session_schedule(
                event_id=event.pk, actor=staff, demand_registration_id=regs[demand_side].pk,
                supply_registration_id=regs[supply_side].pk, starts_at=at if index != 2 else slot + dt.timedelta(minutes=40), table=table,
            )  # fmt: skip
    past_title = "2025 年第一期肝病诊断技术线上对接会"
    if not MatchmakingEvent.objects.filter(title=past_title).exists():
        past_start = start - dt.timedelta(days=90)
        past = event_services.event_save(
            actor=staff, title=past_title, mode="online", online_link="https://meeting.example.com/liver-dx", starts_at=past_start,
            ends_at=past_start + dt.timedelta(hours=3), technical_field=TechnicalField.objects.filter(code="diagnostic_reagent").first(),
            description="线上路演与洽谈：肝纤维化无创诊断、肝癌早筛。",
        )  # fmt: skip
        event_services.event_transition(event_id=past.pk, actor=staff, action="open_registration")
        event_services.event_transition(event_id=past.pk, actor=staff, action="finish")


# --------------------------------------------------------------------------- seed
def seed(stdout=None) -> None:
    users = _users()
    staff = users.get("staff")
    if staff is None or "enterprise" not in users or "enterprise2" not in users:
        return
    enterprise, enterprise2 = users["enterprise"], users["enterprise2"]
    demands = _demands(users, staff)
    names = list(FALLBACK)
    achievements = {name: _achievement(name, users, staff) for name in names}
    today = TODAY()

    # A. converted: the whole deal (docking project, agreement, implementation) takes the published
    # achievement to "converted", and the contract is registered
    a = achievements["扶正化瘀抗肝纤维化中药颗粒"]
    if a is not None:
        project = _project(
            a,
            enterprise,
            staff,
            source="match",
            demand_id=demands.get("寻求抗肝纤维化中药复方颗粒剂品种").pk
            if demands.get("寻求抗肝纤维化中药复方颗粒剂品种")
            else None,
            message="智能匹配推荐，双方有意以独占许可方式合作。",
        )
        project = _advance(project, staff, "contacted", "negotiating", "intent")
        _terms(project, staff, cooperation_mode="license", technical_scope="扶正化瘀颗粒处方、制备工艺、质量标准及临床研究资料", exclusive=True,
               territory="中国境内", field_of_use="慢性肝病治疗", term_years=10, payment_method="mixed", price="900", royalty_rate="3",
               payment_schedule="合同生效后 30 日内支付入门费 40%\n中试验收合格后支付 30%\n取得批件后支付 30%",
               acceptance_criteria="按质量标准完成三批中试样品检验，全部合格。", ip_warranty=True, confidentiality=True, dispute_resolution="arbitration")  # fmt: skip
        agreement = _sign(_agreement(project, staff, "license"), staff, today - dt.timedelta(days=300))
        if not agreement.is_registered:
            agreement_services.agreement_registration_update(
                agreement_id=agreement.pk, actor=staff, registration_body="河北省技术市场管理办公室", registration_number="2025130100000321",
                registered_on=agreement.signed_on + dt.timedelta(days=12), tax_incentive="vat_exemption", tax_incentive_amount=Decimal("54"),
            )  # fmt: skip
        _implementation(agreement, staff, enterprise, start=agreement.signed_on, done=3, convert=True)

    # D. published → in docking → agreement signed → converted, all through this app
    d = achievements["基于超声影像的肝纤维化人工智能分期系统"]
    if d is not None:
        demand = demands.get("肝纤维化超声人工智能辅助诊断软件")
        project = _project(
            d,
            enterprise2,
            staff,
            source="match",
            demand_id=demand.pk if demand else None,
            message="超声 AI 分期系统与需求高度匹配。",
        )
        project = _advance(project, staff, "contacted", "negotiating", "intent")
        _terms(project, staff, cooperation_mode="transfer", technical_scope="肝纤维化超声智能分期软件全部源代码、模型权重及软件著作权", exclusive=True,
               territory="全球", field_of_use="医学影像辅助诊断", payment_method="milestones", price="480",
               payment_schedule="合同生效后支付 40%\n软件部署验收合格后支付 40%\n取得注册证后支付 20%",
               acceptance_criteria="在需求方 3 家合作医院部署，分期准确率不低于 85%。", ip_warranty=True, confidentiality=True, dispute_resolution="litigation")  # fmt: skip
        agreement = _sign(_agreement(project, staff, "transfer"), staff, today - dt.timedelta(days=200))
        _implementation(agreement, staff, enterprise2, start=agreement.signed_on, done=3, convert=True)

    # H. in docking (achievements demo) → agreement signed; implementation in progress, not yet registered
    h = achievements["生物型人工肝支持系统"]
    if h is not None:
        demand = demands.get("人工肝支持系统产业化合作")
        project = _project(
            h,
            enterprise2,
            staff,
            source="inquiry",
            demand_id=demand.pk if demand else None,
            message="希望就生物型人工肝联合开发与作价入股进行洽谈。",
        )
        project = _advance(project, staff, "contacted", "negotiating", "intent")
        _terms(project, staff, cooperation_mode="joint_development", technical_scope="生物型人工肝反应器的注册检验、临床试验与产业化", exclusive=False,
               field_of_use="肝衰竭体外支持治疗", payment_method="milestones", price="1800",
               payment_schedule="合同生效后支付研发经费 30%\n完成注册检验后支付 40%\n完成临床试验后支付 30%",
               acceptance_criteria="完成型式检验和注册检验；多中心临床试验达到主要终点。", ip_warranty=True, confidentiality=True, dispute_resolution="arbitration")  # fmt: skip
        agreement = _agreement(project, staff, "joint_development", fix={
            "ip_ownership": "合作开发完成的技术成果专利权归双方共有，乙方享有独占实施权，甲方按销售额 2% 提成。"})  # fmt: skip
        agreement = _sign(agreement, staff, today - dt.timedelta(days=45))
        _implementation(
            agreement,
            staff,
            enterprise2,
            start=agreement.signed_on - dt.timedelta(days=20),
            done=1,
            convert=False,
        )

    # C. agreement in review with an open risk point (no IP warranty, no acceptance criteria)
    c = achievements["慢性乙肝肝纤维化无创诊断血清标志物组合试剂盒"]
    if c is not None:
        demand = demands.get("寻求慢性乙肝肝纤维化无创诊断试剂")
        project = _project(
            c,
            enterprise,
            staff,
            source="match",
            demand_id=demand.pk if demand else None,
            message="试剂盒性能满足我司要求，希望洽谈许可。",
        )
        project = _advance(project, staff, "contacted", "negotiating", "intent")
        _terms(project, staff, cooperation_mode="license", technical_scope="血清标志物组合配方、检测方法及判读算法", exclusive=True, territory="",
               field_of_use="体外诊断", term_years=8, payment_method="milestones", price="420",
               payment_schedule="合同生效后支付 50%\n注册证取得后支付 50%", acceptance_criteria="", ip_warranty=False, confidentiality=True,
               dispute_resolution="arbitration")  # fmt: skip
        agreement = _agreement(project, staff, "license")
        if agreement.state == Agreement.State.DRAFT:
            agreement_services.agreement_transition(
                agreement_id=agreement.pk, actor=staff, action="submit_review"
            )

    # B. negotiating, with pricing support
    b = achievements["肝性脑病中药保留灌肠方案"]
    if b is not None:
        project = _project(b, enterprise2, staff, source="staff", message="平台推荐：肝病专科连锁拟引进。")
        project = _advance(project, staff, "contacted", "negotiating")
        if not project.terms.exists():
            docking_services.negotiation_add(
                project_id=project.pk,
                actor=staff,
                summary="介绍方案临床数据，需求方关注规范化培训和推广成本。",
            )
            docking_services.terms_propose(project_id=project.pk, actor=staff, technical_scope="灌肠方处方、操作规范及培训课程", cooperation_mode="license",
                                           payment_method="royalty", royalty_rate="5", term_years=5, price="120", proposed_by="supply")  # fmt: skip
            docking_services.valuation_update(project_id=project.pk, actor=staff, rd_cost=Decimal("95"), replacement_factor=Decimal("1.2"),
                                              obsolescence_rate=Decimal("20"), comparable_prices="", market_adjustment=Decimal("0.8"),
                                              annual_revenue="300, 450, 600, 600, 600", share_rate=Decimal("5"), discount_rate=Decimal("10"),
                                              risk_factor=Decimal("15"))  # fmt: skip

    # E. a fresh inquiry from the library; F. a project closed on price
    e = achievements["慢性乙肝无创诊断微小核糖核酸检测试剂盒"]
    if e is not None and not DockingProject.objects.filter(achievement=e, enterprise=enterprise).exists():
        docking_services.inquiry_create(
            achievement_id=e.pk,
            actor=enterprise,
            message="贵方软件能否与我司的中医馆信息系统对接？许可费用大约多少？",
        )
    f = achievements["肝硬化中西医结合分层诊疗方案（第2代）"]
    if f is not None and not DockingProject.objects.filter(achievement=f, enterprise=enterprise2).exists():
        project = _project(f, enterprise2, staff, source="staff", message="平台推荐")
        project = _advance(project, staff, "contacted")
        docking_services.project_transition(
            project_id=project.pk,
            actor=staff,
            action="close",
            reason="双方报价差距较大，需求方暂缓引进。",
            close_reason="price",
        )

    # a challenge-call application
    call = demands.get("揭榜挂帅：代谢相关脂肪性肝病中药新药候选物")
    holder2 = users.get("holder2")
    if (
        call is not None
        and holder2 is not None
        and not ChallengeApplication.objects.filter(demand=call, applicant=holder2).exists()
    ):
        offered = (
            Achievement.objects.filter(holder=holder2, state__in=Achievement.PUBLIC_STATES)
            .order_by("id")
            .first()
        )
        demand_services.challenge_apply(
            demand_id=call.pk, actor=holder2, achievement_id=offered.pk if offered else None,
            proposal="以丹栀逍遥散改良方为基础，已完成高脂饮食小鼠模型药效学研究，肝脏脂肪含量下降 38%，拟联合开发中药新药。",
            team_summary="河北省中医药科学院处方研究团队，承担省部级课题 6 项。",
        )  # fmt: skip

    _event(users, staff, achievements)
    index_rebuild_all()
    suggestions_refresh_all()
    if stdout is not None:
        stdout.write(
            f"matching: {Demand.objects.count()} demands, {DockingProject.objects.count()} docking projects, "
            f"{Agreement.objects.count()} agreements"
        )
