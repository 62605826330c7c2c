"""Demo data of service quality: surveys with answers over four quarters, complaints in every state,
conformity audits, improvement actions, a finished 2025 platform evaluation (Table A.1, report archived),
a service-star evaluation, and the indicator snapshots of the last four quarters.

Driven through the services; timestamps of this app's own records (and of their log rows) are backdated,
demo data only, so that the quarters have values. Idempotent: each record is found by a natural key.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from platform_core import workdays
from platform_core.accounts.models import User
from platform_core.workflow.models import TransitionLog

from . import periods
from .models import (
    Complaint,
    ConformityAudit,
    EvaluationTrigger,
    ImprovementAction,
    PlatformEvaluation,
    ServiceStarEvaluation,
    SurveyCampaign,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from .services import audits as audit_svc
from .services import complaints as complaint_svc
from .services import improvements as action_svc
from .services import platform_evaluation as pe_svc
from .services import service_star as star_svc
from .services import surveys as survey_svc
from .services.cases import cases_refresh
from .services.snapshots import snapshots_compute
from .workflow import ACTION_WORKFLOW, AUDIT_WORKFLOW, COMPLAINT_WORKFLOW, PLATFORM_EVALUATION_WORKFLOW

WORKFLOWS = (COMPLAINT_WORKFLOW, ACTION_WORKFLOW, AUDIT_WORKFLOW, PLATFORM_EVALUATION_WORKFLOW)


@contextmanager
def _quiet():
    """No notification storm while the demo history is replayed."""
    saved = [w.notify for w in WORKFLOWS]
    for w in WORKFLOWS:
        w.notify = None
    try:
        yield
    finally:
        for w, notify in zip(WORKFLOWS, saved, strict=True):
            w.notify = notify


def _user(name: str) -> User | None:
    return User.objects.filter(username=name).first()


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _backdate_logs(obj, moments: list[dt.datetime]) -> None:
    """Give the record's log rows (oldest first) the given times and recompute their working days."""
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    logs = list(TransitionLog.objects.filter(content_type=ct, object_id=obj.pk).order_by("created_at", "id"))
    previous = None
    for log, moment in zip(logs, moments, strict=False):
        log.created_at = moment
        log.working_days = (
            workdays.working_days_between(workdays.local_date(previous), workdays.local_date(moment))
            if previous
            else None
        )
        previous = moment
    TransitionLog.objects.bulk_update(logs, ["created_at", "working_days"])


def _quarters() -> list[periods.Period]:
    return periods.last_n("quarter", 4)


# --- surveys ---------------------------------------------------------------------------------------------

RESPONSES = [
    # (rating base, overall choice index, comment)
    (5, 0, "服务专员答复及时，成果评估报告很专业。"),
    (4, 1, "对接会安排合理，希望增加线上对接场次。"),
    (4, 1, ""),
    (3, 2, "形式审查退回理由较简略，希望逐项说明。"),
    (5, 0, "知识产权检索服务很有帮助。"),
]


def _answer(campaign: SurveyCampaign, day: dt.date, shift: int, mood: int = 0) -> None:
    template = campaign.template
    invitations = list(campaign.invitations.filter(responded_at__isnull=True).order_by("pk"))
    for i, invitation in enumerate(invitations[: len(RESPONSES)]):
        base, overall, comment = RESPONSES[(i + shift) % len(RESPONSES)]
        answers = {}
        for j, question in enumerate(template.questions.all()):
            if question.kind == SurveyQuestion.Kind.RATING:
                answers[question.pk] = max(1, min(5, base + mood - (1 if (j + i + shift) % 4 == 0 else 0)))
            elif question.kind == SurveyQuestion.Kind.CHOICE and question.required:
                answers[question.pk] = overall
            elif question.kind == SurveyQuestion.Kind.CHOICE:
                answers[question.pk] = i % len(question.options)
            elif comment:
                answers[question.pk] = comment
        response = survey_svc.response_submit(token=invitation.token, answers=answers)
        moment = min(_at(day + dt.timedelta(days=i), 9 + i), timezone.now())
        SurveyResponse.objects.filter(pk=response.pk).update(submitted_at=moment)
        SurveyInvitation.objects.filter(pk=invitation.pk).update(responded_at=moment)


MOODS = [-1, 0, 1, 0]  # how the four quarters' respondents felt, oldest first


def _surveys(staff: User) -> None:
    # on the first day of each of the last four quarters, the survey about the quarter before; answered in it
    for shift, quarter in enumerate(_quarters()):
        survey_period = quarter.previous()
        if SurveyCampaign.objects.filter(kind="quarterly", period_start=survey_period.start).exists():
            continue
        campaign = survey_svc.campaign_scheduled(kind="quarterly", today=quarter.start)
        SurveyCampaign.objects.filter(pk=campaign.pk).update(sent_at=_at(quarter.start, 9))
        SurveyInvitation.objects.filter(campaign=campaign).update(
            sent_at=_at(quarter.start, 9), expires_at=_at(quarter.start + dt.timedelta(days=365))
        )
        _answer(campaign, quarter.start + dt.timedelta(days=3), shift, MOODS[shift])
        if quarter.is_closed():
            survey_svc.campaign_close(campaign_id=campaign.pk)
    # an ad-hoc survey this quarter, partly answered, still open
    current = _quarters()[-1]
    if not SurveyCampaign.objects.filter(kind="ad_hoc", title="技术对接服务专项满意度调查").exists():
        campaign = survey_svc.campaign_create(
            actor=staff, title="技术对接服务专项满意度调查", audience=["enterprise", "holder"], valid_days=30
        )
        survey_svc.campaign_send(campaign_id=campaign.pk, actor=staff)
        today = timezone.localdate()
        _answer(campaign, max(current.start, today - dt.timedelta(days=6)), 1)
        SurveyResponse.objects.filter(invitation__campaign=campaign, submitted_at__gt=timezone.now()).update(
            submitted_at=timezone.now()
        )


# --- complaints --------------------------------------------------------------------------------------------

COMPLAINTS = [
    # subject, complainant username (None: by phone), service, final state, quarter index, description
    (
        "形式审查退回理由不清楚",
        "holder",
        "formal_review",
        "closed",
        0,
        "退回补充完善时只写了“材料不全”，没有说明缺哪些材料。",
    ),
    ("咨询答复超过一周", "enterprise", "consultation", "closed", 1, "在线咨询政策问题，一周后才收到答复。"),
    (
        "专利检索报告交付延迟",
        "holder2",
        "ip_request",
        "resolved",
        2,
        "约定五个工作日交付的检索报告延迟了两周。",
    ),
    ("对接会信息发布过晚", None, "docking", "investigating", 3, "对接会通知在会前两天才发布，来不及准备。"),
    ("评估报告技术参数有误", "holder", "formal_review", "reopened", 3, "评估报告中的半衰期单位写错。"),
    (
        "孵化场地预约无人确认",
        "enterprise2",
        "consulting",
        "acknowledged",
        3,
        "提交场地预约后三天没有人确认。",
    ),
    ("平台登录后页面加载慢", "investor", "", "submitted", 3, "成果库页面加载需要十几秒。"),
]
STEPS = {
    "submitted": [],
    "acknowledged": ["acknowledge"],
    "investigating": ["acknowledge", "investigate"],
    "resolved": ["acknowledge", "investigate", "resolve"],
    "reopened": ["acknowledge", "investigate", "resolve", "reopen"],
    "closed": ["acknowledge", "investigate", "resolve", "confirm"],
}


def _complaints(staff: User) -> list[Complaint]:
    made = []
    quarters = _quarters()
    for subject, username, service, state, q_index, description in COMPLAINTS:
        existing = Complaint.objects.filter(subject=subject).first()
        if existing:
            made.append(existing)
            continue
        user = _user(username) if username else None
        complaint = complaint_svc.complaint_file(
            actor=user,
            name=str(user) if user else "周女士",
            phone="" if user else "0311-86000000",
            email="" if user else "zhou@demo.example.com",
            subject=subject,
            description=description,
            service_type=service,
            source=Complaint.Source.WEB if user else Complaint.Source.PHONE,
        )
        for step in STEPS[state]:
            if step == "resolve":
                complaint_svc.complaint_record_investigation(
                    complaint_id=complaint.pk,
                    actor=staff,
                    investigation="核实情况属实，已与相关服务专员沟通。",
                )
            actor = (user or staff) if step in ("confirm", "reopen") else staff
            reason = {"resolve": "已向投诉人说明情况并整改。", "reopen": "问题仍未解决。"}.get(step, "")
            complaint_svc.complaint_act(complaint_id=complaint.pk, action=step, actor=actor, reason=reason)
        # backdate: received in its quarter; one step every few days (the current quarter: this month)
        quarter = quarters[q_index]
        start = (
            quarter.start + dt.timedelta(days=10)
            if q_index < 3
            else timezone.localdate() - dt.timedelta(days=12)
        )
        gaps = [0, 1, 3, 8, 10, 12][: len(STEPS[state]) + 1]
        moments = [_at(start + dt.timedelta(days=g), 9 + i) for i, g in enumerate(gaps)]
        moments = [min(m, timezone.now()) for m in moments]
        _backdate_logs(complaint, moments)
        received = start
        Complaint.objects.filter(pk=complaint.pk).update(
            created_at=moments[0],
            received_on=received,
            acknowledge_due=workdays.add_working_days(received, complaint_svc.ACKNOWLEDGE_DAYS),
            resolve_due=workdays.add_working_days(received, complaint_svc.RESOLVE_DAYS),
            acknowledged_at=moments[1] if len(moments) > 1 else None,
            closed_at=moments[-1] if state == "closed" else None,
            confirmed_at=moments[-1] if state == "closed" else None,
        )
        made.append(complaint)
    return made


# --- audits ------------------------------------------------------------------------------------------------


def _audits(staff: User) -> None:
    quarters = _quarters()
    # one audit per quarter, completed near its end; a fifth one this quarter is still in progress
    for index, quarter in enumerate([*quarters, quarters[-1]]):
        title = f"{quarter.label}服务规范性审核" + ("（补充抽查）" if index == len(quarters) else "")
        if ConformityAudit.objects.filter(title=title).exists():
            continue
        service = "formal_review"
        start, end = quarter.start - dt.timedelta(days=180), min(quarter.last_day, timezone.localdate())
        audit = audit_svc.audit_create(
            actor=staff,
            title=title,
            service_type=service,
            sample_from=start,
            sample_to=end,
            sample_size=5,
            auditor=staff,
        )
        try:
            items = audit_svc.audit_sample(audit_id=audit.pk, actor=staff)
        except Exception:  # noqa: BLE001 - no completed case to sample in that window: try complaints
            audit.service_type = "complaint"
            audit.sample_from = start - dt.timedelta(days=365)
            audit.save(update_fields=["service_type", "sample_from"])
            try:
                items = audit_svc.audit_sample(audit_id=audit.pk, actor=staff)
            except Exception:  # noqa: BLE001 - nothing to audit at all in this database
                audit.delete()
                continue
        audit_svc.audit_act(audit_id=audit.pk, action="start", actor=staff)
        from .checklists import checklist_for

        codes = [c for c, _t in checklist_for(audit.service_type)]
        for i, item in enumerate(items):
            if index == len(quarters) and i >= 2:
                break  # the rest of the extra audit's sample is still to be checked
            failing = (i + index) % 5 == 0
            answers = dict.fromkeys(codes, True)
            if failing:
                answers[codes[0]] = False
            audit_svc.audit_item_check(
                item_id=item.pk,
                actor=staff,
                answers=answers,
                finding="退回补充完善时未逐项列明理由。" if failing else "",
            )
        if index == len(quarters):
            continue  # the extra audit of this quarter is still in progress
        audit = audit_svc.audit_act(
            audit_id=audit.pk, action="complete", actor=staff, summary="抽查记录总体规范。"
        )
        done = min(_at(quarter.last_day - dt.timedelta(days=5), 16), timezone.now() - dt.timedelta(hours=2))
        ConformityAudit.objects.filter(pk=audit.pk).update(completed_at=done)
        _backdate_logs(audit, [done - dt.timedelta(days=10), done - dt.timedelta(days=9), done])
        failing_item = audit.items.filter(conforming=False).first()
        if failing_item and not failing_item.actions.exists():
            audit_svc.audit_item_open_action(
                item_id=failing_item.pk,
                actor=staff,
                title="形式审查退回理由逐项列明",
                measures="修订形式审查操作手册，退回意见模板增加逐项理由；组织服务专员培训。",
                owner=staff,
                deadline_days=15,
            )


# --- platform evaluation 2025 --------------------------------------------------------------------------------


def _score(sheet, deductions: dict[str, Decimal], bonus: dict[str, Decimal]) -> None:
    from evaluation.scorecards import scorecard_sheet_save, scorecard_sheet_submit

    criteria = list(sheet.evaluation.template.criteria.all())
    parents = {c.parent_id for c in criteria if c.parent_id}
    scores = {}
    for c in criteria:
        if c.pk in parents:
            continue
        points = (
            bonus.get(c.code, Decimal("0"))
            if c.is_bonus
            else c.max_points - deductions.get(c.code, Decimal("0"))
        )
        scores[c.pk] = {"points": str(points), "comment": ""}
    sheet = scorecard_sheet_save(sheet_id=sheet.pk, actor=sheet.member, version=sheet.version, scores=scores)
    scorecard_sheet_submit(sheet_id=sheet.pk, actor=sheet.member)


def _platform_evaluation(staff: User) -> None:
    if PlatformEvaluation.objects.filter(year=2025, reason="annual").exists():
        return
    members = [_user("evaluator"), _user("evaluator2"), _user("staff2")]
    if None in members:
        return
    evaluation = pe_svc.platform_evaluation_create(
        actor=staff,
        title="2025 年度成果转化协作平台评价",
        year=2025,
        mode=PlatformEvaluation.Mode.AUTHORITY,
        purpose="依据《质量基础设施“一站式”服务规范 平台评价与改进》开展年度评价，作为管理改进的输入。",
        site_visit_on=dt.date(2025, 12, 16),
    )
    roles = [
        ("北京中医药大学", "教授", "management", True, False, "组长，负责总体评价和报告审定"),
        ("上海中医药大学附属曙光医院", "主任医师", "technical", False, False, "负责运营管理部分评价"),
        ("河北省质量信息协会", "高级工程师", "practitioner", False, True, "负责基础建设和协同成效部分评价"),
    ]
    for user, (org, title, expertise, leader, hands_on, duties) in zip(members, roles, strict=True):
        pe_svc.panel_member_add(
            evaluation_id=evaluation.pk,
            actor=staff,
            user=user,
            organization=org,
            professional_title=title,
            expertise=expertise,
            is_leader=leader,
            duties=duties,
            intermediate_title=True,
            management_knowledge=True,
            trained=True,
            impartial=True,
            hands_on_experience=hands_on,
        )
    evaluation = pe_svc.evaluation_start_scoring(evaluation_id=evaluation.pk, actor=staff)
    d = Decimal
    # no accreditation, no own calibration service, no accreditation-type conformity assessment, thin promotion:
    # 86 + 2, 87 + 4 and 86 + 2 → a panel mean of 89.00, 合格
    plans = [
        (
            {
                "A2.1": d(2),
                "B1.2": d(4),
                "B3.2": d(2),
                "B5.2": d(1),
                "B5.3": d(1),
                "C2.3": d(1),
                "C5.2": d(2),
                "C6.1": d(1),
            },
            {"D1.1": d(2)},
        ),
        (
            {"A2.1": d(2), "B1.2": d(4), "B3.2": d(2), "B4.2": d(2), "C5.2": d(2), "C6.2": d(1)},
            {"D1.1": d(2), "D1.2": d(2)},
        ),
        (
            {
                "A2.1": d(2),
                "B1.2": d(4),
                "B3.2": d(2),
                "B5.2": d(1),
                "C3.1": d(1),
                "C5.2": d(2),
                "C6.1": d(2),
            },
            {"D1.1": d(2)},
        ),
    ]
    for sheet, (deductions, bonus) in zip(
        evaluation.scorecard.sheets.select_related("evaluation__template", "member").order_by("pk"),
        plans,
        strict=False,
    ):
        _score(sheet, deductions, bonus)
    pe_svc.evaluation_finish_scoring(evaluation_id=evaluation.pk, actor=staff)
    pe_svc.evaluation_write_conclusions(
        evaluation_id=evaluation.pk,
        actor=staff,
        overall_situation=(
            "平台组织机构健全，制度体系覆盖成果提交、评估、对接、孵化、知识产权和投诉处理全流程；线上平台运行稳定，"
            "服务流程全程留痕，工作日时限清晰；年度内完成成果评估和技术对接多项，用户满意度保持在满意以上。"
        ),
        problems=(
            "1. 尚未取得国家级或全行业权威资质认可；\n2. 计量检定、校准服务依托合作机构，平台自身不能提供；\n"
            "3. 认可类合格评定服务未开展；\n4. 特色案例的推广和示范效果有待加强。"
        ),
    )
    for text, days in (
        ("与具备资质的计量技术机构签订合作协议，打通检定、校准服务的线上受理入口。", 60),
        ("总结慢性肝病中医药成果转化典型案例，形成案例集并开展宣传推广。", 40),
        ("完善形式审查退回意见模板，逐项列明补充完善理由。", 20),
    ):
        pe_svc.suggestion_add(evaluation_id=evaluation.pk, actor=staff, text=text, deadline_days=days)
    with transaction.atomic():
        pe_svc.evaluation_issue_report(evaluation_id=evaluation.pk, actor=staff, owner=staff)
    # a failed rendering is recorded on the report (it can be retried from its page), never raised
    pe_svc.evaluation_render_and_archive(evaluation_id=evaluation.pk, actor=staff)
    if not EvaluationTrigger.objects.exists():
        pe_svc.trigger_record(
            actor=staff,
            kind=EvaluationTrigger.Kind.SOFTWARE_UPGRADE,
            occurred_on=timezone.localdate() - dt.timedelta(days=20),
            description="成果库检索引擎升级为全文检索，智能匹配算法更新。",
        )


def _service_star(staff: User) -> None:
    title = "“一站式”成果评估服务提速行动"
    if ServiceStarEvaluation.objects.filter(title=title).exists():
        return
    evaluators = [_user("evaluator3"), _user("evaluator")]
    if None in evaluators:
        return
    star = star_svc.service_star_create(
        actor=staff,
        title=title,
        subject_name="成果评估服务团队",
        subject_kind=ServiceStarEvaluation.SubjectKind.TEAM,
        organization="河北省质量信息协会",
        party=ServiceStarEvaluation.Party.FIRST,
        evaluating_body="平台质量管理办公室",
        quality_literacy=True,
        service_innovation=True,
        service_performance=True,
        user_satisfaction=True,
        conditions_note="团队近一年无投诉不满意记录；用户满意度 86 分。",
        summary="通过材料清单预审和评估报告模板化，将形式审查平均响应时间由 4.2 个工作日缩短到 1.8 个工作日。",
    )
    star = star_svc.service_star_start_scoring(star_id=star.pk, actor=staff, members=evaluators)
    for sheet, minus in zip(
        star.scorecard.sheets.select_related("evaluation__template", "member"), (2, 4), strict=False
    ):
        _score(sheet, {"S2.2": Decimal(minus), "S3.3": Decimal(2)}, {})
    star_svc.service_star_close(star_id=star.pk, actor=staff)


def _actions(staff: User, complaints: list[Complaint]) -> None:
    if not ImprovementAction.objects.filter(source="complaint").exists() and complaints:
        action = complaint_svc.complaint_open_action(
            complaint_id=complaints[0].pk,
            actor=staff,
            title="在线咨询 3 个工作日内答复",
            problem="在线咨询答复超过一周，用户投诉。",
            measures="设立咨询值班表；超过 2 个工作日未答复自动提醒。",
            owner=_user("staff2") or staff,
            deadline_days=10,
        )
        action_svc.action_act(action_id=action.pk, action="start", actor=staff)
        action_svc.action_act(
            action_id=action.pk, action="complete", actor=staff, reason="值班表已执行两个月。"
        )
        action_svc.action_verify(
            action_id=action.pk, actor=staff, note="抽查 20 条咨询，均在 3 个工作日内答复。"
        )
    if not ImprovementAction.objects.filter(title="成果库检索页面性能优化").exists():
        action = action_svc.action_create(
            actor=staff,
            title="成果库检索页面性能优化",
            source=ImprovementAction.Source.OTHER,
            problem="用户反映成果库页面加载缓慢。",
            measures="增加检索缓存，优化分面统计。",
            owner=staff,
            deadline_days=5,
        )
        overdue = timezone.localdate() - dt.timedelta(days=15)
        ImprovementAction.objects.filter(pk=action.pk).update(
            start_date=overdue - dt.timedelta(days=7), due_date=overdue
        )
        action_svc.action_act(action_id=action.pk, action="start", actor=staff)


def _snapshots() -> None:
    cases_refresh(full=True)
    for quarter in _quarters():
        snapshots_compute(period=quarter, refresh_cases=False)
        if quarter.is_closed():
            action_svc.actions_from_snapshots(period=quarter)
    for period in periods.current_periods():
        snapshots_compute(period=period, refresh_cases=False)
    for month in periods.last_n("month", 12):
        snapshots_compute(period=month, refresh_cases=False)
    for half in periods.last_n("half_year", 2):
        snapshots_compute(period=half, refresh_cases=False)


def seed(stdout=None) -> None:
    staff = _user("staff")
    if staff is None:
        return
    with _quiet():
        _surveys(staff)
        complaints = _complaints(staff)
        cases_refresh(full=True)
        _audits(staff)
        _platform_evaluation(staff)
        _service_star(staff)
        _actions(staff, complaints)
    _snapshots()
    if stdout is not None:
        stdout.write(
            "quality_metrics: "
            f"{SurveyCampaign.objects.count()} survey campaigns, {SurveyResponse.objects.count()} responses, "
            f"{Complaint.objects.count()} complaints, {ConformityAudit.objects.count()} audits, "
            f"{ImprovementAction.objects.count()} improvement actions, "
            f"{PlatformEvaluation.objects.count()} platform evaluations"
        )
