"""Demo data of the incubation app, created through the services (idempotent: natural keys, created once).

Facilities with bookings this week and next, a cohort, mentors, fund programmes, banks and investors,
courses, resources, and five projects across the workflow (application, admission review, incubation
with financing, graduated into the market, exited), with fund applications and consulting requests.
Log timestamps are backdated (demo only) so the clocks show real numbers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from platform_core.accounts.models import Organization, User
from platform_core.workflow.models import TransitionLog

from . import services
from .models import (
    Booking,
    Cohort,
    ConsultingRequest,
    Course,
    Facility,
    FinancingContact,
    FundApplication,
    FundProgramme,
    IncubationProject,
    Mentor,
    ResourceLink,
)

FACILITIES = [
    (
        "标准化分子生物学实验室",
        Facility.Kind.LAB,
        "孵化大楼 3 层 301",
        4,
        True,
        8,
        "进入实验室须完成安全培训；生物样本须登记。",
    ),
    (
        "中药制剂中试车间",
        Facility.Kind.PILOT_WORKSHOP,
        "中试基地 A 栋",
        1,
        True,
        10,
        "GMP 洁净区，须提前 2 个工作日预约并提交工艺说明。",
    ),
    (
        "共享办公区工位",
        Facility.Kind.OFFICE,
        "孵化大楼 5 层",
        12,
        False,
        None,
        "工位按日预约，18:00 后请清空桌面。",
    ),
    (
        "高效液相色谱仪（HPLC）",
        Facility.Kind.INSTRUMENT,
        "公共仪器平台 102",
        2,
        True,
        4,
        "须由平台技术员培训后上机；自备色谱柱。",
    ),
    (
        "瞬时弹性成像检测仪",
        Facility.Kind.INSTRUMENT,
        "临床研究中心",
        1,
        True,
        4,
        "仅限临床研究项目使用，须有伦理批件。",
    ),
]

MENTORS = [
    ("钱立新", Mentor.Kind.INVESTMENT, "京津冀健康产业投资基金", "合伙人", "医疗健康早期投资、融资路演"),
    (
        "孙慧",
        Mentor.Kind.MANAGEMENT,
        "石家庄以岭药业股份有限公司",
        "副总经理",
        "中药企业研发管理、质量管理体系",
    ),
    ("周明", Mentor.Kind.MARKETING, "华肝生物医药科技有限公司", "市场总监", "肝病诊断产品市场推广、渠道建设"),
    ("吴建国", Mentor.Kind.TECHNICAL, "河北省中医药科学院", "研究员", "中药新药研发、中试放大工艺"),
    ("郑律", Mentor.Kind.LEGAL, "某知识产权律师事务所", "合伙人律师", "医药专利布局、技术许可合同"),
]

CONTACTS = [
    (
        "中国银行石家庄科技支行",
        FinancingContact.Kind.BANK,
        "科技型中小企业信用贷款、知识产权质押贷款",
        "李经理",
    ),
    ("京津冀健康产业投资基金", FinancingContact.Kind.VC, "慢性肝病诊疗、中药创新药，A 轮前后", "钱立新"),
    (
        "河北省科技成果转化引导基金",
        FinancingContact.Kind.GOVERNMENT_FUND,
        "省内科技成果转化项目，阶段参股",
        "王处长",
    ),
    ("肝健康天使投资联盟", FinancingContact.Kind.ANGEL, "种子轮、天使轮，单笔 50–300 万元", "赵先生"),
]

RESOURCES = [
    (
        "中药材规范化种植基地（安国）",
        ResourceLink.Kind.SUPPLY_CHAIN,
        "安国数字中药都",
        "https://example.com/anguo",
        None,
    ),
    (
        "第十届中国国际肝病大会",
        ResourceLink.Kind.EXHIBITION,
        "中华医学会肝病学分会",
        "https://example.com/liver-expo",
        60,
    ),
    (
        "京津冀医药健康产业创新论坛",
        ResourceLink.Kind.FORUM,
        "河北省质量信息协会",
        "https://example.com/forum",
        30,
    ),
    ("医疗器械 CDMO 合作伙伴", ResourceLink.Kind.SUPPLY_CHAIN, "某医疗器械委托生产企业", "", None),
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _achievement(holder: User | None, *names: str):
    if holder is None:
        return None
    try:
        from achievements.models import Achievement
    except ImportError:
        return None
    for name in names:
        found = Achievement.objects.filter(holder=holder, name=name).first()
        if found is not None:
            return found
    return Achievement.objects.filter(holder=holder).order_by("id").first()


def _backdate(obj, days: int) -> None:
    """Shift the record's log back by ``days`` calendar days (demo only: realistic clocks)."""
    from django.contrib.contenttypes.models import ContentType

    from platform_core import workdays

    ct = ContentType.objects.get_for_model(obj)
    logs = list(TransitionLog.objects.filter(content_type=ct, object_id=obj.pk).order_by("created_at", "id"))
    previous = None
    for index, log in enumerate(logs):
        log.created_at = log.created_at - dt.timedelta(days=max(days - index * 2, 0))
        day = workdays.local_date(log.created_at)
        log.working_days = workdays.working_days_between(previous, day) if previous else None
        log.save(update_fields=["created_at", "working_days"])
        previous = day


def _reference(staff: User) -> dict:
    out: dict = {}
    for name, kind, location, capacity, approval, max_hours, rules in FACILITIES:
        out[name], _ = Facility.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "location": location,
                "capacity": capacity,
                "requires_approval": approval,
                "max_hours": max_hours,
                "rules": rules,
                "manager": staff,
            },
        )
    for name, kind, org, title, expertise in MENTORS:
        Mentor.objects.get_or_create(
            name=name, organization_name=org, defaults={"kind": kind, "title": title, "expertise": expertise}
        )
    for name, kind, focus, person in CONTACTS:
        FinancingContact.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "focus": focus,
                "contact_person": person,
                "organization": Organization.objects.filter(name=name).first(),
            },
        )
    today = timezone.localdate()
    for title, kind, org, url, days in RESOURCES:
        ResourceLink.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "organization_name": org,
                "url": url,
                "event_date": today + dt.timedelta(days=days) if days else None,
            },
        )
    FundProgramme.objects.get_or_create(
        name="慢性肝病成果转化种子基金（2025）",
        defaults={
            "kind": FundProgramme.Kind.SEED,
            "total_budget": Decimal("500"),
            "max_award": Decimal("50"),
            "opens_on": today - dt.timedelta(days=120),
            "eligibility": "在孵项目；拥有自主知识产权；团队核心成员全职投入。",
            "description": "为处于转化初期的项目提供种子资金（5.4.1.2 a）。",
        },
    )
    FundProgramme.objects.get_or_create(
        name="中医药创新天使投资计划",
        defaults={
            "kind": FundProgramme.Kind.ANGEL,
            "total_budget": Decimal("2000"),
            "max_award": Decimal("300"),
            "opens_on": today - dt.timedelta(days=60),
            "eligibility": "已完成中试或取得注册证的孵化项目。",
        },
    )
    out["cohort"], _ = Cohort.objects.get_or_create(
        name=f"{today.year} 年第一期",
        defaults={"year": today.year, "starts_on": today.replace(month=1, day=1)},
    )
    for title, topic, days, instructor in [
        ("商业计划书撰写与路演训练营", Course.Topic.BUSINESS_MODEL, 10, "钱立新"),
        ("医药产品市场推广策略", Course.Topic.MARKETING, 24, "周明"),
        ("初创企业财务管理与融资", Course.Topic.FINANCE, -20, "孙慧"),
    ]:
        start = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=days), dt.time(14, 0)))
        Course.objects.get_or_create(
            title=title,
            defaults={
                "topic": topic,
                "starts_at": start,
                "ends_at": start + dt.timedelta(hours=3),
                "instructor": instructor,
                "location": "孵化大楼 2 层报告厅",
                "capacity": 40,
                "description": "面向在孵项目团队（5.4.2.1 b）。",
            },
        )
    return out


def _admit(project: IncubationProject, staff: User, reviewers: list[User], points: list[int]) -> None:
    from evaluation.scorecards import leaves_of, scorecard_sheet_save, scorecard_sheet_submit

    services.project_start_review(project_id=project.pk, actor=staff, reviewer_ids=[r.pk for r in reviewers])
    project.refresh_from_db()
    evaluation = project.admission_evaluation
    leaves = leaves_of(evaluation.template.criteria.all())
    for reviewer in reviewers:
        sheet = evaluation.sheets.get(member=reviewer)
        scores = {c.pk: {"points": min(p, int(c.max_points))} for c, p in zip(leaves, points, strict=False)}
        sheet = scorecard_sheet_save(
            sheet_id=sheet.pk, actor=reviewer, version=sheet.version, scores=scores, comment="建议入孵。"
        )
        scorecard_sheet_submit(sheet_id=sheet.pk, actor=reviewer)
    services.project_close_review(project_id=project.pk, actor=staff)


def _projects(staff: User, ref: dict) -> list[IncubationProject]:
    holder, holder2, enterprise = _user("holder"), _user("holder2"), _user("enterprise")
    evaluator = _user("evaluator")
    reviewers = [u for u in (staff, evaluator) if u is not None]
    specs = [
        # name, applicant, achievement names, target, seeking financing, need
        (
            "扶正化瘀颗粒产业化孵化项目",
            holder,
            ["扶正化瘀抗肝纤维化中药颗粒"],
            "incubation",
            True,
            Decimal("800"),
        ),
        ("生物型人工肝支持系统转化项目", holder, ["生物型人工肝支持系统"], "graduated", False, None),
        (
            "肝纤维化无创诊断试剂盒孵化",
            holder2,
            ["慢性乙肝肝纤维化无创诊断血清标志物组合试剂盒"],
            "acceleration",
            True,
            Decimal("1500"),
        ),
        (
            "中医证候辨识软件创业项目",
            holder2,
            ["慢性肝病中医证候辨识辅助决策软件"],
            "under_review",
            False,
            None,
        ),
        ("脂肪肝健康管理小程序运营", enterprise, [], "submitted", True, Decimal("200")),
        ("肝癌筛查随访平台推广", holder2, ["肝癌高危人群社区筛查随访平台"], "exited", False, None),
    ]
    projects = []
    for name, applicant, achievement_names, target, seeking, need in specs:
        if applicant is None:
            continue
        project = IncubationProject.objects.filter(name=name).first()
        if project is not None:
            projects.append(project)
            continue
        achievement = _achievement(applicant, *achievement_names) if achievement_names else None
        if achievement is not None and achievement.holder_id != applicant.pk:
            achievement = None
        project = services.project_apply(
            applicant=applicant,
            name=name,
            summary=f"{name}：依托平台孵化支持完成中试、注册与市场准入，形成可持续的商业模式。",
            team_description="临床专家、药学研发人员、企业管理与市场人员组成的复合型团队。",
            business_model="产品销售 + 技术服务；与区域龙头企业合作生产。",
            achievement=achievement,
            seeking_financing=seeking,
            financing_need=need,
            team=[
                {
                    "name": applicant.display_name or applicant.username,
                    "role": "项目负责人",
                    "title": applicant.title,
                },
                {"name": "李工", "role": "研发负责人", "title": "高级工程师"},
            ],
        )
        if target == "submitted":
            projects.append(project)
            continue
        if target == "under_review":
            services.project_start_review(
                project_id=project.pk, actor=staff, reviewer_ids=[r.pk for r in reviewers]
            )
            projects.append(project)
            continue
        _admit(project, staff, reviewers, [26, 21, 22, 17])
        services.project_transition(
            project_id=project.pk, action="admit", actor=staff, cohort_id=ref["cohort"].pk
        )
        mentors = list(Mentor.objects.order_by("id").values_list("pk", flat=True)[:2])
        services.project_set_mentors(project_id=project.pk, actor=staff, mentor_ids=mentors)
        if target in ("incubation", "acceleration", "graduated"):
            services.project_transition(project_id=project.pk, action="start_incubation", actor=staff)
        if target in ("acceleration", "graduated"):
            services.project_transition(project_id=project.pk, action="accelerate", actor=staff)
        if target in ("incubation", "acceleration"):
            today = timezone.localdate()
            services.progress_report_submit(
                project_id=project.pk,
                actor=applicant,
                period=f"{today.year} 年第 {(today.month - 1) // 3 + 1} 季度",
                period_end=today,
                progress="完成中试放大三批次，工艺稳定；启动注册检验。",
                revenue=Decimal("35"),
                employees=9,
                problems="中试车间排期紧张，希望协调延长预约时段。",
                next_steps="完成注册申报资料；对接两家经销商。",
            )
        if target == "acceleration":
            services.financing_event_record(
                project_id=project.pk,
                actor=staff,
                round="angel",
                amount=Decimal("600"),
                investor_name="肝健康天使投资联盟",
                occurred_on=timezone.localdate() - dt.timedelta(days=40),
            )
            services.project_record_outcome(
                project_id=project.pk,
                actor=staff,
                outcome="raised_financing",
                note="完成天使轮融资 600 万元（投资协议已归档）。",
            )
        if target == "graduated":
            services.project_record_outcome(
                project_id=project.pk,
                actor=staff,
                outcome="entered_market",
                note="取得医疗器械注册证，已在 3 家医院装机使用。",
            )
            services.project_transition(project_id=project.pk, action="graduate", actor=staff)
        if target == "exited":
            services.project_transition(
                project_id=project.pk, action="exit", actor=staff, reason="团队核心成员变动，项目终止孵化。"
            )
        _backdate(project, 60)
        projects.append(project)
    return projects


def _working_days_ahead(count: int) -> list[dt.date]:
    day, found = timezone.localdate(), []
    while len(found) < count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            found.append(day)
    return found


def _bookings(staff: User, ref: dict, projects: list[IncubationProject]) -> None:
    from platform_core.errors import DomainError

    active = [p for p in projects if p.pk and IncubationProject.objects.get(pk=p.pk).is_active]
    if not active or Booking.objects.exists():
        return
    days = _working_days_ahead(6)
    tz = timezone.get_current_timezone()
    plan = [
        # facility, working day index, from, to, staff decision, purpose, weeks moved back (utilisation history)
        ("中药制剂中试车间", 0, 9, 17, "approve", "第 4 批中试放大", 0),
        ("中药制剂中试车间", 1, 9, 12, None, "工艺验证", 0),
        ("高效液相色谱仪（HPLC）", 0, 14, 17, "approve", "含量测定", 0),
        ("标准化分子生物学实验室", 2, 9, 12, "approve", "细胞实验", 0),
        ("瞬时弹性成像检测仪", 3, 9, 11, None, "临床样本检测", 0),
        ("共享办公区工位", 1, 9, 18, None, "团队驻场办公", 0),
        ("高效液相色谱仪（HPLC）", 4, 9, 12, "approve", "稳定性考察", 0),
        ("中药制剂中试车间", 2, 8, 18, "approve", "第 1 批中试放大", 4),
        ("中药制剂中试车间", 3, 8, 18, "approve", "第 2 批中试放大", 3),
        ("中药制剂中试车间", 4, 8, 18, "approve", "第 3 批中试放大", 6),
        ("标准化分子生物学实验室", 0, 9, 17, "approve", "动物实验样本处理", 5),
        ("高效液相色谱仪（HPLC）", 1, 9, 13, "approve", "方法学验证", 8),
    ]
    for index, (facility_name, day_index, start_h, end_h, decision, purpose, weeks_back) in enumerate(plan):
        facility = ref[facility_name]
        day = days[day_index]
        project = active[index % len(active)]
        try:
            booking = services.booking_create(
                facility_id=facility.pk,
                actor=project.applicant,
                starts_at=dt.datetime.combine(day, dt.time(start_h), tzinfo=tz),
                ends_at=dt.datetime.combine(day, dt.time(end_h), tzinfo=tz),
                purpose=purpose,
                project_id=project.pk,
            )
        except DomainError:
            continue
        if decision and booking.state == "pending":
            services.booking_decide(booking_id=booking.pk, actor=staff, action=decision)
        if weeks_back:
            # Demo only: past use for the utilisation figures (bookings cannot be made in the past).
            shift = dt.timedelta(weeks=weeks_back)
            Booking.objects.filter(pk=booking.pk).update(
                starts_at=booking.starts_at - shift, ends_at=booking.ends_at - shift
            )


def _funding(staff: User, projects: list[IncubationProject]) -> None:
    programme = FundProgramme.objects.filter(kind=FundProgramme.Kind.SEED).first()
    for project in projects:
        project.refresh_from_db()
        if not project.is_active or FundApplication.objects.filter(project=project).exists():
            continue
        application = services.fund_application_submit(
            programme_id=programme.pk,
            project_id=project.pk,
            actor=project.applicant,
            amount_requested=Decimal("50"),
            use_of_funds="中试放大、注册检验与临床评价。",
            milestones="6 个月内完成注册检验；12 个月内提交注册申请。",
        )
        services.fund_application_transition(
            application_id=application.pk, action="start_review", actor=staff
        )
        if project.state == IncubationProject.State.ACCELERATION:
            services.fund_application_approve(
                application_id=application.pk, actor=staff, amount_awarded=Decimal("40")
            )
            services.disbursement_record(
                application_id=application.pk,
                actor=staff,
                amount=Decimal("20"),
                paid_on=timezone.localdate(),
                note="首期拨付",
            )


def _consulting(staff: User, projects: list[IncubationProject]) -> None:
    holder = _user("holder")
    if holder is None or ConsultingRequest.objects.filter(requester=holder).exists():
        return
    first = services.consulting_request_submit(
        actor=holder,
        topic="quality_management",
        subject="如何建立符合 GMP 的质量管理体系",
        description="中试车间即将承接委托生产，需要建立质量管理制度。",
    )
    services.consulting_request_assign(request_id=first.pk, actor=staff, assignee_id=staff.pk)
    services.consulting_request_transition(request_id=first.pk, action="start", actor=staff)
    services.consulting_request_answer(
        request_id=first.pk,
        actor=staff,
        response="建议按 GMP 附录建立文件体系：质量手册、SOP、批记录；先行开展内审。",
    )
    _backdate(first, 10)
    second = services.consulting_request_submit(
        actor=holder, topic="strategy", subject="三年发展规划咨询", description="希望梳理产品线与融资节奏。"
    )
    _backdate(second, 3)


def seed(stdout=None) -> None:
    staff = _user("staff")
    if staff is None:
        return
    ref = _reference(staff)
    projects = _projects(staff, ref)
    _bookings(staff, ref, projects)
    _funding(staff, projects)
    _consulting(staff, projects)
    if stdout is not None:
        stdout.write(
            f"incubation: {IncubationProject.objects.count()} projects, {Facility.objects.count()} facilities, "
            f"{FundApplication.objects.count()} fund applications"
        )
