"""Demo data of the library: the demo achievements already published are adopted and indexed, a catalogue of
a few hundred generated achievements is brought in through the real bulk import (so the import log shows
it), publication dates and update cycles are spread over time, and the demo enterprises get interests,
searches, favourites and access requests in every state.

Idempotent: the catalogue is imported once (by file name), requests and favourites are get_or_create.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from achievements.models import Achievement
from platform_core.accounts.models import User

from .models import (
    AccessRequest,
    BehaviourEvent,
    EntryFreshness,
    ImportJob,
    PublicationSettings,
    SearchDocument,
)
from .services import access, behaviour, favourites, freshness
from .services.imports import import_job_create, import_job_run
from .services.indexing import documents_rebuild
from .services.publication import publication_sync

CATALOGUE = "演示成果目录（2023—2025）.xlsx"
SIZE = 320

DISEASES = [
    "肝纤维化",
    "肝硬化",
    "慢性乙肝",
    "代谢相关脂肪性肝病",
    "肝性脑病",
    "原发性胆汁性胆管炎",
    "肝癌",
    "自身免疫性肝炎",
    "药物性肝损伤",
    "酒精性肝病",
]
FORMULAS = ["扶正化瘀", "疏肝健脾", "清热利湿", "活血化瘀", "益气养阴", "软肝散结", "健脾化湿", "柔肝养血"]
ORGS = [
    ("首都医科大学附属北京佑安医院", "hospital", "北京市"),
    ("北京中医药大学", "university", "北京市"),
    ("中国中医科学院中药研究所", "institute", "北京市"),
    ("上海中医药大学附属曙光医院", "hospital", "上海市"),
    ("复旦大学附属中山医院", "hospital", "上海市"),
    ("河北医科大学第三医院", "hospital", "河北省"),
    ("河北中医药大学", "university", "河北省"),
    ("石家庄肝康生物科技有限公司", "enterprise", "河北省"),
    ("浙江大学医学院附属第一医院", "hospital", "浙江省"),
    ("杭州智肝医疗科技有限公司", "enterprise", "浙江省"),
    ("广州中医药大学第一附属医院", "hospital", "广东省"),
    ("深圳肝健康数据技术有限公司", "enterprise", "广东省"),
    ("四川大学华西医院", "hospital", "四川省"),
    ("成都中医药大学", "university", "四川省"),
    ("江苏省中医院", "hospital", "江苏省"),
    ("中国科学院上海药物研究所", "institute", "上海市"),
    ("天津中医药大学", "university", "天津市"),
    ("湖北省中医院", "hospital", "湖北省"),
]
# (technical field, achievement type, name templates, scenarios, modes)
KINDS = [
    (
        "中医药",
        "中药复方/制剂",
        ["{f}方治疗{d}的中药复方颗粒", "{d}{f}院内制剂", "{f}胶囊干预{d}的临床方案"],
        ["临床诊疗"],
        ["许可", "转让"],
    ),
    (
        "中医药",
        "新治疗方法",
        ["{d}中医证候辨识与辨证论治方案", "{d}针药结合治疗技术"],
        ["临床诊疗", "健康管理"],
        ["联合开发"],
    ),
    (
        "药物研发",
        "新药物",
        ["靶向星状细胞的{d}小分子候选药物", "{d}抗纤维化多肽新药", "{d}核苷类似物缓释制剂"],
        ["临床诊疗"],
        ["转让", "作价投资", "许可"],
    ),
    (
        "诊断试剂",
        "诊断试剂",
        ["{d}血清标志物联合检测试剂盒", "{d}无创诊断微小核糖核酸检测试剂盒"],
        ["临床诊疗", "公共卫生防控"],
        ["许可", "转让"],
    ),
    (
        "诊断设备",
        "新设备",
        ["便携式肝脏瞬时弹性成像设备（{d}筛查版）", "{d}床旁快速检测仪"],
        ["公共卫生防控", "临床诊疗"],
        ["作价投资", "联合开发"],
    ),
    (
        "医疗器械",
        "新器械",
        ["生物型人工肝支持系统（{d}专用）", "人工肝血浆吸附治疗器", "{d}经动脉化疗栓塞微球"],
        ["临床诊疗"],
        ["联合开发", "许可"],
    ),
    (
        "大数据和人工智能应用",
        "大数据与人工智能",
        [
            "基于深度学习的{d}超声影像人工智能辅助诊断系统",
            "{d}患者随访管理与风险预测平台",
            "{d}人工智能病理分级软件",
        ],
        ["健康管理", "科研"],
        ["联合开发", "许可"],
    ),
    (
        "治疗方案",
        "新治疗方法",
        ["{d}中西医结合分层诊疗方案", "经动脉化疗栓塞联合中药治疗{d}方案", "{d}营养与运动干预方案"],
        ["临床诊疗", "公共卫生防控"],
        ["自行投资实施", "联合开发"],
    ),
]
MATURITY = ["实验室阶段", "中试阶段", "产业化阶段"]


def _rows(rng: random.Random, holders: list[str]) -> list[list]:
    seen: set[str] = set()
    rows = []
    attempts = 0
    while len(rows) < SIZE and attempts < SIZE * 20:
        attempts += 1
        field, kind, templates, scenarios, modes = rng.choice(KINDS)
        disease = rng.choice(DISEASES)
        name = rng.choice(templates).format(d=disease, f=rng.choice(FORMULAS))
        if name in seen:
            name = f"{name}（第{rng.randint(2, 4)}代）"
        if name in seen:
            continue
        seen.add(name)
        org, org_kind, province = rng.choice(ORGS)
        maturity_index = rng.choices([0, 1, 2], weights=[3, 4, 3])[0]
        trl = rng.randint(2, 4) + maturity_index * 3 if maturity_index < 2 else rng.randint(7, 9)
        trl = min(max(trl, 1), 9)
        sample = rng.randint(60, 600)
        gain = rng.randint(12, 45)
        summary = f"面向{disease}患者的{kind}，经{sample}例样本验证，关键指标较现有方案提升约{gain}%。"
        background = (
            f"{disease}是慢性肝病进展中的关键环节，我国患者基数大、早期诊断率低。现有{kind}存在疗效不稳定、"
            f"成本较高或依从性差等不足，临床亟需安全有效、便于推广的新方案。"
        )
        innovation = (
            f"1. 针对{disease}的核心病机提出新的干预路径；2. 采用{rng.choice(['多中心随机对照', '真实世界研究', '前瞻性队列'])}"
            f"验证有效性；3. 关键工艺与参数已形成企业标准草案。"
        )
        contributions = (
            f"已在{rng.randint(2, 12)}家医疗机构开展应用，累计服务患者{sample * rng.randint(3, 9)}例。"
        )
        tags = ",".join(
            [disease, kind.split("/")[0], rng.choice(["慢性肝病", "中医药", "精准医疗", "基层筛查"])]
        )
        rows.append(
            [
                name,
                summary,
                kind,
                field,
                MATURITY[maturity_index],
                trl,
                "；".join(rng.sample(scenarios, k=len(scenarios))),
                "；".join(rng.sample(modes, k=rng.randint(1, len(modes)))),
                tags,
                org,
                {"hospital": "医院", "university": "高校", "institute": "科研院所", "enterprise": "企业"}[
                    org_kind
                ],
                province,
                rng.choice(holders) if holders else "",
                background,
                innovation,
                contributions,
                "希望与具备相关注册和生产能力的企业合作。",
                rng.choice(["王", "李", "张", "刘", "陈", "杨", "赵"])
                + rng.choice(["医生", "教授", "研究员", "工程师"]),
                f"0311-8{rng.randint(1000000, 9999999)}",
            ]
        )
    return rows


def _catalogue_file(rows: list[list]) -> SimpleUploadedFile:
    from openpyxl import load_workbook

    from .excel import SHEET, template_workbook

    wb = load_workbook(io.BytesIO(template_workbook()))
    ws = wb[SHEET]
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(CATALOGUE, buffer.getvalue())


def _spread_dates(job: ImportJob, rng: random.Random) -> None:
    """Demo only: spread publication dates over two years and age some update cycles."""
    now = timezone.now()
    ids = list(
        Achievement.objects.filter(
            pk__gte=job.first_achievement_id, pk__lte=job.last_achievement_id
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        moment = now - dt.timedelta(days=rng.randint(1, 720), hours=rng.randint(0, 12))
        Achievement.objects.filter(pk=pk).update(published_at=moment, created_at=moment, accepted_at=moment)
        PublicationSettings.objects.filter(pk=pk).update(published_at=moment)
        confirmed = max(moment, now - dt.timedelta(days=rng.randint(10, 150)))
        EntryFreshness.objects.filter(pk=pk).update(confirmed_at=confirmed)
    documents_rebuild(achievement_ids=ids)
    # a few entries whose holders were not heard from: asked now, and some of them marked stale
    overdue = ids[:: max(len(ids) // 8, 1)][:8]
    EntryFreshness.objects.filter(pk__in=overdue).update(confirmed_at=now - dt.timedelta(days=220))
    freshness.stale_entries_run()
    EntryFreshness.objects.filter(pk__in=overdue[:3], state=EntryFreshness.State.DUE).update(
        asked_at=now - dt.timedelta(days=40)
    )
    freshness.stale_entries_run()


def _enterprise_story(rng: random.Random) -> None:
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["enterprise", "enterprise2", "investor", "holder"])
    }
    interests = {"enterprise": "肝纤维化,中药复方,无创诊断", "enterprise2": "人工肝,肝癌,人工智能"}
    for username, text in interests.items():
        user = users.get(username)
        if user is not None and not user.interests:
            User.objects.filter(pk=user.pk).update(interests=text)
    searches = {
        "enterprise": ["肝纤维化", "血清标志物", "中药复方 颗粒"],
        "enterprise2": ["人工肝", "肝病 人工智能"],
    }
    for username, queries in searches.items():
        user = users.get(username)
        if user is None or BehaviourEvent.objects.filter(user=user, kind=BehaviourEvent.Kind.SEARCH).exists():
            continue
        for q in queries:
            behaviour.record(kind=BehaviourEvent.Kind.SEARCH, user=user, query=q)
    behaviour.flush()

    def pick(q: str, n: int) -> list[int]:
        return list(
            SearchDocument.objects.filter(tokens__contains=f" {q} ")
            .order_by("-published_at")
            .values_list("pk", flat=True)[:n]
        )

    for username, term in (("enterprise", "肝纤维化"), ("enterprise2", "人工肝")):
        user = users.get(username)
        if user is None:
            continue
        for pk in pick(term, 3):
            favourites.favourite_add(user=user, achievement_id=pk)

    # access requests in every state, on achievements that have confidential sections
    candidates = [
        a
        for a in Achievement.objects.filter(state__in=Achievement.PUBLIC_STATES)
        .select_related("holder")
        .order_by("pk")
        if access.confidential_sections(a)
    ]
    enterprise, enterprise2 = users.get("enterprise"), users.get("enterprise2")
    if not candidates or enterprise is None or enterprise2 is None:
        return
    plan = [
        (enterprise, "requested", ""),
        (enterprise2, "granted", "同意提供，用于许可谈判前的技术评估。"),
        (enterprise, "denied", "该成果正与其他企业洽谈独家许可，暂不提供。"),
        (enterprise2, "revoked", "合作洽谈已结束，收回查看权限。"),
        (enterprise2, "withdrawn", ""),
    ]
    for (user, target, note), achievement in zip(plan, candidates, strict=False):
        if AccessRequest.objects.filter(requester=user, achievement=achievement).exists():
            continue
        request = access.access_request_create(
            achievement_id=achievement.pk,
            requester=user,
            message="我司拟评估该成果的产业化可行性，申请查看详细技术参数、价格预期与联系人。",
        )
        holder = achievement.holder
        if target in ("granted", "revoked"):
            access.access_request_grant(request_id=request.pk, actor=holder, note=note)
        if target == "revoked":
            access.access_request_revoke(request_id=request.pk, actor=holder, note=note)
        if target == "denied":
            access.access_request_deny(request_id=request.pk, actor=holder, note=note)
        if target == "withdrawn":
            access.access_request_withdraw(request_id=request.pk, actor=user, note="需求已变化")


def seed(stdout=None) -> None:
    rng = random.Random(20251125)
    adopted = publication_sync()
    staff = User.objects.filter(username="staff").first()
    imported = 0
    if (
        staff is not None
        and not ImportJob.objects.filter(original_name=CATALOGUE, state=ImportJob.State.DONE).exists()
    ):
        with transaction.atomic():
            holders = sorted(
                User.objects.filter(
                    username__in=["holder", "holder2", "holder3", "holder4"],
                    groups__name="holder",
                    is_active=True,
                ).values_list("username", flat=True)
            )
            job = import_job_create(
                actor=staff, uploaded_file=_catalogue_file(_rows(rng, holders)), mode=ImportJob.Mode.PUBLISHED
            )
        job = import_job_run(job_id=job.pk)
        job.refresh_from_db()
        if job.state == ImportJob.State.DONE:
            imported = job.created_count
            _spread_dates(job, rng)
    _enterprise_story(rng)
    if stdout is not None:
        stdout.write(
            f"library: {adopted} published achievements indexed, {imported} imported, "
            f"{SearchDocument.objects.count()} entries in the library"
        )
