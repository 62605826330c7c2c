"""The submission portal: my achievements, the multi-step form, materials, submit, withdraw, the PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.accounts.roles import Role
from platform_core.errors import ConflictError, DomainError, ValidationFailed
from platform_core.permissions import require_perm, role_required

from .. import services
from ..forms import (
    BasicForm,
    CaseRowForm,
    CooperationForm,
    IpForm,
    IpRowForm,
    MaterialUploadForm,
    MyListFilterForm,
    ParameterRowForm,
    TeamForm,
    TeamRowForm,
    TechnicalForm,
    formset_rows,
    row_formset,
)
from ..models import Achievement
from ..sections import STEP_KEYS, STEPS, TARGET_ALIASES
from ..selectors import achievement_attachments, material_checklist, required_materials, submission_problems
from .common import current_reasons, labelled_logs, load, next_sort, reasons_by_target, record_context

STEP_FORMS = {
    "basic": BasicForm,
    "technical": TechnicalForm,
    "ip": IpForm,
    "cooperation": CooperationForm,
    "team": TeamForm,
}
# step -> [(context name, prefix, row form, section key, related name, columns)]
STEP_FORMSETS = {
    "technical": [
        ("parameters", "params", ParameterRowForm, "technical_parameters", "technical_parameters"),
        ("cases", "cases", CaseRowForm, "application_cases", "application_cases"),
    ],
    "ip": [("ip_rows", "ip", IpRowForm, "ip_status", "ip_entries")],
    "team": [("team_rows", "team", TeamRowForm, "team", "team_members")],
}


def _existing_rows(achievement: Achievement, related: str, form_class) -> list[dict[str, Any]]:
    names = list(form_class.base_fields)
    return [{n: getattr(r, n) for n in names} for r in getattr(achievement, related).all()]


def _build_forms(step: str, achievement: Achievement | None, data=None) -> tuple[Any, dict[str, Any]]:
    instance = achievement or Achievement()
    form = STEP_FORMS[step](data=data, instance=instance) if step in STEP_FORMS else None
    formsets = {}
    for ctx_name, prefix, form_class, _section, related in STEP_FORMSETS.get(step, []):
        rows = _existing_rows(achievement, related, form_class) if achievement and achievement.pk else []
        formsets[ctx_name] = row_formset(form_class, prefix=prefix, data=data, rows=rows)
    return form, formsets


def _step_nav(achievement: Achievement | None, current: str, problems) -> list[dict[str, Any]]:
    missing_steps = {p.step for p in problems}
    return [
        {
            "key": key,
            "label": label,
            "index": i,
            "current": key == current,
            "url": reverse("achievements:step", kwargs={"pk": achievement.pk, "step": key})
            if achievement
            else "",
            "incomplete": key in missing_steps,
        }
        for i, (key, label) in enumerate(STEPS, start=1)
    ]


def _editable_or_redirect(request: HttpRequest, achievement: Achievement):
    if achievement.holder_id == request.user.pk and not achievement.is_editable:
        messages.info(
            request,
            _("This achievement is “%(state)s” and can no longer be edited.")
            % {"state": achievement.get_state_display()},
        )
        return redirect(achievement.get_absolute_url())
    require_perm(request.user, "achievements.change_achievement", achievement)
    return None


# --------------------------------------------------------------------------- my achievements
@role_required(Role.HOLDER)
def my_list(request: HttpRequest) -> HttpResponse:
    form = MyListFilterForm(request.GET or None)
    queryset = Achievement.objects.filter(holder=request.user).for_list()
    if form.is_valid() and form.cleaned_data.get("state"):
        queryset = queryset.filter(state=form.cleaned_data["state"])
    sort = request.GET.get("sort", "-updated_at")
    allowed = {
        "name",
        "-name",
        "updated_at",
        "-updated_at",
        "state",
        "-state",
        "last_submitted_at",
        "-last_submitted_at",
    }
    queryset = queryset.order_by(sort if sort in allowed else "-updated_at", "-id")
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "achievements/my_list.html",
        {
            "page": page,
            "form": form,
            "sort": sort,
            "next_sort": next_sort(sort, ("name", "state", "updated_at")),
            "returned_state": Achievement.State.RETURNED,
        },
    )


# --------------------------------------------------------------------------- the form
@role_required(Role.HOLDER)
def create(request: HttpRequest) -> HttpResponse:
    form, _formsets = _build_forms("basic", None, request.POST or None)
    form.fields["name"].required = True
    if request.method == "POST" and form.is_valid():
        try:
            achievement = services.achievement_create(
                holder=request.user,
                **{k: v for k, v in form.step_fields().items() if v not in (None, "")},
                **form.step_m2m(),
                confidentiality=form.levels(),
            )
        except ValidationFailed as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Draft saved. Continue with the technical information."))
            target = "technical" if "next" in request.POST else "basic"
            return redirect("achievements:step", pk=achievement.pk, step=target)
    return render(
        request,
        "achievements/form_step.html",
        {
            "step": "basic",
            "form": form,
            "formsets": {},
            "nav": _step_nav(None, "basic", []),
            "achievement": None,
            "reasons": {},
            "missing": {},
        },
    )


def _missing_by_target(problems) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for p in problems:
        grouped.setdefault(TARGET_ALIASES.get(p.target, p.target), []).append(p.message)
    return grouped


@role_required(Role.HOLDER, Role.STAFF, Role.ADMIN)
def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEP_KEYS:
        raise Http404
    achievement = load(request, pk)
    response = _editable_or_redirect(request, achievement)
    if response is not None:
        return response
    if step == "materials":
        return _materials_step(request, achievement)
    if step == "review":
        return _review_step(request, achievement)
    data = request.POST if request.method == "POST" else None
    form, formsets = _build_forms(step, achievement, data)
    conflict = None
    if request.method == "POST":
        # Validate every part (no short-circuit) so that all errors show at once.
        results = [form.is_valid()] + [fs.is_valid() for fs in formsets.values()]
        if all(results):
            rows = {
                section: formset_rows(formsets[ctx_name])
                for ctx_name, _p, _f, section, _r in STEP_FORMSETS.get(step, [])
            }
            try:
                services.achievement_update(
                    achievement_id=achievement.pk,
                    actor=request.user,
                    # A form without its version cannot prove it is current: treat it as stale.
                    expected_version=form.cleaned_data.get("version") or 0,
                    fields=form.step_fields(),
                    m2m=form.step_m2m(),
                    rows=rows,
                    confidentiality=form.levels(),
                )
            except ConflictError as exc:
                # Someone saved in between: show the current values and what went wrong; write nothing.
                conflict = exc.message
                achievement = load(request, pk)
                form, formsets = _build_forms(step, achievement, None)
            except ValidationFailed as exc:
                for field, errors in (exc.extra.get("errors") or {}).items():
                    target = field if field in form.fields else None
                    for error in errors:
                        form.add_error(target, error)
                if not exc.extra.get("errors"):
                    form.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved."))
                index = STEP_KEYS.index(step)
                target = (
                    STEP_KEYS[index + 1] if "next" in request.POST and index + 1 < len(STEP_KEYS) else step
                )
                return redirect("achievements:step", pk=achievement.pk, step=target)
    problems = submission_problems(achievement)
    reasons = current_reasons(achievement)
    return render(
        request,
        "achievements/form_step.html",
        {
            "step": step,
            "achievement": achievement,
            "form": form,
            "formsets": formsets,
            "conflict": conflict,
            "nav": _step_nav(achievement, step, problems),
            "reasons": reasons_by_target(reasons),
            "all_reasons": reasons,
            "missing": _missing_by_target(problems),
        },
        status=409 if conflict else 200,
    )


def _materials_step(request: HttpRequest, achievement: Achievement) -> HttpResponse:
    materials = required_materials(achievement)
    form = MaterialUploadForm(request.POST or None, request.FILES or None, materials=materials)
    if request.method == "POST" and form.is_valid():
        try:
            services.material_upload(
                achievement_id=achievement.pk,
                actor=request.user,
                uploaded_file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(request, _("The file was uploaded."))
            return redirect("achievements:step", pk=achievement.pk, step="materials")
    attachments = list(achievement_attachments(achievement).select_related("uploaded_by"))
    checklist = material_checklist(achievement, attachments)
    listed = {m.code for m in materials}
    problems = submission_problems(achievement)
    reasons = current_reasons(achievement)
    return render(
        request,
        "achievements/form_step.html",
        {
            "step": "materials",
            "achievement": achievement,
            "upload_form": form,
            "checklist": checklist,
            "other_files": [a for a in attachments if a.kind not in listed],
            "nav": _step_nav(achievement, "materials", problems),
            "reasons": reasons_by_target(reasons),
            "all_reasons": reasons,
            "missing": _missing_by_target(problems),
            "no_type": not achievement.achievement_type_id,
        },
    )


def _review_step(request: HttpRequest, achievement: Achievement) -> HttpResponse:
    problems = submission_problems(achievement)
    reasons = current_reasons(achievement)
    ctx = record_context(achievement, request.user)
    ctx.update(
        {
            "step": "review",
            "achievement": achievement,
            "problems": problems,
            "nav": _step_nav(achievement, "review", problems),
            "reasons": reasons_by_target(reasons),
            "all_reasons": reasons,
            "missing": _missing_by_target(problems),
        }
    )
    return render(request, "achievements/form_step.html", ctx)


@require_POST
@role_required(Role.HOLDER)
def material_delete(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    achievement = load(request, pk)
    response = _editable_or_redirect(request, achievement)
    if response is not None:
        return response
    services.material_delete(achievement_id=achievement.pk, attachment_id=attachment_id, actor=request.user)
    messages.success(request, _("The file was deleted."))
    return redirect("achievements:step", pk=achievement.pk, step="materials")


@require_POST
@role_required(Role.HOLDER, Role.STAFF, Role.ADMIN)
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    achievement = load(request, pk)
    if achievement.holder_id != request.user.pk:
        raise PermissionDenied
    try:
        achievement = services.achievement_submit(
            achievement_id=achievement.pk,
            actor=request.user,
            expected_version=request.POST.get("version") or None,
        )
    except (ValidationFailed, ConflictError) as exc:
        messages.error(request, exc.message)
        return redirect("achievements:step", pk=pk, step="review")
    messages.success(
        request,
        _(
            "Submitted. The platform will carry out the formal review; you can download the application form now."
        ),
    )
    return redirect(achievement.get_absolute_url())


@require_POST
@role_required(Role.HOLDER)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    achievement = load(request, pk)
    services.achievement_withdraw(
        achievement_id=achievement.pk, actor=request.user, reason=request.POST.get("reason", "")[:2000]
    )
    messages.success(request, _("The achievement was withdrawn."))
    return redirect(achievement.get_absolute_url())


@require_POST
@role_required(Role.HOLDER)
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    achievement = load(request, pk)
    services.achievement_delete_draft(achievement_id=achievement.pk, actor=request.user)
    messages.success(request, _("The draft was deleted."))
    return redirect("achievements:mine")


# --------------------------------------------------------------------------- detail and PDF
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    try:
        achievement = load(request, pk)
    except Http404:
        if not user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        raise
    ctx = record_context(achievement, user)
    is_owner = achievement.holder_id == user.pk
    can_see_history = user.has_perm("achievements.view_submissions", achievement)
    ctx.update(
        {
            "is_owner": is_owner,
            "logs": labelled_logs(achievement) if can_see_history else [],
            "can_see_history": can_see_history,
            "submissions": list(achievement.submissions.order_by("number")) if can_see_history else [],
            "reasons": reasons_by_target(current_reasons(achievement)) if can_see_history else {},
            "all_reasons": current_reasons(achievement) if can_see_history else [],
            "can_edit": user.has_perm("achievements.change_achievement", achievement),
            "can_review": user.has_perm("achievements.review_achievement", achievement),
            "can_withdraw": is_owner and achievement.state in _withdrawable(),
            "can_delete": is_owner
            and achievement.state == Achievement.State.DRAFT
            and not ctx.get("submissions"),
        }
    )
    return render(request, "achievements/detail.html", ctx)


def _withdrawable() -> tuple[str, ...]:
    from ..workflow import WITHDRAWABLE

    return WITHDRAWABLE


def submission_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The filled submission application form (成果提交申请表) of one snapshot, as a PDF."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    achievement = load(request, pk)
    require_perm(request.user, "achievements.view_submissions", achievement)
    submission = achievement.submissions.filter(number=number).select_related("created_by").first()
    if submission is None:
        raise Http404
    from ..reports import submission_pdf_bytes

    content = submission_pdf_bytes(achievement, submission)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"achievement-{achievement.pk}-submission-{submission.number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
