"""Every write of information services: content editing and publication, consultations, feedback."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import ValidationFailed
from platform_core.workflow.engine import record_initial, transition

from .models import Article, Consultation, ConsultationMessage, Feedback, Tag
from .sanitize import sanitize_html
from .workflow import ARTICLE_WORKFLOW, CONSULTATION_WORKFLOW, FEEDBACK_WORKFLOW

# ---------------------------------------------------------------------------------------------- content

EDITABLE_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "source",
    "source_url",
    "featured",
    "policy_level",
    "issuing_body",
    "document_number",
    "effective_date",
    "interpretation",
    "compliance_guidance",
    "starts_on",
    "ends_on",
    "location",
    "event_mode",
    "organiser",
    "registration_url",
    "related_content_type",
    "related_object_id",
    "related_text",
    "region",
    "indicators",
)
RICH_TEXT_FIELDS = ("body", "interpretation", "compliance_guidance")
INDICATOR_KEYS = ("name", "value", "unit", "note")


def normalise_indicators(rows: Any) -> list[dict[str, str]]:
    """A list of ``{name, value, unit, note}`` rows (strings); rows without a name are an error."""
    if rows in (None, ""):
        return []
    if not isinstance(rows, list):
        raise ValidationFailed(_("Indicators must be a list of rows."), code="indicators")
    clean: list[dict[str, str]] = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise ValidationFailed(
                _("Indicator row %(n)d is not a row of name, value, unit and note.") % {"n": number},
                code="indicators",
            )
        item = {key: str(row.get(key) or "").strip()[:200] for key in INDICATOR_KEYS}
        if not item["name"]:
            raise ValidationFailed(_("Indicator row %(n)d has no name.") % {"n": number}, code="indicators")
        clean.append(item)
    return clean


def tags_from_names(names: Iterable[str]) -> list[Tag]:
    """The tags with these names, creating missing ones (staff-editable vocabulary)."""
    wanted: list[str] = []
    for name in names:
        name = (name or "").strip()[:40]
        if name and name not in wanted:
            wanted.append(name)
    existing = {t.name: t for t in Tag.objects.filter(name__in=wanted)}
    result = []
    for name in wanted:
        tag = existing.get(name)
        if tag is None:
            tag = Tag(name=name)
            tag.full_clean()
            tag.save()
        result.append(tag)
    return result


def _apply_article_data(article: Article, data: dict[str, Any]) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for key, value in data.items():
        if key in RICH_TEXT_FIELDS:
            value = sanitize_html(value)
        elif key == "indicators":
            value = normalise_indicators(value)
        elif isinstance(value, str):
            value = value.strip()
        setattr(article, key, value)
    if article.starts_on and article.ends_on and article.ends_on < article.starts_on:
        raise ValidationFailed(_("The end date is before the start date."), code="dates")
    if bool(article.related_content_type_id) != bool(article.related_object_id):
        raise ValidationFailed(
            _("Give both the related record type and its id, or neither."), code="related_object"
        )


@transaction.atomic
def article_create(*, actor: Any, data: dict[str, Any], tag_names: Iterable[str] | None = None) -> Article:
    """A new draft; rich text is sanitised before it is stored."""
    article = Article(created_by=actor if getattr(actor, "pk", None) else None)
    _apply_article_data(article, data)
    article.full_clean()
    article.save()
    if tag_names is not None:
        article.tags.set(tags_from_names(tag_names))
    record_initial(article, actor=actor, workflow=ARTICLE_WORKFLOW)
    return article


@transaction.atomic
def article_update(
    *, article_id: int, actor: Any, data: dict[str, Any], tag_names: Iterable[str] | None = None
) -> Article:
    """Edit any field except the state (published items change in place)."""
    article = Article.objects.select_for_update().get(pk=article_id)
    _apply_article_data(article, data)
    article.full_clean()
    article.save()
    if tag_names is not None:
        article.tags.set(tags_from_names(tag_names))
    return article


def article_publish(*, article_id: int, actor: Any, reason: str = "") -> Article:
    def stamp(article: Article) -> None:
        if article.published_at is None:
            article.published_at = timezone.now()

    return transition(
        Article,
        article_id,
        action="publish",
        actor=actor,
        reason=reason,
        workflow=ARTICLE_WORKFLOW,
        apply=stamp,
    )


def article_unpublish(*, article_id: int, actor: Any, reason: str) -> Article:
    return transition(
        Article, article_id, action="unpublish", actor=actor, reason=reason, workflow=ARTICLE_WORKFLOW
    )


@transaction.atomic
def tag_rename(*, tag_id: int, name: str) -> Tag:
    tag = Tag.objects.select_for_update().get(pk=tag_id)
    tag.name = (name or "").strip()
    tag.full_clean()
    tag.save()
    return tag


@transaction.atomic
def tag_delete(*, tag_id: int) -> None:
    Tag.objects.filter(pk=tag_id).delete()


# ----------------------------------------------------------------------------------------- consultations


@transaction.atomic
def consultation_submit(
    *, asker: Any, category: str, subject: str, question: str, contact: str = ""
) -> Consultation:
    """A user asks; the clock starts with the creation log row."""
    consultation = Consultation(
        asker=asker,
        category=category,
        subject=(subject or "").strip(),
        question=(question or "").strip(),
        contact=(contact or "").strip(),
        waiting_since=timezone.now(),
    )
    consultation.full_clean()
    consultation.save()
    record_initial(consultation, actor=asker, workflow=CONSULTATION_WORKFLOW)
    return consultation


def _message_text(text: str, *, what: Any) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(_("%(what)s must not be empty.") % {"what": what}, code="empty")
    if len(text) > 10000:
        raise ValidationFailed(_("The text is too long (at most 10,000 characters)."), code="too_long")
    return text


def _log_excerpt(text: str) -> str:
    return Truncator(text.replace("\n", " ")).chars(50)


def consultation_assign(*, consultation_id: int, actor: Any, assignee: Any) -> Consultation:
    """Give the question to a service specialist."""
    if assignee is None or not is_staff_member(assignee):
        raise ValidationFailed(_("Choose a service specialist."), code="assignee")

    def set_assignee(c: Consultation) -> None:
        c.assignee = assignee

    return transition(
        Consultation,
        consultation_id,
        action="assign",
        actor=actor,
        reason=str(assignee),
        data={"assignee": assignee.pk},
        workflow=CONSULTATION_WORKFLOW,
        apply=set_assignee,
    )


@transaction.atomic
def consultation_answer(*, consultation_id: int, actor: Any, answer: str) -> Consultation:
    text = _message_text(answer, what=_("The answer"))
    now = timezone.now()

    def record(c: Consultation) -> None:
        if c.first_answered_at is None:
            c.first_answered_at = now
        if c.assignee_id is None:
            c.assignee = actor
        c.waiting_since = None

    consultation = transition(
        Consultation,
        consultation_id,
        action="answer",
        actor=actor,
        reason=_log_excerpt(text),
        workflow=CONSULTATION_WORKFLOW,
        apply=record,
    )
    ConsultationMessage.objects.create(
        consultation=consultation, author=actor, kind=ConsultationMessage.Kind.ANSWER, body=text
    )
    return consultation


@transaction.atomic
def consultation_follow_up(*, consultation_id: int, actor: Any, text: str) -> Consultation:
    """The asker is not satisfied yet and asks again: the question waits for staff once more."""
    text = _message_text(text, what=_("The follow-up question"))

    def wait(c: Consultation) -> None:
        c.waiting_since = timezone.now()

    consultation = transition(
        Consultation,
        consultation_id,
        action="follow_up",
        actor=actor,
        reason=_log_excerpt(text),
        workflow=CONSULTATION_WORKFLOW,
        apply=wait,
    )
    ConsultationMessage.objects.create(
        consultation=consultation, author=actor, kind=ConsultationMessage.Kind.FOLLOW_UP, body=text
    )
    return consultation


def _closing(c: Consultation) -> None:
    c.closed_at = timezone.now()
    c.waiting_since = None


def consultation_confirm(*, consultation_id: int, actor: Any, reason: str = "") -> Consultation:
    """The asker confirms the answer solved the question."""
    return transition(
        Consultation,
        consultation_id,
        action="confirm",
        actor=actor,
        reason=reason,
        workflow=CONSULTATION_WORKFLOW,
        apply=_closing,
    )


def consultation_close(*, consultation_id: int, actor: Any, reason: str) -> Consultation:
    """Staff close a question (duplicate, out of scope, no reply from the asker…)."""
    return transition(
        Consultation,
        consultation_id,
        action="close",
        actor=actor,
        reason=reason,
        workflow=CONSULTATION_WORKFLOW,
        apply=_closing,
    )


def consultation_reopen(*, consultation_id: int, actor: Any, reason: str) -> Consultation:
    def reopen(c: Consultation) -> None:
        c.closed_at = None
        c.waiting_since = timezone.now()

    return transition(
        Consultation,
        consultation_id,
        action="reopen",
        actor=actor,
        reason=reason,
        workflow=CONSULTATION_WORKFLOW,
        apply=reopen,
    )


CONSULTATION_ACTIONS = {
    "confirm": consultation_confirm,
    "close": consultation_close,
    "reopen": consultation_reopen,
}


def consultation_act(*, consultation_id: int, actor: Any, action: str, text: str = "") -> Consultation:
    """Dispatch one of the simple transitions, or an answer/follow-up whose text is ``text``."""
    if action == "answer":
        return consultation_answer(consultation_id=consultation_id, actor=actor, answer=text)
    if action == "follow_up":
        return consultation_follow_up(consultation_id=consultation_id, actor=actor, text=text)
    if action == "assign":
        return consultation_assign(consultation_id=consultation_id, actor=actor, assignee=actor)
    func = CONSULTATION_ACTIONS.get(action)
    if func is None:
        raise ValidationFailed(_("Unknown action “%(action)s”.") % {"action": action}, code="unknown_action")
    return func(consultation_id=consultation_id, actor=actor, reason=text)


# ---------------------------------------------------------------------------------------------- feedback


@transaction.atomic
def feedback_submit(
    *,
    author: Any,
    category: str,
    target: str,
    body: str,
    respondent: str = Feedback.Respondent.OTHER,
    contact: str = "",
) -> Feedback:
    feedback = Feedback(
        author=author,
        category=category,
        respondent=respondent,
        target=(target or "").strip(),
        body=(body or "").strip(),
        contact=(contact or "").strip(),
    )
    feedback.full_clean()
    feedback.save()
    record_initial(feedback, actor=author, workflow=FEEDBACK_WORKFLOW)
    return feedback


def feedback_act(*, feedback_id: int, actor: Any, action: str, reason: str = "") -> Feedback:
    """Take on, mark handled (the reason is the handling note shown to the author) or reopen."""

    def note(f: Feedback) -> None:
        if action == "resolve":
            f.handling_note = reason.strip()
            f.handled_by = actor

    return transition(
        Feedback,
        feedback_id,
        action=action,
        actor=actor,
        reason=reason,
        workflow=FEEDBACK_WORKFLOW,
        apply=note,
    )
