"""Core demo data: organisations and one user per role (password ``demo12345`` for all)."""

from __future__ import annotations

from platform_core.accounts.models import Organization, StaffProfile, User
from platform_core.accounts.roles import Role
from platform_core.accounts.services import role_group

DEMO_PASSWORD = "demo12345"  # noqa: S105 - documented demo credential

ORGANIZATIONS = [
    ("首都医科大学附属北京地坛医院", Organization.Kind.HOSPITAL, "北京市", "北京市"),
    ("北京中医药大学", Organization.Kind.UNIVERSITY, "北京市", "北京市"),
    ("河北省中医药科学院", Organization.Kind.INSTITUTE, "河北省", "石家庄市"),
    ("石家庄以岭药业股份有限公司", Organization.Kind.ENTERPRISE, "河北省", "石家庄市"),
    ("华肝生物医药科技有限公司", Organization.Kind.ENTERPRISE, "江苏省", "苏州市"),
    ("京津冀健康产业投资基金", Organization.Kind.INVESTOR, "天津市", "天津市"),
    ("河北省质量信息协会", Organization.Kind.GOVERNMENT, "河北省", "石家庄市"),
    ("上海中医药大学附属曙光医院", Organization.Kind.HOSPITAL, "上海市", "上海市"),
]

USERS = [
    # username, display name, roles, organisation, title
    ("admin", "平台管理员", [Role.ADMIN], "河北省质量信息协会", "高级工程师"),
    ("staff", "王专员", [Role.STAFF], "河北省质量信息协会", "服务专员"),
    ("staff2", "李专员", [Role.STAFF], "河北省质量信息协会", "服务专员"),
    ("holder", "张教授", [Role.HOLDER], "首都医科大学附属北京地坛医院", "主任医师"),
    ("holder2", "刘研究员", [Role.HOLDER], "河北省中医药科学院", "研究员"),
    ("enterprise", "赵经理", [Role.ENTERPRISE], "石家庄以岭药业股份有限公司", "业务发展总监"),
    ("enterprise2", "孙经理", [Role.ENTERPRISE], "华肝生物医药科技有限公司", "技术总监"),
    ("evaluator", "陈专家", [Role.EVALUATOR], "北京中医药大学", "教授"),
    ("evaluator2", "周专家", [Role.EVALUATOR], "上海中医药大学附属曙光医院", "主任医师"),
    ("evaluator3", "吴专家", [Role.EVALUATOR], "京津冀健康产业投资基金", "投资总监"),
    ("investor", "郑投资人", [Role.INVESTOR], "京津冀健康产业投资基金", "合伙人"),
]


def seed_core(stdout=None) -> None:
    orgs = {}
    for name, kind, province, city in ORGANIZATIONS:
        orgs[name], _ = Organization.objects.update_or_create(
            name=name, defaults={"kind": kind, "province": province, "city": city}
        )
    for username, display, roles, org, title in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
        user.display_name = display
        user.email = f"{username}@demo.example.com"
        user.organization = orgs[org]
        user.title = title
        user.approval_status = User.Approval.APPROVED
        user.is_staff = Role.ADMIN in roles or Role.STAFF in roles
        user.is_superuser = Role.ADMIN in roles
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([role_group(r) for r in roles])
        if Role.STAFF in roles or Role.ADMIN in roles:
            StaffProfile.objects.update_or_create(
                user=user,
                defaults={
                    "position": title,
                    "duties": "受理业务咨询，跟踪服务实施进度，接受服务反馈",
                    "qualifications": "本科及以上学历，中级及以上技术职称，熟悉科技成果转化政策",
                    "hands_on_experience": True,
                },
            )
    # A registration waiting for approval, so the staff queue is not empty.
    pending = User.objects.filter(username="newholder").first()
    if pending is None:
        from platform_core.accounts.services import user_register

        user_register(
            username="newholder",
            email="newholder@demo.example.com",
            password=DEMO_PASSWORD,
            role=Role.HOLDER,
            display_name="黄医生",
            organization_name="上海中医药大学附属曙光医院",
            organization_kind=Organization.Kind.HOSPITAL,
        )
    if stdout is not None:
        stdout.write(f"core: {len(ORGANIZATIONS)} organisations, {len(USERS) + 1} users")
