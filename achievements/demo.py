"""Demo data of the achievements app: 31 achievements in chronic liver disease and TCM, spread over every
state of the workflow up to publication (plus refused, withdrawn and retired), driven through the real services
so the transition log tells a realistic story. The states past publication (in docking, agreement signed,
converted) are reached in the matching demo through real docking projects, agreements and implementations.

Idempotent: an achievement is identified by (holder, name) and created only once. Log timestamps are
backdated here (demo data only) so that the working-day clocks show real numbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from platform_core import workdays
from platform_core.accounts.models import Organization, User
from platform_core.accounts.roles import Role
from platform_core.workflow.engine import transition
from platform_core.workflow.models import TransitionLog

from . import services
from .demo_data.specs import RETURN_REASONS, SPECS
from .models import (
    Achievement,
    AchievementType,
    ApplicationScenario,
    CooperationMode,
    RequiredMaterial,
    ReviewAssignment,
    ReviewReason,
    Submission,
    TechnicalField,
)
from .workflow import ACHIEVEMENT_WORKFLOW

EXTRA_HOLDERS = [
    ("holder3", "黄教授", "上海中医药大学附属曙光医院", "主任医师"),
    ("holder4", "马教授", "北京中医药大学", "教授"),
]
REVIEW_DECISIONS = {"accept", "return_for_supplement", "refuse"}


def _pdf(label: str) -> SimpleUploadedFile:
    body = f"%PDF-1.4\n% {label}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()
    return SimpleUploadedFile(f"{label}.pdf", body, content_type="application/pdf")


def _holders() -> dict[str, User]:
    from platform_core.accounts.services import role_group
    from platform_core.demo import DEMO_PASSWORD

    for username, display, org_name, title in EXTRA_HOLDERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            user.set_password(DEMO_PASSWORD)
        user.display_name = display
        user.email = f"{username}@demo.example.com"
        user.organization = Organization.objects.filter(name=org_name).first()
        user.title = title
        user.approval_status = User.Approval.APPROVED
        user.save()
        user.groups.set([role_group(Role.HOLDER)])
    return {
        u.username: u for u in User.objects.filter(username__in=["holder", "holder2", "holder3", "holder4"])
    }


@contextmanager
def _quiet_workflow():
    """No notification storm while the demo history is replayed (a few are sent deliberately afterwards)."""
    saved = ACHIEVEMENT_WORKFLOW.notify
    ACHIEVEMENT_WORKFLOW.notify = None
    try:
        yield
    finally:
        ACHIEVEMENT_WORKFLOW.notify = saved


def _fill(spec: dict, holder: User) -> Achievement:
    kind = AchievementType.objects.get(code=spec["type"])
    fields = {
        "summary": spec["summary"],
        "achievement_type": kind,
        "technical_field": TechnicalField.objects.get(code=spec["field"]),
        "maturity": spec["maturity"],
        "trl": spec["trl"],
        "background": spec["background"],
        "innovation_points": spec["innovation"],
        "contributions": spec["contributions"],
        "technical_details": spec["details"],
        "price_expectation": spec["price"],
        "tags": ",".join(t for t in ("慢性肝病", kind.name) if t),
    }
    if spec["team"]:
        leader = spec["team"][0]
        fields.update(
            {
                "contact_name": leader[0],
                "contact_phone": f"010-8432{int(hashlib.sha256(spec['name'].encode()).hexdigest(), 16) % 10000:04d}",
                "contact_email": f"{holder.username}@demo.example.com",
            }
        )
    achievement = services.achievement_create(holder=holder, name=spec["name"])
    return services.achievement_update(
        achievement_id=achievement.pk,
        actor=holder,
        expected_version=achievement.version,
        fields=fields,
        m2m={
            "scenarios": list(ApplicationScenario.objects.filter(code__in=spec["scenarios"])),
            "cooperation_modes": list(CooperationMode.objects.filter(code__in=spec["modes"])),
        },
        rows={
            "technical_parameters": [
                {"name": n, "value": v, "unit": u, "method": m} for n, v, u, m in spec["params"]
            ],
            "application_cases": [
                {"title": t, "site": s, "period": p, "description": d, "outcome": o}
                for t, s, p, d, o in spec["cases"]
            ],
            "ip_status": [
                {
                    "ip_type": k,
                    "title": t,
                    "number": n,
                    "status": st,
                    "expires_on": dt.date.fromisoformat(e) if e else None,
                    "protection_scope": "权利要求 1–10 所限定的组合物、制备方法及用途"
                    if k == "invention"
                    else "",
                }
                for k, t, n, st, e in spec["ip"]
            ],
            "team": [
                {"name": n, "role": r, "title": ti, "organization_name": o, "division_of_work": w}
                for n, r, ti, o, w in spec["team"]
            ],
        },
        confidentiality={"technical_parameters": "public"} if spec["path"][-1:] in (["publish"],) else None,
    )


def _upload_materials(achievement: Achievement, holder: User) -> None:
    for material in RequiredMaterial.objects.filter(
        achievement_type_id=achievement.achievement_type_id, required=True
    ):
        services.material_upload(
            achievement_id=achievement.pk,
            actor=holder,
            uploaded_file=_pdf(f"{material.name}-{achievement.pk}"),
            kind=material.code,
        )


def _drive(spec: dict, achievement: Achievement, holder: User, staff: list[User], index: int) -> None:
    reviewer = staff[index % len(staff)]
    for step in spec["path"]:
        if step in ("submit", "resubmit"):
            if step == "resubmit":
                achievement.refresh_from_db()
                services.achievement_update(
                    achievement_id=achievement.pk,
                    actor=holder,
                    expected_version=achievement.version,
                    fields={
                        "background": achievement.background
                        + "据《中国慢性乙型肝炎防治指南》估计，我国现有慢性乙肝患者约 2000 万例。"
                    },
                )
                services.material_upload(
                    achievement_id=achievement.pk,
                    actor=holder,
                    uploaded_file=_pdf(f"补充材料-{achievement.pk}"),
                    kind=_first_required(achievement),
                    note="按形式审查意见补充",
                )
            services.achievement_submit(achievement_id=achievement.pk, actor=holder)
            if step == "submit" and index % 5 == 0:
                services.achievement_reassign(
                    achievement_id=achievement.pk, actor=reviewer, assignee=reviewer, note="认领"
                )
        elif step == "return_for_supplement":
            reasons = [
                {
                    "target_kind": kind,
                    "target": _first_required(achievement) if target == "__first_required__" else target,
                    "text": text,
                }
                for kind, target, text in RETURN_REASONS
            ]
            services.achievement_review(
                achievement_id=achievement.pk, actor=reviewer, decision=step, reasons=reasons
            )
        elif step in ("accept", "refuse"):
            services.achievement_review(
                achievement_id=achievement.pk,
                actor=reviewer,
                decision=step,
                note=spec.get("refuse_reason", "材料齐全，符合受理条件。" if step == "accept" else ""),
            )
        elif step == "withdraw":
            services.achievement_withdraw(
                achievement_id=achievement.pk, actor=holder, reason=spec["withdraw_reason"]
            )
        elif step == "publish":
            services.achievement_publish(achievement_id=achievement.pk, actor=reviewer)
        else:
            reason = {
                "mark_not_evaluated": spec.get("not_evaluated_reason", ""),
                "retire": spec.get("retire_reason", ""),
                "fail_evaluation": "临床价值与技术成熟度评分未达到发布要求。",
            }.get(step, "")
            transition(Achievement, achievement.pk, action=step, actor=reviewer, reason=reason)


def _first_required(achievement: Achievement) -> str:
    material = RequiredMaterial.objects.filter(
        achievement_type_id=achievement.achievement_type_id, required=True
    ).first()
    return material.code if material else "other"


def _backdate(achievement: Achievement, days: int, until: int = 0) -> None:
    """Spread the achievement's log from ``days`` to about ``until`` calendar days ago, on working hours."""
    content_type = ContentType.objects.get_for_model(Achievement)
    logs = list(
        TransitionLog.objects.filter(content_type=content_type, object_id=achievement.pk).order_by("id")
    )
    now = timezone.localtime()
    start = now - dt.timedelta(days=days)
    n = len(logs)
    previous = None
    times = []
    for i, log in enumerate(logs):
        moment = start + dt.timedelta(days=(days - until) * i / max(n, 1))
        moment = moment.replace(hour=9 + (i * 2) % 8, minute=(17 * i) % 60, second=0, microsecond=0)
        if moment > now:
            moment = now - dt.timedelta(minutes=n - i)
        if previous and moment <= previous:
            moment = previous + dt.timedelta(minutes=30)
        log.created_at = moment
        log.working_days = (
            workdays.working_days_between(workdays.local_date(previous), workdays.local_date(moment))
            if previous
            else None
        )
        previous = moment
        times.append(moment)
    TransitionLog.objects.bulk_update(logs, ["created_at", "working_days"])

    def first(*actions):
        return next((log.created_at for log in logs if log.action in actions), None)

    def last(*actions):
        return next((log.created_at for log in reversed(logs) if log.action in actions), None)

    Achievement.objects.filter(pk=achievement.pk).update(
        created_at=times[0],
        updated_at=times[-1],
        submitted_at=first("submit"),
        last_submitted_at=last("submit", "resubmit"),
        decided_at=last("accept", "refuse"),
        accepted_at=first("accept"),
        published_at=first("publish"),
    )
    submit_times = [log.created_at for log in logs if log.action in ("submit", "resubmit")]
    for submission, moment in zip(achievement.submissions.order_by("number"), submit_times, strict=False):
        Submission.objects.filter(pk=submission.pk).update(created_at=moment)
    return_times = [log.created_at for log in logs if log.action == "return_for_supplement"]
    for submission, moment in zip(
        achievement.submissions.filter(reasons__isnull=False).distinct().order_by("number"),
        return_times,
        strict=False,
    ):
        ReviewReason.objects.filter(submission=submission).update(created_at=moment)
    if submit_times:
        ReviewAssignment.objects.filter(achievement=achievement).update(
            created_at=submit_times[0] + dt.timedelta(hours=1)
        )
    from .selectors import achievement_attachments

    achievement_attachments(achievement).update(created_at=times[0] + dt.timedelta(hours=1))


def seed(stdout=None) -> None:
    holders = _holders()
    staff = list(User.objects.filter(username__in=["staff", "staff2"]).order_by("username"))
    if not staff:
        return
    created = 0
    with _quiet_workflow():
        for index, spec in enumerate(SPECS):
            holder = holders[spec["holder"]]
            if Achievement.objects.filter(holder=holder, name=spec["name"]).exists():
                continue
            with transaction.atomic():
                achievement = _fill(spec, holder)
                if spec.get("materials", True):
                    _upload_materials(achievement, holder)
                _drive(spec, achievement, holder, staff, index)
                _backdate(achievement, spec["days"], spec.get("until", 0))
            created += 1
    if created:
        from platform_core.notifications.services import notification_send

        for achievement in Achievement.objects.filter(state=Achievement.State.RETURNED).select_related(
            "holder"
        ):
            notification_send(
                recipient=achievement.holder,
                title=f"您的成果“{achievement.name}”需补充完善",
                body="请按形式审查意见逐项补充后重新提交。",
                target=achievement,
                email=False,
            )
    if stdout is not None:
        stdout.write(f"achievements: {created} created, {Achievement.objects.count()} in total")
