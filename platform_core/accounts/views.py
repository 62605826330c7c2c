from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.errors import DomainError
from platform_core.permissions import staff_required

from . import services
from .forms import LoginForm, ProfileForm, RegistrationForm, RejectForm
from .models import User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.user_register(
            username=data["username"],
            email=data["email"],
            password=data["password1"],
            role=data["role"],
            display_name=data["display_name"],
            phone=data["phone"],
            organization_name=data["organization_name"],
            organization_kind=data["organization_kind"],
            province=data["province"],
            city=data["city"],
        )
        return render(request, "accounts/register_done.html", {"email": data["email"]})
    return render(request, "accounts/register.html", {"form": form})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.user_update_profile(user=request.user, **{k: data[k] for k in form.Meta.fields})
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@staff_required
def pending(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", User.Approval.PENDING)
    if status not in User.Approval.values:
        status = User.Approval.PENDING
    qs = User.objects.filter(approval_status=status).select_related("organization").order_by("-date_joined")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(username__icontains=q) | Q(display_name__icontains=q) | Q(organization__name__icontains=q)
        )
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/pending.html",
        {
            "page": page,
            "status": status,
            "statuses": User.Approval.choices,
            "q": q,
            "reject_form": RejectForm(),
        },
    )


@staff_required
@require_POST
def decide(request: HttpRequest, user_id: int, action: str) -> HttpResponse:
    reason = request.POST.get("reason", "")
    try:
        if action == "approve":
            user = services.user_approve(user_id=user_id, actor=request.user, reason=reason)
            messages.success(request, _("%(name)s has been approved.") % {"name": user})
        elif action == "reject":
            user = services.user_reject(user_id=user_id, actor=request.user, reason=reason)
            messages.success(request, _("%(name)s has been rejected.") % {"name": user})
        else:
            messages.error(request, _("Unknown action."))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect("accounts:pending")


password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/form_page.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
