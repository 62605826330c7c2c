"""Demo data for information services: published content of every kind, consultations in every state with
backdated logs (so the working-day clocks show numbers), and feedback. Idempotent: titles and subjects are
the natural keys; an existing consultation or feedback is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from platform_core import workdays
from platform_core.accounts.models import User
from platform_core.workflow.engine import history

from . import services
from .demo_data import ARTICLES, FEEDBACK
from .models import Article, Consultation, ConsultationMessage, Feedback

WAITING_START_ACTIONS = {"create", "follow_up", "reopen"}


def _at(days: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _fixed(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def _scenarios() -> list[dict]:
    """Each scenario: asker, category, subject, question, then steps (action, when, actor, text-or-assignee).

    Built when seeding, so relative dates count from the day the demo is loaded.
    """
    return [
        {
            "asker": "holder",
            "category": "compliance",
            "subject": "抗肝纤维化中药复方申报中药新药的注册路径（示例）",
            "question": "我院协定方已作为院内制剂使用多年，想申报中药新药。请问基于人用经验的注册路径需要准备哪些资料？"
            "能否减免部分临床试验？",
            "steps": [
                ("create", _fixed(2026, 9, 29, 10, 0), "holder", ""),
                ("assign", _fixed(2026, 9, 29, 14, 0), "staff", "staff2"),
                (
                    "answer",
                    _fixed(2026, 10, 9, 16, 0),
                    "staff2",
                    "您好。基于人用经验的中药新药可按“中药注册分类”中相应类别申报：\n"
                    "1. 整理院内制剂的处方来源、工艺、质量标准及多年使用的病例数据；\n"
                    "2. 人用经验数据应能支持拟定适应症和用法用量，可与审评机构沟通减免部分非临床或早期临床研究；\n"
                    "3. 建议先申请沟通交流会议，明确后续临床试验设计。\n"
                    "平台可协助组织专家论证会并推荐注册代理机构。",
                ),
                ("confirm", _fixed(2026, 10, 12, 9, 30), "holder", ""),
            ],
        },
        {
            "asker": "enterprise",
            "category": "technology",
            "subject": "人工智能辅助肝纤维化诊断软件的医疗器械分类（示例）",
            "question": "我司计划引进一项基于超声影像的肝纤维化分期AI算法，作为独立软件上市，是否按第三类医疗器械管理？",
            "steps": [
                ("create", _at(-8, 9, 40), "enterprise", ""),
                ("assign", _at(-7, 10, 0), "staff", "staff"),
                (
                    "answer",
                    _at(-5, 15, 20),
                    "staff",
                    "您好。提供诊断结论或分期建议的人工智能独立软件一般按第三类医疗器械管理，"
                    "需进行临床评价；仅做图像处理、测量的软件可能为第二类。建议对照人工智能医疗器械注册审查指导原则"
                    "确认预期用途，并关注算法更新的变更注册要求。如需，可申请平台组织的合规辅导。",
                ),
            ],
        },
        {
            "asker": "enterprise",
            "category": "policy",
            "subject": "中药新药进入国家医保目录的申报条件（示例）",
            "question": "我司一款保肝降酶中成药刚获批上市，今年能否申报国家医保目录？需要提供哪些药物经济学材料？",
            "steps": [
                ("create", _at(-6, 11, 0), "enterprise", ""),
                ("assign", _at(-5, 9, 30), "staff", "staff2"),
            ],
        },
        {
            "asker": "holder",
            "category": "ip",
            "subject": "专利许可合同中销售提成的约定方式（示例）",
            "question": "与企业谈独占许可，对方提出“入门费＋销售提成”。提成基数和比例一般如何约定？有无参考区间？",
            "steps": [("create", _at(-1, 16, 10), "holder", "")],
        },
        {
            "asker": "enterprise2",
            "category": "compliance",
            "subject": "医疗器械委托生产的质量协议要点（示例）",
            "question": "我们作为注册人委托外部工厂生产人工肝耗材，质量协议中必须包含哪些条款？",
            "steps": [
                ("create", _at(-12, 10, 0), "enterprise2", ""),
                ("assign", _at(-12, 14, 0), "staff", "staff"),
                (
                    "answer",
                    _at(-10, 11, 0),
                    "staff",
                    "质量协议至少应明确：双方质量责任划分、原材料与供应商管理、生产过程控制、检验放行、变更控制、"
                    "不合格品处理、文件记录保存、质量审核及不良事件报告等。",
                ),
                (
                    "follow_up",
                    _at(-3, 9, 15),
                    "enterprise2",
                    "关于产品放行：最终放行由注册人还是受托方负责？",
                ),
            ],
        },
        {
            "asker": "holder2",
            "category": "other",
            "subject": "平台是否提供临床试验机构对接服务（示例）",
            "question": "我们的中药复方需要开展Ⅱ期临床试验，平台能否推荐有肝病专业的临床试验机构？",
            "steps": [
                ("create", _at(-30, 9, 0), "holder2", ""),
                (
                    "answer",
                    _at(-29, 10, 30),
                    "staff2",
                    "可以。平台合作的临床试验机构中有5家具备肝病专业备案，已通过站内消息发送名单与联系人。",
                ),
                ("confirm", _at(-28, 8, 45), "holder2", ""),
            ],
        },
    ]


def _users() -> dict[str, User]:
    names = {"staff", "staff2", "holder", "holder2", "enterprise", "enterprise2"}
    return {u.username: u for u in User.objects.filter(username__in=names)}


def _seed_articles(staff: User) -> int:
    now_day = timezone.localdate()
    for item in ARTICLES:
        data = {
            "kind": item["kind"],
            "title": item["title"],
            "summary": item.get("summary", ""),
            "body": item.get("body", ""),
            "source": item.get("source", ""),
            "featured": item.get("featured", False),
            "policy_level": item.get("policy_level", ""),
            "issuing_body": item.get("issuing_body", ""),
            "document_number": item.get("document_number", ""),
            "interpretation": item.get("interpretation", ""),
            "compliance_guidance": item.get("compliance_guidance", ""),
            "location": item.get("location", ""),
            "event_mode": item.get("event_mode", ""),
            "organiser": item.get("organiser", ""),
            "registration_url": item.get("registration_url", ""),
            "related_text": item.get("related_text", ""),
            "region": item.get("region", ""),
            "indicators": item.get("indicators", []),
        }
        if "effective_offset" in item:
            data["effective_date"] = now_day + dt.timedelta(days=item["effective_offset"])
        if "starts_offset" in item:
            data["starts_on"] = now_day + dt.timedelta(days=item["starts_offset"])
            data["ends_on"] = data["starts_on"] + dt.timedelta(days=item.get("days", 1) - 1)
        existing = Article.objects.filter(title=item["title"]).first()
        if existing is None:
            article = services.article_create(actor=staff, data=data, tag_names=item.get("tags", []))
        else:
            article = services.article_update(
                article_id=existing.pk, actor=staff, data=data, tag_names=item.get("tags", [])
            )
        if item.get("draft"):
            continue
        if article.state != Article.State.PUBLISHED:
            services.article_publish(article_id=article.pk, actor=staff)
        published_at = _at(item.get("published_offset", -1), 9, 0)
        Article.objects.filter(pk=article.pk).update(published_at=published_at)
        history(article).filter(action="publish").update(created_at=published_at)
        history(article).filter(action="create").update(created_at=published_at - dt.timedelta(hours=2))
    return len(ARTICLES)


def _backdate(consultation: Consultation, steps: list[tuple]) -> None:
    """Move the log rows, messages and timestamps made just now to the scenario's times."""
    logs = list(history(consultation))
    times = [step[1] for step in steps]
    assert len(logs) == len(times), (consultation.subject, len(logs), len(times))
    previous = None
    for log, at in zip(logs, times, strict=True):
        days = (
            None
            if previous is None
            else workdays.working_days_between(workdays.local_date(previous), workdays.local_date(at))
        )
        type(log).objects.filter(pk=log.pk).update(created_at=at, working_days=days)
        previous = at
    message_times = [step[1] for step in steps if step[0] in {"answer", "follow_up"}]
    messages = list(consultation.messages.order_by("id"))
    for message, at in zip(messages, message_times, strict=True):
        ConsultationMessage.objects.filter(pk=message.pk).update(created_at=at)
    consultation.refresh_from_db()
    answers = [step[1] for step in steps if step[0] == "answer"]
    closes = [step[1] for step in steps if step[0] in {"confirm", "close"}]
    waits = [step[1] for step in steps if step[0] in WAITING_START_ACTIONS]
    Consultation.objects.filter(pk=consultation.pk).update(
        created_at=times[0],
        updated_at=times[-1],
        first_answered_at=answers[0] if answers else None,
        closed_at=closes[-1] if consultation.state == Consultation.State.CLOSED else None,
        waiting_since=waits[-1] if consultation.is_waiting else None,
    )


def _seed_consultations(users: dict[str, User]) -> int:
    made = 0
    for scenario in _scenarios():
        asker = users.get(scenario["asker"])
        if asker is None or Consultation.objects.filter(asker=asker, subject=scenario["subject"]).exists():
            continue
        consultation = services.consultation_submit(
            asker=asker,
            category=scenario["category"],
            subject=scenario["subject"],
            question=scenario["question"],
        )
        for action, _when, actor_name, extra in scenario["steps"][1:]:
            actor = users[actor_name]
            if action == "assign":
                services.consultation_assign(
                    consultation_id=consultation.pk, actor=actor, assignee=users[extra]
                )
            else:
                services.consultation_act(
                    consultation_id=consultation.pk, actor=actor, action=action, text=extra
                )
        _backdate(consultation, scenario["steps"])
        made += 1
    return made


def _seed_feedback(users: dict[str, User]) -> int:
    staff = users["staff"]
    made = 0
    for item in FEEDBACK:
        author = users.get(item["author"])
        if author is None or Feedback.objects.filter(author=author, target=item["target"]).exists():
            continue
        feedback = services.feedback_submit(
            author=author,
            category=item["category"],
            respondent=item["respondent"],
            target=item["target"],
            body=item["body"],
        )
        if item["state"] in {"acknowledged", "resolved"}:
            services.feedback_act(feedback_id=feedback.pk, actor=staff, action="acknowledge")
        if item["state"] == "resolved":
            services.feedback_act(feedback_id=feedback.pk, actor=staff, action="resolve", reason=item["note"])
        made += 1
    return made


@transaction.atomic
def seed(stdout=None) -> None:
    users = _users()
    if "staff" not in users:
        if stdout is not None:
            stdout.write("content: demo users missing, run the core seed first")
        return
    articles = _seed_articles(users["staff"])
    consultations = _seed_consultations(users)
    feedback = _seed_feedback(users)
    if stdout is not None:
        stdout.write(
            f"content: {articles} information items, {consultations} new consultations, {feedback} new feedback"
        )
