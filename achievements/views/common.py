"""Helpers shared by the HTML views: loading with visibility, the record's presentation, reasons."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import HttpRequest

from platform_core.permissions import get_visible_or_404
from platform_core.workflow.engine import history, workflow_for

from ..models import CONFIDENTIAL_SECTIONS, Achievement, Confidentiality, ReviewReason
from ..sections import STEP_LABELS, TARGET_ALIASES, step_of_target, target_label
from ..selectors import achievement_attachments, material_checklist, review_clock, visible_fields

DETAIL_RELATED = ("holder", "organization", "achievement_type", "technical_field", "assigned_to")


def load(request: HttpRequest, pk: int) -> Achievement:
    """The achievement if the user may see it, else 404."""
    queryset = Achievement.objects.select_related(*DETAIL_RELATED)
    return get_visible_or_404(queryset, user=request.user, perm="achievements.view_achievement", pk=pk)


def labelled_logs(achievement: Achievement) -> list:
    wf = workflow_for(Achievement)
    logs = list(history(achievement))
    for log in logs:
        log.from_label = wf.state_label(log.from_state) if log.from_state else ""
        log.to_label = wf.state_label(log.to_state)
        step = wf.get(log.action)
        log.action_label = step.label if step else log.action
    return logs


def current_reasons(achievement: Achievement) -> list[ReviewReason]:
    """The reasons of the last return for supplement (what the holder must fix now)."""
    if achievement.state not in (Achievement.State.RETURNED, Achievement.State.RESUBMITTED):
        return []
    latest = (
        ReviewReason.objects.filter(achievement=achievement, action="return_for_supplement")
        .order_by("-submission__number")
        .values_list("submission_id", flat=True)
        .first()
    )
    if latest is None:
        return []
    reasons = list(
        ReviewReason.objects.filter(submission_id=latest).select_related("created_by").order_by("id")
    )
    for reason in reasons:
        reason.label = target_label(achievement, reason.target_kind, reason.target)
        reason.step = step_of_target(reason.target_kind, reason.target)
        reason.step_label = STEP_LABELS.get(reason.step, "")
    return reasons


def reasons_by_target(reasons: list[ReviewReason]) -> dict[str, list[ReviewReason]]:
    """{"background": [...], "material:pharmacodynamics": [...], "general": [...]}"""
    grouped: dict[str, list[ReviewReason]] = defaultdict(list)
    for reason in reasons:
        if reason.target_kind == "material":
            grouped[f"material:{reason.target}"].append(reason)
        elif reason.target_kind == "field":
            grouped[TARGET_ALIASES.get(reason.target, reason.target)].append(reason)
        else:
            grouped["general"].append(reason)
    return dict(grouped)


def record_context(achievement: Achievement, user: Any, *, with_materials: bool = True) -> dict[str, Any]:
    """Everything the record partial shows, with the sections this user may not read left out."""
    visible = visible_fields(achievement, user)
    hidden = [
        {"key": key, "label": label, "level": achievement.level_of(key)}
        for key, (_default, label) in CONFIDENTIAL_SECTIONS.items()
        if key not in visible
    ]
    ctx: dict[str, Any] = {
        "a": achievement,
        "visible": visible,
        "hidden_sections": hidden,
        "scenarios": list(achievement.scenarios.all()),
        "cooperation_modes": list(achievement.cooperation_modes.all()),
        "co_organizations": list(achievement.co_organizations.all()),
        "parameters": list(achievement.technical_parameters.all())
        if "technical_parameters" in visible
        else [],
        "cases": list(achievement.application_cases.all()) if "application_cases" in visible else [],
        "ip_entries": list(achievement.ip_entries.all()) if "ip_status" in visible else [],
        "team": list(achievement.team_members.all()) if "team" in visible else [],
        "levels": {key: Confidentiality(achievement.level_of(key)).label for key in CONFIDENTIAL_SECTIONS},
    }
    if with_materials and user.has_perm("achievements.view_materials", achievement):
        attachments = list(achievement_attachments(achievement).select_related("uploaded_by"))
        ctx["attachments"] = attachments
        ctx["checklist"] = material_checklist(achievement, attachments)
        ctx["show_materials"] = True
    return ctx


def clock_context(achievement: Achievement, logs: list) -> dict[str, Any]:
    return {"clock": review_clock(achievement, logs)}


def next_sort(current: str, keys: tuple[str, ...]) -> dict[str, str]:
    """For each sortable column, the sort value its header link applies (toggles the direction)."""
    return {key: f"-{key}" if current == key else key for key in keys}
