"""Panels: conflict detection, balance, load, candidates for automatic assignment, task lists."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from evaluation.models import Evaluation, Expert, PanelMember, PanelRole, ScoreSheet, TrlScale

DEFAULT_LOAD_CAP = 3


def load_cap(expert: Expert) -> int:
    return expert.max_load or int(getattr(settings, "EVALUATION_EXPERT_LOAD_CAP", DEFAULT_LOAD_CAP))


def _norm(name: str) -> str:
    return "".join((name or "").split()).lower()


def _names(user) -> set[str]:
    names = {_norm(getattr(user, "display_name", "")), _norm(user.get_full_name()), _norm(str(user))}
    return {n for n in names if n}


@dataclass(frozen=True)
class Conflict:
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def holder_organization_ids(achievement) -> set[int]:
    ids = {achievement.organization_id, getattr(achievement.holder, "organization_id", None)}
    ids |= set(achievement.co_organizations.values_list("pk", flat=True))
    return {i for i in ids if i}


def conflicts_for(expert: Expert, achievement) -> list[Conflict]:
    """Why this expert may not evaluate this achievement (empty list: no conflict found)."""
    found: list[Conflict] = []
    org_ids = holder_organization_ids(achievement)
    user = expert.user
    if user.pk == achievement.holder_id:
        found.append(Conflict("holder", _("The expert is the holder of the achievement.")))
    expert_orgs = {i for i in (expert.organization_id, user.organization_id) if i}
    if expert_orgs & org_ids:
        found.append(
            Conflict("same_organisation", _("The expert works at the holding or a co-holding organisation."))
        )
    expert_names = _names(user)
    team = list(achievement.team_members.all())
    if any(m.user_id == user.pk or _norm(m.name) in expert_names for m in team):
        found.append(Conflict("team_member", _("The expert is listed in the achievement's project team.")))
    people = {_norm(m.name) for m in team} | _names(achievement.holder)
    for relation in expert.relations.all():
        if (relation.organization_id and relation.organization_id in org_ids) or (
            relation.person_name and _norm(relation.person_name) in people
        ):
            found.append(
                Conflict(
                    "declared_relation",
                    _("Declared relation: %(relation)s") % {"relation": str(relation)},
                )
            )
    return found


def active_members(evaluation: Evaluation) -> QuerySet[PanelMember]:
    return evaluation.panel_members.exclude(state=PanelMember.State.RECUSED).select_related(
        "expert__user", "expert__organization"
    )


def role_counts(members) -> Counter:
    return Counter(m.panel_role for m in members)


def panel_problems(evaluation: Evaluation) -> list[str]:
    """The balance check: at least ``min_per_role`` experts of each panel role, and no conflicts."""
    members = list(active_members(evaluation))
    problems: list[str] = []
    counts = role_counts(members)
    for role, label in PanelRole.choices:
        if counts.get(role, 0) < evaluation.min_per_role:
            problems.append(
                _("The panel needs at least %(n)d %(role)s (has %(has)d).")
                % {"n": evaluation.min_per_role, "role": label, "has": counts.get(role, 0)}
            )
    achievement = evaluation.achievement
    for member in members:
        if conflicts_for(member.expert, achievement):
            problems.append(_("%(expert)s has a conflict of interest.") % {"expert": member.expert})
    return problems


def scoring_problems(evaluation: Evaluation) -> list[str]:
    problems = panel_problems(evaluation)
    members = list(active_members(evaluation).select_related("sheet"))
    for member in members:
        sheet = getattr(member, "sheet", None)
        if member.state == PanelMember.State.ASSIGNED:
            problems.append(_("%(expert)s has not signed the declaration.") % {"expert": member.expert})
        elif sheet is None or sheet.state != ScoreSheet.State.SUBMITTED:
            problems.append(_("%(expert)s has not submitted the score sheet.") % {"expert": member.expert})
    return problems


def expert_loads(expert_ids=None) -> dict[int, int]:
    """Open evaluations per expert (non-recused memberships)."""
    qs = PanelMember.objects.exclude(state=PanelMember.State.RECUSED).filter(
        evaluation__state__in=Evaluation.OPEN_STATES
    )
    if expert_ids is not None:
        qs = qs.filter(expert_id__in=list(expert_ids))
    return dict(qs.values("expert_id").annotate(n=Count("id")).values_list("expert_id", "n"))


def expert_list() -> QuerySet[Expert]:
    open_q = Q(panel_memberships__evaluation__state__in=Evaluation.OPEN_STATES) & ~Q(
        panel_memberships__state=PanelMember.State.RECUSED
    )
    return Expert.objects.select_related("user", "organization").annotate(
        load=Count("panel_memberships", filter=open_q, distinct=True)
    )


def candidates(evaluation: Evaluation, role: str) -> list[tuple[Expert, list[Conflict], int]]:
    """Experts of a role not on the panel, with their conflicts and load, least loaded first."""
    on_panel = set(active_members(evaluation).values_list("expert_id", flat=True))
    experts = list(
        Expert.objects.filter(panel_role=role, is_active=True, user__is_active=True)
        .exclude(pk__in=on_panel)
        .select_related("user", "organization")
        .prefetch_related("relations")
    )
    loads = expert_loads(e.pk for e in experts)
    achievement = evaluation.achievement
    rows = [(e, conflicts_for(e, achievement), loads.get(e.pk, 0)) for e in experts]
    return sorted(rows, key=lambda r: (bool(r[1]), r[2], r[0].pk))


def trl_scale_for(achievement) -> TrlScale | None:
    """The TRL scale proposed for the achievement's type (its code or name in ``applies_to``), else the default."""
    scales = list(TrlScale.objects.order_by("order", "id"))
    kind = achievement.achievement_type
    if kind is not None:
        keys = {kind.code, kind.name}
        for scale in scales:
            if keys & set(scale.applies_to_list):
                return scale
    return next((s for s in scales if s.is_default), scales[0] if scales else None)


def tasks_for_expert(user) -> QuerySet[PanelMember]:
    """An evaluator's panel memberships in open evaluations (declaration pending or scoring)."""
    return (
        PanelMember.objects.filter(expert__user=user, evaluation__state__in=Evaluation.OPEN_STATES)
        .exclude(state=PanelMember.State.RECUSED)
        .select_related("evaluation__achievement", "sheet")
        .order_by("evaluation__due_date", "evaluation_id")
    )


def evaluation_list() -> QuerySet[Evaluation]:
    return Evaluation.objects.select_related(
        "achievement", "achievement__holder", "leader", "indicator_system"
    ).annotate(
        member_count=Count(
            "panel_members", filter=~Q(panel_members__state=PanelMember.State.RECUSED), distinct=True
        ),
        submitted_count=Count(
            "panel_members__sheet",
            filter=Q(panel_members__sheet__state=ScoreSheet.State.SUBMITTED),
            distinct=True,
        ),
    )


def evaluation_clock(evaluation: Evaluation) -> dict[str, int]:
    """Working days since the evaluation started (to its close or today), and how many of them were spent
    waiting for supplementary materials (the clock pauses then, §5.1.2.3.4)."""
    from django.utils import timezone

    from platform_core import workdays
    from platform_core.workflow.engine import history

    logs = list(history(evaluation))
    start = next((log.created_at for log in logs if log.action == "start"), None)
    if start is None:
        return {"total": 0, "paused": 0, "net": 0}
    end = (
        evaluation.closed_at
        if evaluation.state in Evaluation.FINISHED_STATES and evaluation.closed_at
        else timezone.now()
    )
    total = workdays.working_days_between(workdays.local_date(start), workdays.local_date(end))
    paused = 0
    waiting_since = None
    for log in logs:
        if log.to_state == Evaluation.State.SUPPLEMENT:
            waiting_since = log.created_at
        elif waiting_since is not None and log.from_state == Evaluation.State.SUPPLEMENT:
            paused += workdays.working_days_between(
                workdays.local_date(waiting_since), workdays.local_date(log.created_at)
            )
            waiting_since = None
    if waiting_since is not None:
        paused += workdays.working_days_between(workdays.local_date(waiting_since), workdays.local_date(end))
    return {"total": total, "paused": paused, "net": max(0, total - paused)}
