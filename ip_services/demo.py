"""Demo data of the IP services app, created through the services (idempotent: natural keys, created once).

Converts the achievements' interim IP status entries into IP assets, adds assets whose fee and renewal
deadlines fall in the coming weeks, service requests in every state (logs backdated so the clocks show
real working days), watch items and alerts, and disputes closed with outcomes and amounts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from platform_core.accounts.models import User
from platform_core.workflow.models import TransitionLog

from . import services
from .deadlines import add_years
from .models import Dispute, InfringementAlert, InfringementWatch, IpAsset, IpServiceRequest


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _pdf(name: str) -> SimpleUploadedFile:
    body = f"%PDF-1.4\n% {name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()
    return SimpleUploadedFile(f"{name}.pdf", body, content_type="application/pdf")


def _achievements(holder: User):
    try:
        from achievements.models import Achievement
    except ImportError:
        return []
    return list(Achievement.objects.filter(holder=holder).order_by("id")[:3])


def _spread_log(obj, working_days: list[int]) -> None:
    """Demo only: place the record's log entries on past working days so the clock shows real numbers.

    ``working_days[i]`` is how many working days before today the i-th log row happened.
    """
    from platform_core import workdays

    ct = ContentType.objects.get_for_model(obj)
    logs = list(TransitionLog.objects.filter(content_type=ct, object_id=obj.pk).order_by("created_at", "id"))
    today = timezone.localdate()
    previous = None
    for log, back in zip(logs, working_days, strict=False):
        day = today
        remaining = back
        while remaining > 0:
            day -= dt.timedelta(days=1)
            if workdays.is_working_day(day):
                remaining -= 1
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
        log.created_at = moment
        log.working_days = workdays.working_days_between(previous, day) if previous else None
        log.save(update_fields=["created_at", "working_days"])
        previous = day


def _assets(holder: User, holder2: User | None, staff: User) -> list[IpAsset]:
    today = timezone.localdate()
    achievements = _achievements(holder)
    specs = [
        # kind, title, number, filing, grant, status, holder, achievement index, public
        (
            "invention",
            "一种抗肝纤维化的中药组合物及其制备方法",
            "ZL201610000001.X",
            add_years(today + dt.timedelta(days=20), -8),
            dt.date(today.year - 5, 3, 10),
            "granted",
            holder,
            0,
            True,
        ),
        (
            "utility_model",
            "一种便携式肝脏弹性检测探头",
            "ZL202020000002.3",
            add_years(today + dt.timedelta(days=5), -3),
            dt.date(today.year - 2, 6, 1),
            "granted",
            holder,
            1,
            False,
        ),
        (
            "trademark",
            "扶正肝康",
            "50000001",
            None,
            add_years(today + dt.timedelta(days=45), -10),
            "granted",
            holder,
            0,
            True,
        ),
        (
            "software_copyright",
            "慢性肝病中医证候辨识软件 V1.0",
            "2022SR0000001",
            None,
            dt.date(2022, 5, 1),
            "granted",
            holder,
            2,
            False,
        ),
        (
            "invention",
            "肝纤维化血清标志物组合及检测试剂盒",
            "PCT/CN2024/000003",
            today - dt.timedelta(days=600),
            None,
            "published",
            holder,
            1,
            False,
        ),
        (
            "design",
            "人工肝治疗仪外观",
            "ZL202130000004.5",
            dt.date(2021, 7, 1),
            dt.date(2022, 1, 5),
            "granted",
            holder2,
            None,
            False,
        ),
    ]
    created = []
    for kind, title, number, filing, grant, status, owner, ach_index, public in specs:
        if owner is None:
            continue
        asset = IpAsset.objects.filter(holder=owner, title=title).first()
        if asset is None:
            linked = (
                [achievements[ach_index]] if ach_index is not None and ach_index < len(achievements) else []
            )
            asset = services.asset_create(
                actor=owner,
                kind=kind,
                title=title,
                number=number,
                jurisdiction="PCT" if number.startswith("PCT") else "CN",
                filing_date=filing,
                grant_date=grant,
                status=status,
                owners=getattr(owner.organization, "name", "") or str(owner),
                inventors=owner.display_name,
                claims_summary="权利要求 1：一种组合物，由黄芪、丹参、桃仁等组成……"
                if kind == "invention"
                else "",
                trademark_classes="5, 44" if kind == "trademark" else "",
                is_public=public,
                achievements=linked,
            )
        created.append(asset)
    return created


def _requests(holder: User, staff: User, staff2: User | None, assets: list[IpAsset]) -> None:
    if IpServiceRequest.objects.filter(requester=holder).exists():
        return
    services.disclaimer_acknowledge(user=holder)
    specialist = staff2 or staff
    patent = assets[0] if assets else None
    plan = [
        # service, title, final state, working days before today for each log row
        ("search_analysis", "扶正化瘀颗粒新适应证专利检索与可专利性分析", "accepted", [14, 13, 12, 6, 4]),
        ("drafting", "人工肝支持系统发明专利撰写与申请", "delivered", [9, 8, 7, 2]),
        ("valuation", "抗肝纤维化中药组合物专利价值评估", "in_progress", [6, 5, 4]),
        ("pledge_financing", "专利质押融资方案咨询", "intake", [1]),
        ("infringement_monitoring", "扶正肝康商标侵权监测", "assigned", [3, 2]),
    ]
    for service, title, final, days in plan:
        item = services.request_create(
            requester=holder,
            service_type=service,
            title=title,
            description="请平台服务专员协助，材料已在附件中提供。",
            assets=[patent] if patent and service in ("valuation", "pledge_financing") else [],
        )
        if final != "intake":
            services.request_assign(request_id=item.pk, actor=staff, assignee_id=specialist.pk)
        if final in ("in_progress", "delivered", "accepted"):
            services.request_transition(request_id=item.pk, action="start", actor=specialist)
        if final in ("delivered", "accepted"):
            services.request_deliver(
                request_id=item.pk,
                actor=specialist,
                report=_pdf("检索分析报告"),
                summary="经检索，未发现影响新颖性的对比文件；建议尽快提交申请。",
            )
        if final == "accepted":
            services.request_transition(request_id=item.pk, action="accept", actor=holder)
        _spread_log(item, days)


def _monitoring(holder: User, staff: User, assets: list[IpAsset]) -> None:
    if InfringementWatch.objects.filter(owner=holder).exists():
        return
    trademark = next((a for a in assets if a.kind == "trademark"), None)
    watch = services.watch_create(
        actor=staff,
        owner=holder,
        title="扶正肝康商标及复方名称监测",
        asset=trademark,
        keywords="扶正肝康, 扶正化瘀, 抗肝纤维化颗粒",
        competitors="某生物科技有限公司",
        patent_numbers="ZL201610000001.X",
    )
    today = timezone.localdate()
    new = services.alert_create(
        actor=staff,
        owner=holder,
        title="电商平台销售“扶正肝康”仿冒保健品",
        watch=watch,
        asset=trademark,
        detected_on=today - dt.timedelta(days=2),
        suspected_infringer="某生物科技有限公司",
        evidence_url="https://example.com/item/123",
        severity="high",
        description="商品标题与包装使用“扶正肝康”字样，宣称抗肝纤维化。",
    )
    dismissed = services.alert_create(
        actor=staff,
        owner=holder,
        title="学术会议海报引用复方组成",
        watch=watch,
        detected_on=today - dt.timedelta(days=20),
        severity="low",
    )
    services.alert_transition(
        alert_id=dismissed.pk, action="dismiss", actor=staff, reason="学术引用，不构成侵权。"
    )
    confirmed = services.alert_create(
        actor=staff,
        owner=holder,
        title="某企业宣传资料使用专利配方",
        watch=watch,
        asset=assets[0] if assets else None,
        detected_on=today - dt.timedelta(days=30),
        suspected_infringer="某药业有限公司",
        severity="medium",
    )
    services.alert_transition(alert_id=confirmed.pk, action="assess", actor=staff)
    services.alert_transition(alert_id=confirmed.pk, action="confirm", actor=staff)
    del new


def _disputes(holder: User, holder2: User | None, staff: User, assets: list[IpAsset]) -> None:
    if Dispute.objects.exists():
        return
    patent = [assets[0]] if assets else []
    confirmed = InfringementAlert.objects.filter(owner=holder, state="confirmed").first()
    open_case = services.dispute_open(
        actor=staff,
        owner=holder,
        title="某药业有限公司专利侵权纠纷",
        kind="litigation",
        summary="对方在宣传资料及产品中使用专利配方，请求停止侵权并赔偿损失。",
        assets=patent,
        parties=[
            {
                "name": "首都医科大学附属北京地坛医院",
                "role": "claimant",
                "is_client": True,
                "representative": "某律师事务所",
            },
            {"name": "某药业有限公司", "role": "respondent"},
        ],
        alert=confirmed,
        forum="北京知识产权法院",
        case_number=f"（{timezone.localdate().year}）京73民初100号",
        filed_on=timezone.localdate() - dt.timedelta(days=25),
        amount_claimed=Decimal("1500000"),
        handler=staff,
    )
    services.dispute_transition(dispute_id=open_case.pk, action="start", actor=staff)
    services.evidence_add(
        dispute_id=open_case.pk,
        actor=staff,
        title="公证购买的涉案产品",
        kind="notarised_purchase",
        collected_on=timezone.localdate() - dt.timedelta(days=28),
        description="北京市某公证处（2025）京某证字第 001 号公证书。",
        files=[_pdf("公证书")],
    )
    closed = [
        ("扶正肝康商标侵权调解", "mediation", "settled", Decimal("300000"), Decimal("200000"), holder),
        ("仿冒产品行政投诉", "administrative", "resolved_in_favour", Decimal("0"), Decimal("0"), holder),
        ("外观设计专利无效宣告请求", "administrative", "lost", None, None, holder2 or holder),
        (
            "技术许可费仲裁",
            "arbitration",
            "resolved_in_favour",
            Decimal("800000"),
            Decimal("650000"),
            holder2 or holder,
        ),
    ]
    for title, kind, outcome, claimed, recovered, owner in closed:
        dispute = services.dispute_open(
            actor=staff,
            owner=owner,
            title=title,
            kind=kind,
            summary="见案卷。",
            amount_claimed=claimed,
            handler=staff,
        )
        services.dispute_transition(dispute_id=dispute.pk, action="start", actor=staff)
        services.dispute_close(
            dispute_id=dispute.pk, actor=staff, outcome=outcome, amount_recovered=recovered, note="结案。"
        )


def seed(stdout=None) -> None:
    holder, staff = _user("holder"), _user("staff")
    if holder is None or staff is None:
        return
    converted = services.assets_import_status_entries()
    assets = _assets(holder, _user("holder2"), staff)
    _requests(holder, staff, _user("staff2"), assets)
    _monitoring(holder, staff, assets)
    _disputes(holder, _user("holder2"), staff, assets)
    if stdout is not None:
        stdout.write(
            f"ip_services: {IpAsset.objects.count()} IP assets ({converted[0]} converted from IP status entries), "
            f"{IpServiceRequest.objects.count()} requests, {Dispute.objects.count()} disputes"
        )
