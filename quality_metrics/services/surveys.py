"""Satisfaction surveys (000 §7.2.1): scheduled, ad-hoc and case-triggered campaigns, tokenised answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.accounts.roles import Role
from platform_core.errors import ConflictError, NotFoundError, ValidationFailed
from platform_core.notifications.services import notification_send

from .. import periods
from ..models import (
    Complaint,
    ServiceCase,
    SurveyAnswer,
    SurveyCampaign,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    SurveyTemplate,
)
from ..service_types import BY_CODE

DEFAULT_TEMPLATE = "annex_e_default"
DEFAULT_AUDIENCE = [Role.HOLDER, Role.ENTERPRISE, Role.INVESTOR, Role.EVALUATOR]
CASE_SURVEY_MAX_AGE = dt.timedelta(days=7)  # older closures (e.g. history at first deployment) get no survey
Kind = SurveyCampaign.Kind


def default_template() -> SurveyTemplate:
    template = SurveyTemplate.objects.filter(is_default=True, is_active=True).first()
    if template is None:
        template = SurveyTemplate.objects.filter(code=DEFAULT_TEMPLATE).first()
    if template is None:
        raise NotFoundError(_("There is no default survey template."))
    return template


# --- scoring ---------------------------------------------------------------------------------------


def normalise(
    question: SurveyQuestion, *, rating: int | None = None, choice: int | None = None
) -> float | None:
    """An answer on 0–100: a rating r on [min, max] gives (r − min) ÷ (max − min) × 100; a scored choice its score."""
    if question.kind == SurveyQuestion.Kind.RATING and rating is not None:
        span = question.scale_max - question.scale_min
        if span <= 0:
            return None
        return (rating - question.scale_min) * 100 / span
    if question.kind == SurveyQuestion.Kind.CHOICE and choice is not None:
        score = question.options[choice].get("score")
        return None if score is None else float(score)
    return None


def response_score(values: Iterable[float | None]) -> float | None:
    """The response's score: the mean of its scored answers (each already on 0–100)."""
    scored = [v for v in values if v is not None]
    return sum(scored) / len(scored) if scored else None


# --- campaigns and invitations -----------------------------------------------------------------------


def _audience(roles: list[str]) -> Iterable[Any]:
    User = get_user_model()
    return (
        User.objects.filter(
            is_active=True, approval_status="approved", groups__name__in=roles or DEFAULT_AUDIENCE
        )
        .exclude(groups__name__in=[Role.STAFF, Role.ADMIN])
        .distinct()
        .order_by("pk")
    )


def _invite_message(invitation: SurveyInvitation) -> tuple[str, str]:
    campaign = invitation.campaign
    if invitation.service_type:
        title = _("How was our service? (%(service)s)") % {"service": BY_CODE[invitation.service_type].label}
    else:
        title = _("Satisfaction survey: %(title)s") % {"title": campaign.title}
    body = _(
        "Please rate our service; it takes two minutes and needs no login. The link is valid until %(date)s."
    ) % {"date": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d")}
    return title, body


def _deliver(invitation: SurveyInvitation, *, reminder: bool = False) -> None:
    title, body = _invite_message(invitation)
    if reminder:
        title = _("Reminder: %(title)s") % {"title": title}
    url = invitation.get_absolute_url()
    if invitation.user_id:
        notification_send(recipient=invitation.user, title=title, body=body, url=url)
    elif invitation.email:
        link = f"{getattr(settings, 'PLATFORM_BASE_URL', '')}{url}"
        address = invitation.email
        transaction.on_commit(
            lambda: send_mail(
                title, f"{body}\n\n{link}", settings.DEFAULT_FROM_EMAIL, [address], fail_silently=True
            )
        )


@transaction.atomic
def campaign_create(
    *,
    actor: Any,
    title: str,
    kind: str = Kind.AD_HOC,
    template: SurveyTemplate | None = None,
    period: periods.Period | None = None,
    audience: list[str] | None = None,
    valid_days: int = 30,
    reminder_after_days: int = 7,
) -> SurveyCampaign:
    if kind != Kind.AD_HOC and period is None:
        raise ValidationFailed(_("A scheduled campaign needs its period."), code="no_period")
    campaign = SurveyCampaign(
        template=template or default_template(),
        kind=kind,
        title=title.strip(),
        period_type=period.type if period else "",
        period_start=period.start if period else None,
        audience=list(audience or []),
        valid_days=valid_days,
        reminder_after_days=reminder_after_days,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    campaign.full_clean()
    campaign.save()
    return campaign


def campaign_send(*, campaign_id: int, actor: Any = None) -> int:
    """Invite the campaign's audience; people already invited are not invited again. Returns new invitations."""
    with transaction.atomic():
        campaign = SurveyCampaign.objects.select_for_update().get(pk=campaign_id)
        if campaign.state == SurveyCampaign.State.CLOSED:
            raise ConflictError(_("The campaign is closed."), code="closed")
        invited = set(campaign.invitations.exclude(user=None).values_list("user_id", flat=True))
        expires = timezone.now() + dt.timedelta(days=campaign.valid_days)
        fresh = [
            SurveyInvitation(
                campaign=campaign, user=user, name=str(user), email=user.email, expires_at=expires
            )
            for user in _audience(campaign.audience)
            if user.pk not in invited
        ]
        created = SurveyInvitation.objects.bulk_create(fresh)
        now = timezone.now()
        SurveyInvitation.objects.filter(pk__in=[i.pk for i in created]).update(sent_at=now)
        campaign.state = SurveyCampaign.State.OPEN
        campaign.sent_at = campaign.sent_at or now
        campaign.save(update_fields=["state", "sent_at"])
        for invitation in SurveyInvitation.objects.filter(pk__in=[i.pk for i in created]).select_related(
            "user", "campaign"
        ):
            _deliver(invitation)
    return len(created)


def campaign_scheduled(*, kind: str, today: dt.date | None = None) -> SurveyCampaign | None:
    """The quarterly or half-yearly campaign about the period that just ended; idempotent: the campaign is
    unique per period, and a campaign already sent is not sent again."""
    period_type = {
        Kind.QUARTERLY: periods.PeriodType.QUARTER,
        Kind.HALF_YEARLY: periods.PeriodType.HALF_YEAR,
    }[kind]
    period = periods.containing(period_type, today).previous()
    with transaction.atomic():
        campaign = (
            SurveyCampaign.objects.select_for_update()
            .filter(kind=kind, period_type=period.type, period_start=period.start)
            .first()
        )
        if campaign is None:
            try:
                with transaction.atomic():
                    campaign = campaign_create(
                        actor=None,
                        kind=kind,
                        title=_("%(period)s user satisfaction survey") % {"period": period.label},
                        period=period,
                    )
            except IntegrityError:
                campaign = SurveyCampaign.objects.get(
                    kind=kind, period_type=period.type, period_start=period.start
                )
        if campaign.sent_at is not None:
            return campaign
    campaign_send(campaign_id=campaign.pk)
    campaign.refresh_from_db()
    return campaign


def _case_campaign(when: dt.datetime) -> SurveyCampaign:
    period = periods.containing(periods.PeriodType.QUARTER, timezone.localtime(when).date())
    campaign = SurveyCampaign.objects.filter(
        kind=Kind.CASE, period_type=period.type, period_start=period.start
    ).first()
    if campaign is not None:
        return campaign
    try:
        with transaction.atomic():
            campaign = campaign_create(
                actor=None,
                kind=Kind.CASE,
                title=_("%(period)s case surveys") % {"period": period.label},
                period=period,
                valid_days=14,
                reminder_after_days=5,
            )
            campaign.state = SurveyCampaign.State.OPEN
            campaign.sent_at = timezone.now()
            campaign.save(update_fields=["state", "sent_at"])
            return campaign
    except IntegrityError:
        return SurveyCampaign.objects.get(kind=Kind.CASE, period_type=period.type, period_start=period.start)


def case_surveys_send(*, case_ids: Iterable[int]) -> int:
    """A survey to the user of each newly closed case (once per closure: unique on the completion step)."""
    sent = 0
    now = timezone.now()
    cases = ServiceCase.objects.filter(pk__in=list(case_ids), completion_log_id__isnull=False).select_related(
        "user"
    )
    for case in cases:
        service = BY_CODE.get(case.service_type)
        if service is None or not service.survey_on_close or now - case.completed_at > CASE_SURVEY_MAX_AGE:
            continue
        email, name = "", ""
        if case.user_id is None and case.service_type == "complaint":
            complaint = Complaint.objects.filter(pk=case.object_id).only("email", "name").first()
            email, name = (complaint.email, complaint.name) if complaint else ("", "")
        if case.user_id is None and not email:
            continue
        campaign = _case_campaign(case.completed_at)
        try:
            with transaction.atomic():
                invitation = SurveyInvitation.objects.create(
                    campaign=campaign,
                    user=case.user,
                    name=name or str(case.user or ""),
                    email=email or getattr(case.user, "email", "") or "",
                    service_type=case.service_type,
                    case=case,
                    content_type_id=case.content_type_id,
                    object_id=case.object_id,
                    completion_log_id=case.completion_log_id,
                    sent_at=now,
                    expires_at=now + dt.timedelta(days=campaign.valid_days),
                )
                _deliver(invitation)
        except IntegrityError:
            continue  # this closure (or this user in this quarter's case campaign) was already surveyed
        sent += 1
    return sent


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """One reminder per unanswered, unexpired invitation once its campaign's reminder delay has passed."""
    now = now or timezone.now()
    count = 0
    pending = SurveyInvitation.objects.filter(
        responded_at__isnull=True,
        reminded_at__isnull=True,
        sent_at__isnull=False,
        expires_at__gt=now,
        campaign__state=SurveyCampaign.State.OPEN,
    ).select_related("campaign", "user")
    for invitation in pending:
        if invitation.sent_at + dt.timedelta(days=invitation.campaign.reminder_after_days) > now:
            continue
        with transaction.atomic():
            if not SurveyInvitation.objects.filter(pk=invitation.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            _deliver(invitation, reminder=True)
        count += 1
    return count


@transaction.atomic
def campaign_close(*, campaign_id: int, actor: Any = None) -> SurveyCampaign:
    campaign = SurveyCampaign.objects.select_for_update().get(pk=campaign_id)
    if campaign.state != SurveyCampaign.State.CLOSED:
        campaign.state = SurveyCampaign.State.CLOSED
        campaign.closed_at = timezone.now()
        campaign.save(update_fields=["state", "closed_at"])
    return campaign


# --- answering ---------------------------------------------------------------------------------------


def invitation_for_token(token: str) -> SurveyInvitation:
    invitation = SurveyInvitation.objects.select_related("campaign__template").filter(token=token).first()
    if invitation is None:
        raise NotFoundError(_("This survey link is not valid."))
    return invitation


def response_submit(
    *, token: str, answers: Mapping[int, Any], comment: str = "", wants_contact: bool = False
) -> SurveyResponse:
    """Record the answers of one invitation. A token answers once; an expired link or a closed campaign is refused."""
    with transaction.atomic():
        invitation = SurveyInvitation.objects.select_for_update().filter(token=token).first()
        if invitation is None:
            raise NotFoundError(_("This survey link is not valid."))
        if invitation.responded_at is not None:
            raise ConflictError(
                _("This survey has already been answered. Thank you!"), code="already_answered"
            )
        if invitation.is_expired:
            raise ValidationFailed(_("This survey link has expired."), code="expired")
        campaign = invitation.campaign
        if campaign.state == SurveyCampaign.State.CLOSED:
            raise ValidationFailed(_("This survey is closed."), code="closed")
        questions = list(campaign.template.questions.all())
        rows: list[SurveyAnswer] = []
        for question in questions:
            value = answers.get(question.pk)
            rows.append(_answer(question, value))
        now = timezone.now()
        comment = comment.strip() or "\n".join(a.text for a in rows if a.text)
        response = SurveyResponse.objects.create(
            invitation=invitation,
            submitted_at=now,
            score=response_score(a.normalised for a in rows),
            service_type=invitation.service_type,
            comment=comment[:5000],
            wants_contact=wants_contact,
        )
        for row in rows:
            row.response = response
        SurveyAnswer.objects.bulk_create(
            [r for r in rows if r.rating is not None or r.choice is not None or r.text]
        )
        invitation.responded_at = now
        invitation.save(update_fields=["responded_at"])
    return response


def _answer(question: SurveyQuestion, value: Any) -> SurveyAnswer:
    empty = value is None or value == ""
    if empty:
        if question.required:
            raise ValidationFailed(_("Please answer: %(q)s") % {"q": question.text}, code="required")
        return SurveyAnswer(question=question)
    if question.kind == SurveyQuestion.Kind.TEXT:
        return SurveyAnswer(question=question, text=str(value).strip()[:5000])
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed(_("Invalid answer to: %(q)s") % {"q": question.text}, code="invalid_answer")
    if question.kind == SurveyQuestion.Kind.RATING:
        if not question.scale_min <= number <= question.scale_max:
            raise ValidationFailed(
                _("Invalid answer to: %(q)s") % {"q": question.text}, code="invalid_answer"
            )
        return SurveyAnswer(question=question, rating=number, normalised=normalise(question, rating=number))
    if not 0 <= number < len(question.options):
        raise ValidationFailed(_("Invalid answer to: %(q)s") % {"q": question.text}, code="invalid_answer")
    return SurveyAnswer(question=question, choice=number, normalised=normalise(question, choice=number))
