"""Demo data of the evaluation app.

* Expert profiles for the demo evaluators (evaluator 工程技术/高校, evaluator2 临床/医院, evaluator3 产业投资/投资机构)
  and three more experts so that panels stay balanced when a demo evaluator has a conflict
  (evaluator works at 北京中医药大学 = holder4's organisation; evaluator2 at 曙光医院 = holder3's).
* For every demo achievement whose evaluation is over (passed and later, failed, not evaluated) a finished
  evaluation: panel formed automatically (no conflicts), declarations signed, material audit, score
  sheets submitted, aggregation, conclusion, consolidated SWOT and the report PDF archived.
* For achievements under evaluation: evaluations in progress (one waiting for evaluator's declaration,
  one where evaluator scores), so the evaluator's task list has work.
* A closed Delphi round and two AHP matrices (one consistent, one not) on a draft version of the system.

Idempotent: an achievement that already has an evaluation is left alone. The achievements' own moves
(start/pass/fail evaluation) were made by the achievements demo; here only the evaluation records move.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from achievements.models import Achievement
from platform_core import workdays
from platform_core.accounts.models import Organization, User
from platform_core.accounts.roles import Role
from platform_core.workflow.engine import record_initial, transition
from platform_core.workflow.models import TransitionLog

from .models import (
    DelphiRound,
    Evaluation,
    Expert,
    IndicatorSystem,
    MaterialAudit,
    PanelMember,
    ScoreSheet,
)
from .selectors.indicators import default_system, indicator_tree
from .selectors.panels import trl_scale_for
from .services import evaluations as services
from .services.reports import evaluation_report_render_and_archive
from .services.scoring import score_sheet_save, score_sheet_submit

EXPERTS = [
    # username, display name, organisation, org kind, title, discipline, panel role, sector
    ("evaluator", "陈专家", "北京中医药大学", None, "教授", "中药学、药物研发", "engineering", "university"),
    (
        "evaluator2",
        "周专家",
        "上海中医药大学附属曙光医院",
        None,
        "主任医师",
        "中医肝病学",
        "clinical",
        "hospital",
    ),
    (
        "evaluator3",
        "吴专家",
        "京津冀健康产业投资基金",
        None,
        "投资总监",
        "医疗健康产业投资",
        "industry",
        "investment",
    ),
    (
        "evaluator4",
        "郑主任",
        "河北医科大学第三医院",
        Organization.Kind.HOSPITAL,
        "主任医师",
        "感染性疾病与肝病",
        "clinical",
        "hospital",
    ),
    (
        "evaluator5",
        "冯研究员",
        "中国中医科学院中药研究所",
        Organization.Kind.INSTITUTE,
        "研究员",
        "中药制剂与质量标准",
        "engineering",
        "institute",
    ),
    (
        "evaluator6",
        "韩处长",
        "河北省科学技术厅成果转化处",
        Organization.Kind.GOVERNMENT,
        "处长",
        "科技成果转化管理",
        "industry",
        "government",
    ),
]

FINISHED = {
    Achievement.State.EVALUATION_PASSED,
    Achievement.State.PUBLISHED,
    Achievement.State.IN_DOCKING,
    Achievement.State.AGREEMENT_SIGNED,
    Achievement.State.CONVERTED,
    Achievement.State.RETIRED,
}

SWOT = {
    "strength": ["临床需求明确，受众人群广", "已有临床数据支持疗效", "团队兼具临床与研发经验"],
    "weakness": ["规模化生产工艺尚需验证", "多中心数据样本量有限"],
    "opportunity": ["慢性肝病防治纳入健康中国行动", "京津冀医药产业协同政策支持"],
    "threat": ["同类产品竞争加剧", "注册审批周期存在不确定性"],
}


def _experts() -> dict[str, Expert]:
    from platform_core.accounts.services import role_group
    from platform_core.demo import DEMO_PASSWORD

    out = {}
    for username, display, org_name, kind, title, discipline, role, sector in EXPERTS:
        org = Organization.objects.filter(name=org_name).first()
        if org is None:
            org = Organization.objects.create(name=org_name, kind=kind or Organization.Kind.OTHER)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                display_name=display,
                organization=org,
                title=title,
                email=f"{username}@demo.example.com",
                approval_status=User.Approval.APPROVED,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(role_group(Role.EVALUATOR))
        expert, _ = Expert.objects.update_or_create(
            user=user,
            defaults={
                "organization": user.organization or org,
                "title": title,
                "discipline": discipline,
                "panel_role": role,
                "sector": sector,
                "expertise": discipline.replace("、", ","),
            },
        )
        out[username] = expert
    return out


def _rng(*parts: object) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest(), 16)


def _scores(tree, achievement: Achievement, expert: Expert, level: float) -> dict[int, dict]:
    out = {}
    clinical = next((r.pk for r in tree.roots if r.indicator.code == "clinical"), None)
    for leaf in tree.leaves:
        r = _rng(achievement.pk, expert.pk, leaf.indicator.code) % 5  # 0..4 → −1.0 … +1.0
        value = level + (r - 2) * 0.5
        if (
            _rng(achievement.pk) % 3 == 0
            and expert.panel_role == "industry"
            and leaf.indicator.parent_id == clinical
        ):
            value -= 3.5  # an investor who doubts the clinical value: shows as an outlier in the result
        value = max(0.0, min(10.0, round(value * 2) / 2))
        comment = f"{leaf.indicator.name}：依据申报材料与临床数据综合判断。"
        out[leaf.pk] = {"score": f"{value:.1f}", "comment": comment, "evidence": "临床研究总结报告、查新报告"}
    return out


def _create(achievement: Achievement, staff: User, *, mode: str = "correspondence") -> Evaluation:
    evaluation = Evaluation(
        achievement=achievement,
        indicator_system=default_system(),
        trl_scale=trl_scale_for(achievement),
        mode=mode,
        leader=staff,
        overview=achievement.summary or achievement.name,
        due_date=workdays.add_working_days(timezone.localdate(), 10),
        created_by=staff,
    )
    evaluation.full_clean()
    evaluation.save()
    evaluation.work_group.set([staff])
    record_initial(evaluation, actor=staff)
    from .selectors.panels import conflicts_for

    for username in (
        "evaluator2",
        "evaluator",
        "evaluator3",
    ):  # the demo evaluators first, when free of conflicts
        expert = Expert.objects.filter(user__username=username).first()
        if expert is not None and not conflicts_for(expert, achievement):
            services.panel_member_assign(
                evaluation_id=evaluation.pk, expert_id=expert.pk, actor=staff, enforce_load=False
            )
    services.panel_auto_assign(evaluation_id=evaluation.pk, actor=staff)
    transition(Evaluation, evaluation.pk, action="start", actor=staff)
    return evaluation


def _sign(member: PanelMember) -> None:
    services.declaration_sign(
        member_id=member.pk,
        actor=member.expert.user,
        full_name=str(member.expert.user),
        agreed=True,
        ip_address="10.20.30.40",
        user_agent="demo",
    )


def _audit_complete(evaluation: Evaluation, staff: User) -> None:
    MaterialAudit.objects.create(
        evaluation=evaluation,
        result=MaterialAudit.Result.COMPLETE,
        auditor=staff,
        reasons="材料齐全，数据来源清楚。",
    )
    transition(Evaluation, evaluation.pk, action="start_scoring", actor=staff)


def _score(evaluation: Evaluation, member: PanelMember, level: float, *, submit: bool = True) -> None:
    tree = indicator_tree(evaluation.indicator_system)
    sheet = ScoreSheet.objects.get(panel_member=member)
    achievement = evaluation.achievement
    trl = achievement.trl or 5
    sheet = score_sheet_save(
        sheet_id=sheet.pk,
        actor=member.expert.user,
        version=sheet.version,
        scores=_scores(tree, achievement, member.expert, level),
        swot={q: points[: 1 + _rng(member.pk, q) % len(points)] for q, points in SWOT.items()},
        trl_level=max(1, min(9, trl + (_rng(member.pk, "trl") % 3) - 1)),
        trl_evidence="依据临床研究阶段与工艺成熟情况评定。",
        overall_comment="成果临床价值较明确，建议加强产业化验证。"
        if level >= 6.5
        else "成果尚需补充关键数据。",
        recommend=level >= 6.5,
    )
    if submit:
        score_sheet_submit(sheet_id=sheet.pk, actor=member.expert.user)


def _finish(evaluation: Evaluation, staff: User, *, passed: bool) -> None:
    services.evaluation_transition(evaluation_id=evaluation.pk, action="finish_scoring", actor=staff)
    evaluation.refresh_from_db()
    achievement = evaluation.achievement
    services.evaluation_conclusion_save(
        evaluation_id=evaluation.pk,
        actor=staff,
        recommend_publication=passed,
        conclusion=(
            f"专家组综合得分 {evaluation.panel_score} 分，成果临床需求明确、技术路线可行，建议发布至成果信息库。"
            if passed
            else f"专家组综合得分 {evaluation.panel_score} 分，临床价值与技术成熟度尚未达到发布要求，建议补充研究后再行评估。"
        ),
        transfer_suggestions="建议以许可或联合开发方式转化，优先对接具备 GMP 生产条件的企业，分阶段约定里程碑付款。"
        if passed
        else "暂不建议转化。",
        expert_suggestions="补充多中心临床数据；完善知识产权布局，尽快提交核心专利的国际申请；明确成本结构与定价策略。",
        maturity_conclusion=achievement.maturity or "pilot",
        trl_conclusion=evaluation.trl_conclusion or achievement.trl,
        trl_assessment="专家组依据申报材料、临床研究进展与工艺成熟情况评定。",
    )
    services.swot_consolidated_save(evaluation_id=evaluation.pk, actor=staff, entries=SWOT)
    transition(
        Evaluation,
        evaluation.pk,
        action="pass" if passed else "fail",
        actor=staff,
        reason="" if passed else "综合得分未达到发布要求。",
    )
    Evaluation.objects.filter(pk=evaluation.pk).update(closed_at=timezone.now())


def _backdate(evaluation: Evaluation) -> None:
    """Spread the evaluation's log between the achievement's start and end of evaluation."""
    achievement_ct = ContentType.objects.get_for_model(Achievement)
    ach_logs = TransitionLog.objects.filter(content_type=achievement_ct, object_id=evaluation.achievement_id)
    start = ach_logs.filter(action="start_evaluation").values_list("created_at", flat=True).first()
    end = (
        ach_logs.filter(action__in=("pass_evaluation", "fail_evaluation", "mark_not_evaluated"))
        .values_list("created_at", flat=True)
        .first()
    ) or timezone.now()
    if start is None or end <= start:
        return
    ct = ContentType.objects.get_for_model(Evaluation)
    logs = list(TransitionLog.objects.filter(content_type=ct, object_id=evaluation.pk).order_by("id"))
    previous = None
    for i, log in enumerate(logs):
        moment = start + (end - start) * (i / max(len(logs) - 1, 1))
        log.created_at = moment
        log.working_days = (
            workdays.working_days_between(workdays.local_date(previous), workdays.local_date(moment))
            if previous
            else None
        )
        previous = moment
    TransitionLog.objects.bulk_update(logs, ["created_at", "working_days"])
    Evaluation.objects.filter(pk=evaluation.pk).update(
        created_at=start,
        started_at=start,
        due_date=workdays.local_date(start) + dt.timedelta(days=21),
        closed_at=end if evaluation.state in Evaluation.FINISHED_STATES else None,
    )


def _demo_ahp_and_delphi(staff: User, experts: dict[str, Expert]) -> None:
    system = default_system()
    if (
        system is None
        or IndicatorSystem.objects.filter(code=system.code, version__gt=system.version).exists()
    ):
        return
    from .services.delphi_rounds import delphi_response_save, delphi_round_close, delphi_round_create
    from .services.indicators import comparison_matrix_save, indicator_system_new_version

    draft = indicator_system_new_version(system_id=system.pk, actor=staff)
    # dimensions: clinical, market, technical, ip, team
    comparison_matrix_save(
        system_id=draft.pk,
        actor=staff,
        expert=experts["evaluator2"].user,
        note="周专家判断",
        values={
            "0,1": 2,
            "0,2": 1,
            "0,3": 3,
            "0,4": 3,
            "1,2": "1/2",
            "1,3": 2,
            "1,4": 2,
            "2,3": 3,
            "2,4": 3,
            "3,4": 1,
        },
    )
    comparison_matrix_save(
        system_id=draft.pk,
        actor=staff,
        expert=experts["evaluator3"].user,
        note="吴专家判断（一致性不足）",
        values={
            "0,1": "1/9",
            "0,2": 9,
            "0,3": 1,
            "0,4": 9,
            "1,2": 9,
            "1,3": "1/9",
            "1,4": 1,
            "2,3": "1/9",
            "2,4": 1,
            "3,4": 9,
        },
    )
    if DelphiRound.objects.filter(system=draft).exists():
        return
    users = [experts[k].user for k in ("evaluator", "evaluator2", "evaluator3", "evaluator4", "evaluator5")]
    delphi_round = delphi_round_create(
        system_id=draft.pk, actor=staff, experts=users, title="第 1 轮专家咨询"
    )
    indicators = list(draft.indicators.all())
    for n, user in enumerate(users):
        ratings = {i.pk: {"score": 5 if (_rng(user.pk, i.code) % 4) else 4} for i in indicators}
        delphi_response_save(
            round_id=delphi_round.pk,
            actor=user,
            ratings=ratings,
            familiarity="familiar" if n % 2 else "very_familiar",
            basis={"theory": "high", "practice": "high", "peers": "medium", "intuition": "low"},
        )
    delphi_round_close(round_id=delphi_round.pk, actor=staff)


def seed(stdout=None) -> None:
    staff = User.objects.filter(username="staff").first()
    if staff is None or default_system() is None:
        return
    experts = _experts()
    created = 0
    achievements = (
        Achievement.objects.filter(
            state__in=[
                *FINISHED,
                Achievement.State.EVALUATION_FAILED,
                Achievement.State.NOT_EVALUATED,
                Achievement.State.UNDER_EVALUATION,
            ]
        )
        .exclude(evaluations__isnull=False)
        # only the achievements whose evaluation was actually started (the library's bulk imports were not)
        .filter(
            pk__in=TransitionLog.objects.filter(
                content_type=ContentType.objects.get_for_model(Achievement), action="start_evaluation"
            ).values("object_id")
        )
        .select_related("holder")
        .order_by("id")
    )
    in_progress = 0
    reports_to_render: list[int] = []
    for achievement in achievements:
        with transaction.atomic():
            state = achievement.state
            if state == Achievement.State.NOT_EVALUATED:
                evaluation = _create(achievement, staff)
                MaterialAudit.objects.create(
                    evaluation=evaluation,
                    result=MaterialAudit.Result.FUNDAMENTAL_ERROR,
                    auditor=staff,
                    reasons="核心临床数据无法溯源，存在原则性错误。",
                )
                transition(
                    Evaluation,
                    evaluation.pk,
                    action="mark_not_evaluated",
                    actor=staff,
                    reason="核心临床数据无法溯源，存在原则性错误。",
                )
            elif state == Achievement.State.UNDER_EVALUATION:
                evaluation = _create(achievement, staff, mode="meeting" if in_progress else "correspondence")
                members = list(evaluation.panel_members.select_related("expert__user"))
                if in_progress == 0:
                    # waiting for the declarations: evaluator's task is to sign
                    for member in members:
                        if member.expert.user.username != "evaluator":
                            _sign(member)
                else:
                    for member in members:
                        _sign(member)
                    _audit_complete(evaluation, staff)
                    for member in members:
                        if member.expert.user.username != "evaluator":
                            _score(evaluation, member, 7.5)
                in_progress += 1
            else:
                passed = state != Achievement.State.EVALUATION_FAILED
                evaluation = _create(achievement, staff)
                members = list(evaluation.panel_members.select_related("expert__user"))
                for member in members:
                    _sign(member)
                _audit_complete(evaluation, staff)
                level = 7.0 + (_rng(achievement.pk) % 16) / 10 if passed else 5.5
                for member in members:
                    _score(evaluation, member, level)
                _finish(evaluation, staff, passed=passed)
                evaluation.refresh_from_db()
                reports_to_render.append(evaluation.pk)
            evaluation.refresh_from_db()
            _backdate(evaluation)
            created += 1
    for evaluation_id in reports_to_render:  # after the records exist: the report reads the final state
        evaluation_report_render_and_archive(evaluation_id=evaluation_id, actor=staff)
    with transaction.atomic():
        _demo_ahp_and_delphi(staff, experts)
    if stdout is not None:
        stdout.write(f"evaluation: {created} evaluations created, {Evaluation.objects.count()} in total")
