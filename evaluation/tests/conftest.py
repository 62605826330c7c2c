"""Fixtures of the evaluation app."""

from __future__ import annotations

import pytest

from evaluation.scorecards import scorecard_template_create_from_tree

BANDS_003 = [(90, "excellent", "优秀"), (80, "qualified", "合格"), (0, "unqualified", "不合格")]

SMALL_TREE = [
    {
        "code": "A",
        "title": "基础建设",
        "max_points": 10,
        "children": [
            {
                "code": "A1",
                "title": "组织机构",
                "max_points": 6,
                "requirement": "组织机构和制度体系建设",
                "children": [
                    {
                        "code": "A1.1",
                        "title": "机构成立",
                        "max_points": 2,
                        "scoring_rule": "文件齐全 2 分；否则 0 分。",
                    },
                    {
                        "code": "A1.2",
                        "title": "职责明确",
                        "max_points": 4,
                        "scoring_rule": "明确 4 分；部分 2 分；无 0 分。",
                    },
                ],
            },
            {
                "code": "A2",
                "title": "资质水平",
                "max_points": 4,
                "scoring_rule": "取得认可 4 分；否则 0 分。",
            },
        ],
    },
    {"code": "B", "title": "运营管理", "max_points": 90, "scoring_rule": "0～90 分。"},
    {
        "code": "C",
        "title": "加分项",
        "max_points": 10,
        "is_bonus": True,
        "children": [
            {"code": "C1", "title": "创新举措", "max_points": 5},
            {"code": "C2", "title": "示范推广", "max_points": 5},
        ],
    },
]


@pytest.fixture
def small_template(db):
    return scorecard_template_create_from_tree(
        code="test_card", name="测试评价表", bonus_max=7, bands=BANDS_003, tree=SMALL_TREE
    )


# --- evaluations of achievements -------------------------------------------------------------------

from achievements.models import Achievement, AchievementType, TeamMember  # noqa: E402
from evaluation.models import Expert  # noqa: E402
from platform_core.accounts.models import Organization  # noqa: E402


@pytest.fixture
def holder_org(db):
    return Organization.objects.create(name="首都医科大学附属北京佑安医院", kind=Organization.Kind.HOSPITAL)


@pytest.fixture
def accepted(db, users, holder_org):
    """An accepted achievement of ``holder`` at ``holder_org`` with one team member."""
    holder = users["holder"]
    holder.organization = holder_org
    holder.save(update_fields=["organization"])
    achievement = Achievement.objects.create(
        name="扶正化瘀颗粒抗肝纤维化",
        summary="扶正化瘀颗粒逆转慢性乙肝肝纤维化",
        holder=holder,
        organization=holder_org,
        achievement_type=AchievementType.objects.get(code="tcm_formula"),
        maturity="pilot",
        trl=5,
        state=Achievement.State.ACCEPTED,
    )
    TeamMember.objects.create(
        achievement=achievement, name="张建国", role="leader", organization_name=holder_org.name
    )
    return achievement


@pytest.fixture
def experts(users, make_user):
    """Three experts, one per panel role, at three other organisations."""
    third = make_user("evaluator3", roles=["evaluator"])
    rows = [
        (users["evaluator"], "clinical", "hospital", "主任医师"),
        (users["other_evaluator"], "engineering", "university", "教授"),
        (third, "industry", "investment", "合伙人"),
    ]
    out = {}
    for user, role, sector, title in rows:
        out[role] = Expert.objects.create(
            user=user, organization=user.organization, panel_role=role, sector=sector, title=title
        )
    return out


@pytest.fixture
def evaluation(accepted, users, experts):
    from evaluation.services.evaluations import evaluation_create, panel_member_assign

    ev = evaluation_create(achievement=accepted, actor=users["staff"])
    for expert in experts.values():
        panel_member_assign(evaluation_id=ev.pk, expert_id=expert.pk, actor=users["staff"])
    return ev


def sign_all(evaluation, experts):
    from evaluation.services.evaluations import declaration_sign

    for member in evaluation.panel_members.select_related("expert__user"):
        declaration_sign(
            member_id=member.pk,
            actor=member.expert.user,
            full_name=str(member.expert.user),
            agreed=True,
            ip_address="10.0.0.1",
        )


@pytest.fixture
def scoring(evaluation, users, experts):
    """The evaluation started, audited complete, every expert signed: in scoring."""
    from evaluation.services.evaluations import evaluation_transition, material_audit_record

    evaluation_transition(evaluation_id=evaluation.pk, action="start", actor=users["staff"])
    sign_all(evaluation, experts)
    material_audit_record(evaluation_id=evaluation.pk, actor=users["staff"], result="complete")
    evaluation.refresh_from_db()
    return evaluation


def fill_sheet(sheet, user, value="8", trl=6, recommend=True, submit=True):
    from evaluation.selectors.indicators import indicator_tree
    from evaluation.services.scoring import score_sheet_save, score_sheet_submit

    evaluation = sheet.panel_member.evaluation
    leaves = indicator_tree(evaluation.indicator_system).leaves
    values = value if isinstance(value, dict) else {leaf.indicator.code: value for leaf in leaves}
    sheet = score_sheet_save(
        sheet_id=sheet.pk,
        actor=user,
        version=sheet.version,
        scores={leaf.pk: {"score": values[leaf.indicator.code], "comment": "依据充分"} for leaf in leaves},
        swot={"strength": ["疗效确切"], "threat": ["同类产品竞争"]},
        trl_level=trl,
        trl_evidence="II 期临床试验完成",
        recommend=recommend,
    )
    if submit:
        sheet = score_sheet_submit(sheet_id=sheet.pk, actor=user)
    return sheet
