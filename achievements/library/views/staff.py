"""Staff console of the library: publication, update management, bulk import."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from achievements.models import CONFIDENTIAL_SECTIONS, Achievement, Confidentiality
from platform_core.errors import DomainError
from platform_core.permissions import staff_required

from ..excel import template_workbook
from ..forms import ExemptForm, ImportForm, NoteForm, PublishForm, ReasonForm
from ..models import EntryFreshness, ImportJob, LibrarySettings, RefreshProposal
from ..services import freshness
from ..services.imports import import_job_create, progress_of
from ..services.publication import achievement_publish, achievement_unpublish
from .common import labelled_logs, safe_next

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --------------------------------------------------------------------------- publication
@staff_required
def publish_queue(request: HttpRequest) -> HttpResponse:
    """成果发布: achievements that passed the evaluation, ready to publish."""
    queryset = Achievement.objects.filter(state=Achievement.State.EVALUATION_PASSED).for_list()
    sort = request.GET.get("sort") or "-updated_at"
    if sort.lstrip("-") not in ("updated_at", "name", "trl", "maturity"):
        sort = "-updated_at"
    page = Paginator(queryset.order_by(sort, "-id"), 20).get_page(request.GET.get("page"))
    recent = (
        Achievement.objects.filter(state=Achievement.State.PUBLISHED)
        .select_related("publication", "publication__published_by")
        .only("id", "name", "published_at", "publication__published_by", "publication__source")
        .order_by("-published_at")[:10]
    )
    return render(request, "library/publish_queue.html", {"page": page, "sort": sort, "recent": recent})


@staff_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    achievement = get_object_or_404(
        Achievement.objects.select_related("technical_field", "achievement_type", "organization", "holder"),
        pk=pk,
    )
    if achievement.state != Achievement.State.EVALUATION_PASSED:
        messages.warning(request, _("Only achievements that passed the evaluation can be published."))
        return redirect("library:publish_queue")
    form = PublishForm(request.POST or None, achievement=achievement)
    if request.method == "POST" and form.is_valid():
        try:
            achievement_publish(
                achievement_id=pk,
                actor=request.user,
                levels=form.levels(),
                note=form.cleaned_data["note"],
                featured=form.cleaned_data["featured"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("“%(name)s” is now in the library.") % {"name": achievement.name})
            return redirect("library:detail", pk=pk)
    return render(
        request,
        "library/publish_form.html",
        {"a": achievement, "form": form, "levels": Confidentiality},
    )


@staff_required
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    achievement = get_object_or_404(Achievement, pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            achievement_unpublish(achievement_id=pk, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("“%(name)s” was taken out of the library.") % {"name": achievement.name}
            )
            return redirect("library:publish_queue")
    return render(request, "library/unpublish_form.html", {"a": achievement, "form": form})


# --------------------------------------------------------------------------- update management
@staff_required
def manage(request: HttpRequest) -> HttpResponse:
    """库更新管理: the update cycle of every entry, refreshed content to review, overrides."""
    state = request.GET.get("state") or ""
    entries = EntryFreshness.objects.select_related("achievement", "achievement__holder").filter(
        achievement__state__in=Achievement.PUBLIC_STATES
    )
    if state in EntryFreshness.State.values:
        entries = entries.filter(state=state)
    page = Paginator(entries.order_by("confirmed_at", "pk"), 25).get_page(request.GET.get("page"))
    proposals = list(
        RefreshProposal.objects.filter(state=RefreshProposal.State.SUBMITTED)
        .select_related("achievement", "proposed_by")
        .order_by("created_at")
    )
    counts = {
        s: EntryFreshness.objects.filter(state=s, achievement__state__in=Achievement.PUBLIC_STATES).count()
        for s in EntryFreshness.State.values
    }
    return render(
        request,
        "library/manage.html",
        {
            "page": page,
            "state": state,
            "states": EntryFreshness.State.choices,
            "proposals": proposals,
            "counts": counts,
            "settings_row": LibrarySettings.current(),
            "today": timezone.localdate(),
        },
    )


@staff_required
@require_POST
def manage_entry(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    back = safe_next(request.POST.get("next"), "/library/manage/")
    try:
        if action == "confirm":
            freshness.entry_confirm(achievement_id=pk, actor=request.user, note=_("Confirmed by staff"))
        elif action == "exempt":
            form = ExemptForm(request.POST)
            until = form.cleaned_data["until"] if form.is_valid() else None
            freshness.entry_exempt(achievement_id=pk, actor=request.user, until=until)
        elif action == "retire":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("A reason is required for this action."))
                return redirect(back)
            freshness.entry_retire(achievement_id=pk, actor=request.user, reason=form.cleaned_data["reason"])
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done."))
    return redirect(back)


@staff_required
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(RefreshProposal.objects.select_related("achievement", "proposed_by"), pk=pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        try:
            if action == "approve":
                freshness.refresh_approve(proposal_id=pk, actor=request.user, note=form.cleaned_data["note"])
            elif action == "reject":
                freshness.refresh_reject(proposal_id=pk, actor=request.user, note=form.cleaned_data["note"])
            else:
                raise Http404
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Done."))
            return redirect("library:manage")
    labels = {
        "summary": _("Summary"),
        "tags": _("Tags"),
        "trl": _("Technology readiness level"),
        "background": CONFIDENTIAL_SECTIONS["background"][1],
        "innovation_points": CONFIDENTIAL_SECTIONS["innovation_points"][1],
        "contributions": CONFIDENTIAL_SECTIONS["contributions"][1],
        "cooperation_note": CONFIDENTIAL_SECTIONS["cooperation_note"][1],
    }
    diff = [
        {"label": labels.get(name, name), "before": proposal.previous.get(name), "after": value}
        for name, value in proposal.changes.items()
    ]
    return render(
        request,
        "library/proposal_review.html",
        {"proposal": proposal, "diff": diff, "form": form, "logs": labelled_logs(proposal)},
    )


# --------------------------------------------------------------------------- bulk import
@staff_required
def import_index(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_create(
                actor=request.user, uploaded_file=form.cleaned_data["file"], mode=form.cleaned_data["mode"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("library:import_job", pk=job.pk)
    jobs = Paginator(
        ImportJob.objects.select_related("created_by").order_by("-created_at", "-id"), 20
    ).get_page(request.GET.get("page"))
    return render(request, "library/import_index.html", {"form": form, "page": jobs})


@staff_required
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="library-import-template.xlsx"'
    return response


def _job(pk: int) -> ImportJob:
    return get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)


@staff_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(pk)
    return render(request, "library/import_job.html", {"job": job, "progress": progress_of(job)})


@staff_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The polled fragment: contains ``data-poll-done`` once the job has finished."""
    job = _job(pk)
    return render(
        request, "library/partials/import_progress.html", {"job": job, "progress": progress_of(job)}
    )
