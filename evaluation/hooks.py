"""Hooks into other apps, registered in ``EvaluationConfig.ready()``:

* ``achievements.permissions.extra_viewers`` / ``extra_viewer_filters`` — a panel member who has signed the
  conflict-of-interest declaration of an open (or finished) evaluation may see the achievement and its
  materials; an assigned expert who has not signed may not (the materials page answers 403).
* the attachments/reports visibility registry for the Evaluation (its supplementary materials and the
  report) and the ScoreSheet (the expert's 评分表 PDF).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q


def signed_panel_member_of(user: Any, achievement: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or achievement is None:
        return False
    from evaluation.models import Evaluation, PanelMember

    return (
        PanelMember.objects.filter(
            evaluation__achievement_id=achievement.pk,
            expert__user_id=user.pk,
            state=PanelMember.State.ACTIVE,
        )
        .exclude(evaluation__state=Evaluation.State.CANCELLED)
        .exists()
    )


def signed_panel_member_filter(user: Any) -> Q:
    from evaluation.models import Evaluation, PanelMember

    ids = (
        PanelMember.objects.filter(expert__user_id=user.pk, state=PanelMember.State.ACTIVE)
        .exclude(evaluation__state=Evaluation.State.CANCELLED)
        .values("evaluation__achievement_id")
    )
    return Q(pk__in=ids)


def can_view_evaluation_files(user: Any, evaluation: Any) -> bool:
    if user.has_perm("evaluation.view_materials", evaluation):
        return True
    # the holder sees his own supplementary uploads and, once closed, the report
    return evaluation.achievement.holder_id == user.pk and (
        evaluation.state in ("supplement", "passed", "failed", "not_evaluated")
    )


def can_upload_evaluation_files(user: Any, evaluation: Any) -> bool:
    return user.has_perm("evaluation.manage_evaluation", evaluation) or user.has_perm(
        "evaluation.supplement_materials", evaluation
    )


def can_view_sheet_files(user: Any, sheet: Any) -> bool:
    return user.has_perm("evaluation.view_sheet", sheet)


def register_hooks() -> None:
    from achievements import permissions as achievement_permissions
    from evaluation.models import Evaluation, ScoreSheet
    from platform_core.attachments.registry import register_visibility

    if signed_panel_member_of not in achievement_permissions.extra_viewers:
        achievement_permissions.extra_viewers.append(signed_panel_member_of)
    if signed_panel_member_filter not in achievement_permissions.extra_viewer_filters:
        achievement_permissions.extra_viewer_filters.append(signed_panel_member_filter)
    register_visibility(
        Evaluation, can_view=can_view_evaluation_files, can_upload=can_upload_evaluation_files
    )
    register_visibility(ScoreSheet, can_view=can_view_sheet_files)
