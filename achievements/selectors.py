"""Reads of the achievements app: visibility of confidential sections, completeness, queues, clocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core import workdays
from platform_core.accounts.roles import Role, has_role, is_staff_member

from .models import (
    CONFIDENTIAL_SECTIONS,
    Achievement,
    Confidentiality,
    RequiredMaterial,
)
from .permissions import is_extra_viewer, visible_q

# Hooks of the library (later issue): callables (user, achievement) -> bool, True when the holder granted
# this user access to the "granted" sections.
grant_checkers: list = []


# --------------------------------------------------------------------------- visibility
def user_levels(achievement: Achievement, user: Any) -> set[str]:
    """The confidentiality levels a user may read on this achievement."""
    if getattr(user, "is_authenticated", False):
        if (
            is_staff_member(user)
            or achievement.holder_id == user.pk
            or is_extra_viewer(user, achievement)
            or any(check(user, achievement) for check in grant_checkers)
        ):
            return {Confidentiality.PUBLIC, Confidentiality.REGISTERED, Confidentiality.GRANTED}
        if has_role(user, Role.ENTERPRISE, Role.INVESTOR):
            return {Confidentiality.PUBLIC, Confidentiality.REGISTERED}
    return {Confidentiality.PUBLIC}


def visible_fields(achievement: Achievement, user: Any) -> set[str]:
    """The confidential sections (keys of ``CONFIDENTIAL_SECTIONS``) this user may read."""
    levels = user_levels(achievement, user)
    return {key for key in CONFIDENTIAL_SECTIONS if achievement.level_of(key) in levels}


def hidden_fields(achievement: Achievement, user: Any) -> set[str]:
    return set(CONFIDENTIAL_SECTIONS) - visible_fields(achievement, user)


def visible_achievements(user: Any) -> QuerySet[Achievement]:
    return Achievement.objects.filter(visible_q(user))


def featured_achievements(limit: int = 6) -> QuerySet[Achievement]:
    """Published achievements for the home page: those staff featured when publishing first, then the
    newest (an entry without a publication row counts as not featured, on every database)."""
    return (
        Achievement.objects.published()
        .for_list()
        .order_by(Coalesce("publication__featured", Value(False)).desc(), "-published_at", "-id")[:limit]
    )


# --------------------------------------------------------------------------- materials
def achievement_attachments(achievement: Achievement) -> QuerySet:
    from platform_core.attachments.models import Attachment

    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Achievement), object_id=achievement.pk
    ).order_by("kind", "created_at", "id")


def required_materials(achievement: Achievement) -> list[RequiredMaterial]:
    if not achievement.achievement_type_id:
        return []
    return list(RequiredMaterial.objects.filter(achievement_type_id=achievement.achievement_type_id))


@dataclass
class ChecklistItem:
    material: RequiredMaterial
    files: list

    @property
    def present(self) -> bool:
        return bool(self.files)

    @property
    def ok(self) -> bool:
        return self.present or not self.material.required


def material_checklist(achievement: Achievement, attachments: list | None = None) -> list[ChecklistItem]:
    """Each required/optional material of the type with the files uploaded for it."""
    files = list(attachments) if attachments is not None else list(achievement_attachments(achievement))
    return [
        ChecklistItem(material=m, files=[a for a in files if a.kind == m.code])
        for m in required_materials(achievement)
    ]


# --------------------------------------------------------------------------- completeness
@dataclass
class Problem:
    target: str  # a field name, a row section, or "material:<code>"
    message: Any
    step: str


REQUIRED_FIELDS = [
    ("name", "basic", _("Enter the achievement name.")),
    ("summary", "basic", _("Enter a short summary.")),
    ("achievement_type", "basic", _("Choose the achievement type.")),
    ("technical_field", "basic", _("Choose the technical field.")),
    ("maturity", "basic", _("Choose the maturity.")),
    ("background", "basic", _("Describe the research background.")),
    ("innovation_points", "basic", _("Describe the innovation points.")),
    ("contributions", "basic", _("Describe the main contributions.")),
    ("contact_name", "cooperation", _("Enter a contact person.")),
    ("contact_phone", "cooperation", _("Enter a contact phone.")),
]


def submission_problems(achievement: Achievement) -> list[Problem]:
    """What is missing before the achievement can be (re)submitted, in form order."""
    problems: list[Problem] = []
    for name, step, message in REQUIRED_FIELDS:
        value = getattr(achievement, Achievement._meta.get_field(name).attname)
        if value in (None, ""):
            problems.append(Problem(name, message, step))
    if not achievement.scenarios.exists():
        problems.append(Problem("scenarios", _("Choose at least one application scenario."), "basic"))
    if not achievement.technical_parameters.exists():
        problems.append(
            Problem("technical_parameters", _("Add at least one technical parameter."), "technical")
        )
    if not achievement.cooperation_modes.exists():
        problems.append(
            Problem("cooperation_modes", _("Choose at least one cooperation mode."), "cooperation")
        )
    if not achievement.team_members.exists():
        problems.append(Problem("team", _("Add at least one team member."), "team"))
    for item in material_checklist(achievement):
        if not item.ok:
            problems.append(
                Problem(
                    f"material:{item.material.code}",
                    _("Upload the required material “%(name)s”.") % {"name": item.material.name},
                    "materials",
                )
            )
    return problems


# --------------------------------------------------------------------------- clocks
@dataclass
class ReviewClock:
    total: int  # working days from the first submission to the decision (or today)
    with_holder: int  # working days spent in "returned" (waiting on the holder)
    since_last: int  # working days since the last (re)submission (or to the decision)

    @property
    def with_platform(self) -> int:
        return max(self.total - self.with_holder, 0)


def _local(value: dt.datetime) -> dt.date:
    return workdays.local_date(value)


def review_clock(achievement: Achievement, logs: list | None = None) -> ReviewClock | None:
    """The formal-review clock in working days, from the submission to the decision (6.1.2)."""
    if achievement.submitted_at is None:
        return None
    if logs is None:
        from platform_core.workflow.engine import history

        logs = list(history(achievement))
    end = achievement.decided_at or timezone.now()
    if achievement.decided_at is None and achievement.state not in (
        *Achievement.REVIEW_STATES,
        Achievement.State.RETURNED,
    ):
        # Withdrawn during the review: the clock stops at the last step.
        end = logs[-1].created_at if logs else end
    total = workdays.working_days_between(_local(achievement.submitted_at), _local(end))
    with_holder = 0
    returned_since = None
    for log in logs:
        if log.to_state == Achievement.State.RETURNED:
            returned_since = log.created_at
        elif returned_since is not None and log.from_state == Achievement.State.RETURNED:
            with_holder += workdays.working_days_between(_local(returned_since), _local(log.created_at))
            returned_since = None
    if returned_since is not None:
        with_holder += workdays.working_days_between(_local(returned_since), _local(end))
    last = achievement.last_submitted_at or achievement.submitted_at
    since_last = workdays.working_days_between(_local(last), _local(end))
    return ReviewClock(total=total, with_holder=with_holder, since_last=since_last)


def days_waiting(achievement: Achievement, today: dt.date | None = None) -> int:
    """Working days since the last (re)submission (the queue's clock)."""
    start = achievement.last_submitted_at or achievement.submitted_at
    if start is None:
        return 0
    return workdays.working_days_between(_local(start), today or timezone.localdate())


def working_days_before(end: dt.date, n: int) -> dt.date:
    """The latest date d with ``working_days_between(d, end) >= n`` (n working days before ``end``)."""
    day = end
    counted = 0
    while counted < n:
        if workdays.is_working_day(day):
            counted += 1
        day -= dt.timedelta(days=1)
    return day
