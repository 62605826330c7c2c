"""State machines of information services: content publication, consultations and feedback.

The consultation workflow is named ``consultation``: the quality app reads its TransitionLog rows for the
timeliness indicator (response = creation → first ``answered``; completion = creation → ``closed``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from platform_core.accounts.roles import is_staff_member
from platform_core.workflow.engine import Transition, Workflow

from .models import Article, Consultation, Feedback
from .permissions import is_asker

AS = Article.State
CS = Consultation.State
FS = Feedback.State


def _article_ready(article: Article):
    if not (article.title or "").strip():
        return _("A title is required before publishing.")
    if not (article.body or article.summary or article.interpretation):
        return _("Write a summary or a body before publishing.")
    return None


ARTICLE_WORKFLOW = Workflow(
    name="content",
    model=Article,
    states=AS,
    transitions=[
        Transition(
            "publish",
            (AS.DRAFT, AS.UNPUBLISHED),
            AS.PUBLISHED,
            _("Publish"),
            is_staff_member,
            condition=_article_ready,
            style="success",
        ),
        Transition(
            "unpublish",
            (AS.PUBLISHED,),
            AS.UNPUBLISHED,
            _("Unpublish"),
            is_staff_member,
            reason_required=True,
            style="outline-danger",
        ),
    ],
)


def _asker_or_staff(user, consultation) -> bool:
    return bool(is_asker(user, consultation) or is_staff_member(user))


def _notify_consultation(consultation: Consultation, log):
    if log.action == "assign" and consultation.assignee_id:
        yield (
            consultation.assignee,
            _("Consultation assigned to you: %(subject)s") % {"subject": consultation.subject},
            consultation.question[:300],
        )
    elif log.action == "answer":
        yield (
            consultation.asker,
            _("Your consultation has been answered: %(subject)s") % {"subject": consultation.subject},
            _("Open it to read the answer, ask a follow-up question or confirm it is resolved."),
        )
    elif log.action in {"follow_up", "reopen"} and consultation.assignee_id:
        if log.actor_id != consultation.assignee_id:
            yield (
                consultation.assignee,
                _("Consultation needs another answer: %(subject)s") % {"subject": consultation.subject},
                log.reason[:300],
            )
    elif log.action == "close" and log.actor_id != consultation.asker_id:
        yield (
            consultation.asker,
            _("Your consultation was closed: %(subject)s") % {"subject": consultation.subject},
            log.reason,
        )


CONSULTATION_WORKFLOW = Workflow(
    name="consultation",
    model=Consultation,
    states=CS,
    transitions=[
        Transition(
            "assign", (CS.SUBMITTED, CS.ASSIGNED, CS.REOPENED), CS.ASSIGNED, _("Assign"), is_staff_member
        ),
        Transition(
            "answer",
            (CS.SUBMITTED, CS.ASSIGNED, CS.REOPENED),
            CS.ANSWERED,
            _("Answer"),
            is_staff_member,
            reason_required=True,
            style="success",
        ),
        Transition(
            "follow_up",
            (CS.ANSWERED,),
            CS.REOPENED,
            _("Ask a follow-up question"),
            is_asker,
            reason_required=True,
            style="outline-primary",
        ),
        Transition(
            "confirm", (CS.ANSWERED,), CS.CLOSED, _("Confirm resolved and close"), is_asker, style="success"
        ),
        Transition(
            "close",
            (CS.SUBMITTED, CS.ASSIGNED, CS.ANSWERED, CS.REOPENED),
            CS.CLOSED,
            pgettext_lazy("consultation", "Close"),
            is_staff_member,
            reason_required=True,
            style="outline-danger",
        ),
        Transition(
            "reopen",
            (CS.CLOSED,),
            CS.REOPENED,
            _("Reopen"),
            _asker_or_staff,
            reason_required=True,
            style="outline-secondary",
        ),
    ],
    notify=_notify_consultation,
)


def _notify_feedback(feedback: Feedback, log):
    if log.action == "resolve":
        yield (
            feedback.author,
            _("Your feedback has been handled: %(target)s") % {"target": feedback.target},
            log.reason,
        )


FEEDBACK_WORKFLOW = Workflow(
    name="feedback",
    model=Feedback,
    states=FS,
    transitions=[
        Transition("acknowledge", (FS.NEW,), FS.ACKNOWLEDGED, _("Take on"), is_staff_member),
        Transition(
            "resolve",
            (FS.NEW, FS.ACKNOWLEDGED),
            FS.RESOLVED,
            _("Mark handled"),
            is_staff_member,
            reason_required=True,
            style="success",
        ),
        Transition(
            "reopen",
            (FS.RESOLVED,),
            FS.ACKNOWLEDGED,
            _("Reopen"),
            is_staff_member,
            reason_required=True,
            style="outline-secondary",
        ),
    ],
    notify=_notify_feedback,
)
