"""Object rules of the IP services app: one source for HTML views, the API and the admin.

A holder (or enterprise) sees his own assets, requests, watch items, alerts and disputes; staff see all;
a public asset is visible to every logged-in user. Anyone else gets 404.
"""

from __future__ import annotations

import rules

from platform_core.accounts.roles import is_enterprise, is_holder, is_staff_member


def _uid(user) -> int | None:
    return getattr(user, "pk", None)


@rules.predicate
def is_asset_holder(user, asset) -> bool:
    return asset is not None and asset.holder_id == _uid(user)


@rules.predicate
def is_public_asset(user, asset) -> bool:
    return asset is not None and asset.is_public and getattr(user, "is_authenticated", False)


@rules.predicate
def is_requester(user, request) -> bool:
    return request is not None and request.requester_id == _uid(user)


@rules.predicate
def is_specialist(user, request) -> bool:
    return request is not None and request.assignee_id is not None and request.assignee_id == _uid(user)


@rules.predicate
def is_record_owner(user, record) -> bool:
    """Watch items, alerts and disputes belong to ``owner``."""
    return record is not None and record.owner_id == _uid(user)


@rules.predicate
def is_evidence_owner(user, evidence) -> bool:
    return evidence is not None and evidence.dispute.owner_id == _uid(user)


is_client = is_holder | is_enterprise

rules.add_perm("ip_services.use", is_client | is_staff_member)
rules.add_perm("ip_services.request_service", is_client)
rules.add_perm("ip_services.manage", is_staff_member)
rules.add_perm("ip_services.view_asset", is_staff_member | is_asset_holder | is_public_asset)
rules.add_perm("ip_services.change_asset", is_staff_member | is_asset_holder)
rules.add_perm("ip_services.view_request", is_staff_member | is_requester)
rules.add_perm("ip_services.view_watch", is_staff_member | is_record_owner)
rules.add_perm("ip_services.view_alert", is_staff_member | is_record_owner)
rules.add_perm("ip_services.view_dispute", is_staff_member | is_record_owner)
rules.add_perm("ip_services.view_evidence", is_staff_member | is_evidence_owner)
