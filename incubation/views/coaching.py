"""Talent and coaching (5.4.1.3, 5.4.2): mentors, courses, management consulting, resources, reference data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from platform_core.accounts.roles import is_staff_member
from platform_core.errors import DomainError
from platform_core.permissions import get_visible_or_404, require_perm, staff_required

from .. import selectors, services
from ..forms import (
    AnswerForm,
    AssignForm,
    CohortForm,
    ConsultingForm,
    ContactForm,
    CourseForm,
    FacilityForm,
    MentorForm,
    ProgrammeForm,
    ResourceForm,
    TransitionForm,
)
from ..models import ConsultingRequest, Course, Mentor, ResourceLink
from .common import actions_for, history_rows, page_of, run, sorted_by


@login_required
def mentor_list(request: HttpRequest) -> HttpResponse:
    qs = Mentor.objects.annotate(project_count=Count("projects"))
    if not is_staff_member(request.user):
        qs = qs.filter(is_active=True)
    kind = request.GET.get("kind", "")
    if kind in Mentor.Kind.values:
        qs = qs.filter(kind=kind)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(expertise__icontains=q) | Q(organization_name__icontains=q))
    qs, sort = sorted_by(request, qs, {"name": "name", "kind": "kind", "projects": "project_count"}, "name")
    return render(
        request,
        "incubation/mentor_list.html",
        {"page": page_of(request, qs), "kinds": Mentor.Kind.choices, "kind": kind, "q": q, "sort": sort},
    )


@login_required
def course_list(request: HttpRequest) -> HttpResponse:
    qs = Course.objects.annotate(enrolled=Count("enrolments"))
    if not is_staff_member(request.user):
        qs = qs.filter(is_published=True)
    when = request.GET.get("when", "upcoming")
    if when == "upcoming":
        qs = qs.filter(ends_at__gte=timezone.now())
    qs, sort = sorted_by(request, qs, {"start": "starts_at", "title": "title", "topic": "topic"}, "start")
    mine = set(Course.objects.filter(enrolments__user=request.user).values_list("pk", flat=True))
    return render(
        request,
        "incubation/course_list.html",
        {"page": page_of(request, qs), "when": when, "sort": sort, "mine": mine},
    )


@login_required
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = Course.objects.filter(pk=pk).first()
    if course is None or (not course.is_published and not is_staff_member(request.user)):
        raise Http404
    staff = is_staff_member(request.user)
    enrolments = list(course.enrolments.select_related("user", "project")) if staff else []
    mine = course.enrolments.filter(user=request.user).first()
    return render(
        request,
        "incubation/course_detail.html",
        {
            "course": course,
            "enrolments": enrolments,
            "mine": mine,
            "staff": staff,
            "seats_left": course.capacity - course.enrolments.count(),
            "open": course.starts_at > timezone.now(),
        },
    )


@login_required
@require_POST
def course_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    back = reverse("incubation:course_detail", args=[pk])
    if request.POST.get("cancel"):
        return run(
            request,
            lambda: services.course_cancel_enrolment(course_id=pk, actor=request.user),
            _("Your enrolment has been cancelled."),
            back,
        )
    return run(
        request, lambda: services.course_enrol(course_id=pk, actor=request.user), _("You are enrolled."), back
    )


@staff_required
@require_POST
def course_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    ids = [int(v) for v in request.POST.getlist("attended") if v.isdigit()]
    return run(
        request,
        lambda: services.course_mark_attendance(course_id=pk, actor=request.user, attended_user_ids=ids),
        _("Attendance recorded."),
        reverse("incubation:course_detail", args=[pk]),
    )


@login_required
def consulting_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.consulting_visible_to(request.user)
    state = request.GET.get("state", "")
    if state in ConsultingRequest.State.values:
        qs = qs.filter(state=state)
    qs, sort = sorted_by(
        request, qs, {"created": "created_at", "state": "state", "topic": "topic"}, "-created"
    )
    page = page_of(request, qs)
    clocks = selectors.consulting_clocks(list(page.object_list))
    for item in page.object_list:
        item.clock = clocks.get(item.pk)
    return render(
        request,
        "incubation/consulting_list.html",
        {
            "page": page,
            "states": ConsultingRequest.State.choices,
            "state": state,
            "sort": sort,
            "can_request": request.user.has_perm("incubation.apply"),
        },
    )


@login_required
def consulting_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "incubation.apply")
    form = ConsultingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.consulting_request_submit(
                actor=request.user,
                topic=data["topic"],
                subject=data["subject"],
                description=data["description"],
                project_id=data["project"].pk if data["project"] else None,
            )
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Your consulting request has been submitted."))
            return redirect(item)
    return render(request, "incubation/consulting_form.html", {"form": form})


@login_required
def consulting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(
        ConsultingRequest.objects.select_related("requester", "assignee", "project"),
        user=request.user,
        perm="incubation.view_consulting",
        pk=pk,
    )
    staff = is_staff_member(request.user)
    return render(
        request,
        "incubation/consulting_detail.html",
        {
            "item": item,
            "clock": selectors.consulting_clocks([item]).get(item.pk),
            "actions": actions_for(item, request.user, exclude={"assign", "answer"}),
            "can_assign": staff
            and item.state in (ConsultingRequest.State.SUBMITTED, ConsultingRequest.State.ASSIGNED),
            "can_answer": item.state == ConsultingRequest.State.IN_PROGRESS
            and (staff or item.assignee_id == request.user.pk),
            "assign_form": AssignForm(initial={"assignee": item.assignee_id or request.user.pk}),
            "answer_form": AnswerForm(initial={"response": item.response}),
            "logs": history_rows(item),
        },
    )


def _consulting(request: HttpRequest, pk: int) -> ConsultingRequest:
    return get_visible_or_404(
        ConsultingRequest.objects.all(), user=request.user, perm="incubation.view_consulting", pk=pk
    )


@login_required
@require_POST
def consulting_transition(request: HttpRequest, pk: int) -> HttpResponse:
    item = _consulting(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return redirect(item)
    return run(
        request,
        lambda: services.consulting_request_transition(
            request_id=item.pk,
            action=form.cleaned_data["action"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        ),
        _("Done."),
        item.get_absolute_url(),
    )


@staff_required
@require_POST
def consulting_assign(request: HttpRequest, pk: int) -> HttpResponse:
    item = _consulting(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a service specialist."))
        return redirect(item)
    return run(
        request,
        lambda: services.consulting_request_assign(
            request_id=item.pk, actor=request.user, assignee_id=form.cleaned_data["assignee"].pk
        ),
        _("Assigned."),
        item.get_absolute_url(),
    )


@login_required
@require_POST
def consulting_answer(request: HttpRequest, pk: int) -> HttpResponse:
    item = _consulting(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the advice given."))
        return redirect(item)
    return run(
        request,
        lambda: services.consulting_request_answer(
            request_id=item.pk, actor=request.user, response=form.cleaned_data["response"]
        ),
        _("The advice has been sent to the requester."),
        item.get_absolute_url(),
    )


@login_required
def resource_list(request: HttpRequest) -> HttpResponse:
    qs = (
        ResourceLink.objects.all()
        if is_staff_member(request.user)
        else ResourceLink.objects.filter(is_active=True)
    )
    kind = request.GET.get("kind", "")
    if kind in ResourceLink.Kind.values:
        qs = qs.filter(kind=kind)
    qs, sort = sorted_by(request, qs, {"title": "title", "kind": "kind", "date": "event_date"}, "kind")
    return render(
        request,
        "incubation/resource_list.html",
        {"page": page_of(request, qs), "kinds": ResourceLink.Kind.choices, "kind": kind, "sort": sort},
    )


# Reference data kept by staff: (form, title, list URL name).
REFERENCE = {
    "facility": (FacilityForm, gettext_lazy("Facility"), "incubation:facility_list"),
    "programme": (ProgrammeForm, gettext_lazy("Fund programme"), "incubation:fund"),
    "mentor": (MentorForm, gettext_lazy("Mentor or expert"), "incubation:mentor_list"),
    "course": (CourseForm, gettext_lazy("Course"), "incubation:course_list"),
    "contact": (ContactForm, gettext_lazy("Bank or investor"), "incubation:contact_list"),
    "resource": (ResourceForm, gettext_lazy("Resource"), "incubation:resource_list"),
    "cohort": (CohortForm, gettext_lazy("Cohort"), "incubation:project_list"),
}


@staff_required
def reference_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    if kind not in REFERENCE:
        raise Http404
    form_class, title, list_url = REFERENCE[kind]
    instance = None
    if pk is not None:
        instance = form_class._meta.model.objects.filter(pk=pk).first()
        if instance is None:
            raise Http404
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.reference_save(actor=request.user, obj=form.save(commit=False))
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Saved."))
            url = getattr(obj, "get_absolute_url", None)
            return redirect(url() if url else list_url)
    return render(
        request,
        "incubation/reference_form.html",
        {"form": form, "title": title, "instance": instance, "list_url": list_url},
    )
