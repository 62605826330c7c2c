from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext

from platform_core.notifications.services import notification_send
from platform_core.workflow.engine import record_initial, transition

from .models import Organization, User
from .roles import SELF_REGISTRATION_ROLES, Role
from .workflow import ACCOUNT_WORKFLOW


def role_group(role: str) -> Group:
    group, _ = Group.objects.get_or_create(name=role)
    return group


@transaction.atomic
def user_register(
    *,
    username: str,
    email: str,
    password: str,
    role: str,
    display_name: str = "",
    phone: str = "",
    organization_name: str = "",
    organization_kind: str = Organization.Kind.OTHER,
    province: str = "",
    city: str = "",
) -> User:
    """Self-registration of a holder or an enterprise; the account waits for staff approval."""
    if role not in SELF_REGISTRATION_ROLES:
        raise ValueError(f"role {role!r} cannot self-register")
    organization = None
    if organization_name:
        organization, _ = Organization.objects.get_or_create(
            name=organization_name.strip(),
            defaults={"kind": organization_kind, "province": province, "city": city},
        )
    user = User(
        username=username,
        email=email,
        display_name=display_name,
        phone=phone,
        organization=organization,
        approval_status=User.Approval.PENDING,
        requested_role=role,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(role_group(role))
    record_initial(user, actor=user, workflow=ACCOUNT_WORKFLOW)
    staff = User.objects.filter(groups__name__in=[Role.STAFF, Role.ADMIN], is_active=True).distinct()
    user_id = user.pk

    def tell_staff() -> None:
        from django.urls import reverse

        for member in staff:
            notification_send(
                recipient=member,
                title=gettext("New registration awaiting approval: %(name)s")
                % {"name": user.display_name or user.username},
                body=f"{user.get_requested_role_display()} · {organization or ''}",
                url=reverse("accounts:pending") + f"#user-{user_id}",
            )

    transaction.on_commit(tell_staff)
    return user


def user_approve(*, user_id: int, actor: Any, reason: str = "") -> User:
    return transition(User, user_id, action="approve", actor=actor, reason=reason, workflow=ACCOUNT_WORKFLOW)


def user_reject(*, user_id: int, actor: Any, reason: str) -> User:
    return transition(User, user_id, action="reject", actor=actor, reason=reason, workflow=ACCOUNT_WORKFLOW)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    roles: list[str],
    email: str = "",
    display_name: str = "",
    organization: Organization | None = None,
    title: str = "",
    is_superuser: bool = False,
) -> User:
    """Create an approved account (staff-created users, demo data)."""
    user = User(
        username=username,
        email=email,
        display_name=display_name,
        organization=organization,
        title=title,
        approval_status=User.Approval.APPROVED,
        is_staff=is_superuser or Role.ADMIN in roles or Role.STAFF in roles,
        is_superuser=is_superuser or Role.ADMIN in roles,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    for role in roles:
        user.groups.add(role_group(role))
    return user


def user_update_profile(
    *, user: User, display_name: str, email: str, phone: str, title: str, interests: str
) -> User:
    user.display_name = display_name
    user.email = email
    user.phone = phone
    user.title = title
    user.interests = interests
    user.full_clean()
    user.save(update_fields=["display_name", "email", "phone", "title", "interests"])
    return user
