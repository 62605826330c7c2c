"""The whole life of an achievement (000 §6): states, the allowed moves and who may take each one.

This app makes the submission and formal-review moves; later stages (evaluation, publication, docking,
agreement, conversion) call ``platform_core.workflow.engine.transition(Achievement, pk, action=..., actor=...)``
with the actions declared here.
"""

from __future__ import annotations

import rules
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import Role, is_staff_member
from platform_core.workflow.engine import Transition, Workflow

from .models import Achievement
from .permissions import is_owner

S = Achievement.State

# Before publication the holder may withdraw the achievement.
WITHDRAWABLE = (
    S.DRAFT,
    S.SUBMITTED,
    S.RETURNED,
    S.RESUBMITTED,
    S.ACCEPTED,
    S.UNDER_EVALUATION,
    S.NOT_EVALUATED,
    S.EVALUATION_PASSED,
    S.EVALUATION_FAILED,
)


@rules.predicate
def is_platform(user) -> bool:
    """A move the platform makes on its own (no user), e.g. after a docking project closed."""
    return user is None


def _submission_ready(achievement: Achievement):
    """Condition of submit/resubmit: the record and the required materials are complete."""
    from .selectors import submission_problems

    problems = submission_problems(achievement)
    if problems:
        return _("The submission is incomplete: %(items)s") % {
            "items": "；".join(str(p.message) for p in problems[:5])
        }
    return None


def _staff_recipients(achievement: Achievement):
    if achievement.assigned_to_id:
        return [achievement.assigned_to]
    User = get_user_model()
    return list(User.objects.filter(groups__name=Role.STAFF, is_active=True).distinct())


def _notify(achievement: Achievement, log):
    name = achievement.name
    if log.action in ("submit", "resubmit"):
        title = (
            _("New achievement submitted: %(name)s")
            if log.action == "submit"
            else _("Achievement resubmitted: %(name)s")
        ) % {"name": name}
        body = _("“%(name)s” is waiting for the formal review.") % {"name": name}
        for user in _staff_recipients(achievement):
            yield user, title, body
        return
    if log.action == "withdraw":
        if achievement.assigned_to_id:
            yield (
                achievement.assigned_to,
                _("Achievement withdrawn: %(name)s") % {"name": name},
                log.reason,
            )
        return
    messages = {
        "accept": _("Your achievement “%(name)s” has been accepted"),
        "return_for_supplement": _("Your achievement “%(name)s” was returned for supplement"),
        "refuse": _("Your achievement “%(name)s” was refused"),
        "start_evaluation": _("The evaluation of “%(name)s” has started"),
        "mark_not_evaluated": _("“%(name)s” will not be evaluated"),
        "pass_evaluation": _("“%(name)s” passed the evaluation"),
        "fail_evaluation": _("“%(name)s” did not pass the evaluation"),
        "publish": _("“%(name)s” has been published in the library"),
        "unpublish": _("“%(name)s” was taken out of the library"),
        "retire": _("“%(name)s” was retired from the library"),
        "end_docking": _("Docking on “%(name)s” ended without an agreement; it is open to enquiries again"),
    }
    if log.action in messages:
        body = log.reason or _("See the achievement's page for details.")
        yield achievement.holder, messages[log.action] % {"name": name}, body


ACHIEVEMENT_WORKFLOW = Workflow(
    name="achievement",
    model=Achievement,
    states=S,
    transitions=[
        # --- submission and formal review (this app) ---
        Transition(
            "submit",
            (S.DRAFT,),
            S.SUBMITTED,
            _("Submit"),
            is_owner,
            condition=_submission_ready,
            style="success",
        ),
        Transition(
            "return_for_supplement",
            (S.SUBMITTED, S.RESUBMITTED),
            S.RETURNED,
            _("Return for supplement"),
            is_staff_member,
            reason_required=True,
            style="warning",
        ),
        Transition(
            "resubmit",
            (S.RETURNED,),
            S.RESUBMITTED,
            _("Resubmit"),
            is_owner,
            condition=_submission_ready,
            style="success",
        ),
        Transition(
            "accept", (S.SUBMITTED, S.RESUBMITTED), S.ACCEPTED, _("Accept"), is_staff_member, style="success"
        ),
        Transition(
            "refuse",
            (S.SUBMITTED, S.RESUBMITTED),
            S.REFUSED,
            _("Refuse"),
            is_staff_member,
            reason_required=True,
            style="danger",
        ),
        Transition("withdraw", WITHDRAWABLE, S.WITHDRAWN, _("Withdraw"), is_owner, style="secondary"),
        # --- evaluation (the evaluation app) ---
        Transition(
            "start_evaluation", (S.ACCEPTED,), S.UNDER_EVALUATION, _("Start evaluation"), is_staff_member
        ),
        Transition(
            "mark_not_evaluated",
            (S.UNDER_EVALUATION,),
            S.NOT_EVALUATED,
            _("Not evaluated"),
            is_staff_member,
            reason_required=True,
            style="danger",
        ),
        Transition(
            "pass_evaluation",
            (S.UNDER_EVALUATION,),
            S.EVALUATION_PASSED,
            _("Evaluation passed"),
            is_staff_member,
            style="success",
        ),
        Transition(
            "fail_evaluation",
            (S.UNDER_EVALUATION,),
            S.EVALUATION_FAILED,
            _("Evaluation failed"),
            is_staff_member,
            style="danger",
        ),
        # --- publication and the library ---
        Transition(
            "publish", (S.EVALUATION_PASSED,), S.PUBLISHED, _("Publish"), is_staff_member, style="success"
        ),
        Transition(
            "unpublish",
            (S.PUBLISHED,),
            S.EVALUATION_PASSED,
            _("Unpublish"),
            is_staff_member,
            reason_required=True,
            style="warning",
        ),
        # --- docking, agreement, conversion (the matching app) ---
        Transition("start_docking", (S.PUBLISHED,), S.IN_DOCKING, _("Start docking"), is_staff_member),
        # the last active docking project closed without an agreement (achievements.services)
        Transition(
            "end_docking",
            (S.IN_DOCKING,),
            S.PUBLISHED,
            _("Docking ended without agreement"),
            is_staff_member | is_platform,
            style="secondary",
        ),
        Transition(
            "sign_agreement",
            (S.PUBLISHED, S.IN_DOCKING),
            S.AGREEMENT_SIGNED,
            _("Agreement signed"),
            is_staff_member,
            style="success",
        ),
        Transition(
            "convert", (S.AGREEMENT_SIGNED,), S.CONVERTED, _("Converted"), is_staff_member, style="success"
        ),
        # --- dynamic update: outdated entries are retired (5.2.1.2.6) ---
        Transition(
            "retire",
            (S.PUBLISHED, S.IN_DOCKING, S.EVALUATION_PASSED),
            S.RETIRED,
            _("Retire"),
            is_staff_member,
            reason_required=True,
            style="dark",
        ),
    ],
    notify=_notify,
)

# The formal-review decisions a staff member takes on the review page.
REVIEW_ACTIONS = ("accept", "return_for_supplement", "refuse")
# Moves that go through this app's services (snapshots, reasons); the API routes them there.
SERVICE_ACTIONS = ("submit", "resubmit", "return_for_supplement", "refuse", "accept", "withdraw")
