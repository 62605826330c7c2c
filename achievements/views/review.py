"""The staff console of the formal review (000 §6.1.2): queue, review page, diff, reassignment."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core import workdays
from platform_core.errors import DomainError
from platform_core.permissions import staff_required
from platform_core.workflow.models import TransitionLog

from .. import services
from ..forms import DecisionForm, QueueFilterForm, ReassignForm, reason_formset
from ..models import Achievement, ReviewReason
from ..selectors import review_clock, working_days_before
from ..snapshots import diff_snapshots
from .common import labelled_logs, load, next_sort, record_context

S = Achievement.State
SORTS = {
    "waiting": ("last_submitted_at", "id"),
    "-waiting": ("-last_submitted_at", "-id"),
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "submitted": ("submitted_at", "id"),
    "-submitted": ("-submitted_at", "-id"),
    "state": ("state", "id"),
    "-state": ("-state", "-id"),
}


def _queue_queryset(form: QueueFilterForm, user):
    queryset = Achievement.objects.for_list()
    data = form.cleaned_data if form.is_valid() else {}
    state = data.get("state") or ""
    if state == "decided":
        queryset = queryset.filter(decided_at__isnull=False)
    elif state:
        queryset = queryset.filter(state=state)
    else:
        queryset = queryset.filter(state__in=Achievement.REVIEW_STATES)
    if data.get("achievement_type"):
        queryset = queryset.filter(achievement_type=data["achievement_type"])
    if data.get("technical_field"):
        queryset = queryset.filter(technical_field=data["technical_field"])
    if data.get("q"):
        queryset = queryset.filter(name__icontains=data["q"])
    if data.get("assigned") == "mine":
        queryset = queryset.filter(assigned_to=user)
    elif data.get("assigned") == "unassigned":
        queryset = queryset.filter(assigned_to__isnull=True)
    if data.get("min_days"):
        cutoff = working_days_before(timezone.localdate(), data["min_days"])
        end = timezone.make_aware(dt.datetime.combine(cutoff + dt.timedelta(days=1), dt.time.min))
        queryset = queryset.filter(last_submitted_at__lt=end)
    return queryset


def _logs_by_achievement(ids: list[int]) -> dict[int, list[TransitionLog]]:
    content_type = ContentType.objects.get_for_model(Achievement)
    grouped: dict[int, list[TransitionLog]] = defaultdict(list)
    for log in TransitionLog.objects.filter(content_type=content_type, object_id__in=ids).order_by(
        "created_at", "id"
    ):
        grouped[log.object_id].append(log)
    return grouped


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    sort = request.GET.get("sort", "waiting")
    queryset = _queue_queryset(form, request.user).order_by(*SORTS.get(sort, SORTS["waiting"]))
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    logs = _logs_by_achievement([a.pk for a in rows])
    for a in rows:
        a.clock = review_clock(a, logs.get(a.pk, []))
    return render(
        request,
        "achievements/queue.html",
        {
            "page": page,
            "rows": rows,
            "form": form,
            "sort": sort,
            "next_sort": next_sort(sort, ("name", "state", "submitted", "waiting")),
        },
    )


@staff_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    achievement = load(request, pk)
    materials = (
        list(achievement.achievement_type.required_materials.all()) if achievement.achievement_type_id else []
    )
    decision_form = DecisionForm(request.POST or None)
    reasons_fs = reason_formset(data=request.POST or None, materials=materials)
    if request.method == "POST":
        forms_valid = decision_form.is_valid() & reasons_fs.is_valid()
        if forms_valid:
            reasons = [r for r in (f.reason() for f in reasons_fs.forms) if r]
            try:
                services.achievement_review(
                    achievement_id=achievement.pk,
                    actor=request.user,
                    decision=decision_form.cleaned_data["decision"],
                    note=decision_form.cleaned_data["note"],
                    reasons=reasons,
                )
            except DomainError as exc:
                if exc.status_code in (403, 409):
                    raise
                decision_form.add_error(None, exc.message)
            else:
                messages.success(request, _("The decision was recorded and the holder notified."))
                return redirect("achievements:review", pk=achievement.pk)
    logs = labelled_logs(achievement)
    ctx = record_context(achievement, request.user)
    submissions = list(achievement.submissions.order_by("number").select_related("created_by"))
    past_reasons = list(
        ReviewReason.objects.filter(achievement=achievement)
        .select_related("submission", "created_by")
        .order_by("submission__number", "id")
    )
    from ..sections import target_label

    for reason in past_reasons:
        reason.label = target_label(achievement, reason.target_kind, reason.target)
    ctx["show_materials"] = False  # the checklist is in the side column
    ctx.update(
        {
            "logs": logs,
            "clock": review_clock(achievement, logs),
            "decision_form": decision_form,
            "reasons_fs": reasons_fs,
            "can_decide": achievement.state in Achievement.REVIEW_STATES,
            "submissions": submissions,
            "past_reasons": past_reasons,
            "assignments": list(
                achievement.assignments.select_related("assigned_to", "assigned_by", "previous")
            ),
            "reassign_form": ReassignForm(
                staff=services.staff_members(), initial={"assignee": achievement.assigned_to_id}
            ),
            "can_reassign": request.user.has_perm("achievements.reassign_achievement", achievement)
            or achievement.state == S.RETURNED,
        }
    )
    return render(request, "achievements/review.html", ctx)


@require_POST
@staff_required
def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    achievement = load(request, pk)
    form = ReassignForm(request.POST, staff=services.staff_members())
    if form.is_valid():
        services.achievement_reassign(
            achievement_id=achievement.pk,
            actor=request.user,
            assignee=form.cleaned_data["assignee"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The review was reassigned."))
    else:
        messages.error(request, _("Choose an active service specialist."))
    return redirect("achievements:review", pk=achievement.pk)


def diff(request: HttpRequest, pk: int) -> HttpResponse:
    """Compare two submission snapshots (default: the previous and the latest)."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    achievement = load(request, pk)
    from platform_core.permissions import require_perm

    require_perm(request.user, "achievements.view_submissions", achievement)
    submissions = list(achievement.submissions.order_by("number").select_related("created_by"))
    if not submissions:
        raise Http404
    by_number = {s.number: s for s in submissions}
    try:
        b = int(request.GET.get("b") or submissions[-1].number)
        a = int(request.GET.get("a") or (b - 1 if b > 1 else b))
    except ValueError:
        raise Http404 from None
    if a not in by_number or b not in by_number:
        raise Http404
    before, after = by_number[a], by_number[b]
    result = diff_snapshots(before.data, after.data)
    reasons = list(ReviewReason.objects.filter(submission=before).order_by("id"))
    from ..sections import target_label

    for reason in reasons:
        reason.label = target_label(achievement, reason.target_kind, reason.target)
    return render(
        request,
        "achievements/diff.html",
        {
            "a": achievement,
            "submissions": submissions,
            "before": before,
            "after": after,
            "diff": result,
            "reasons": reasons,
            "working_days_between": workdays.working_days_between(
                workdays.local_date(before.created_at), workdays.local_date(after.created_at)
            ),
        },
    )
