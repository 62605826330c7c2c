"""Celery tasks of the IP services app: thin, idempotent, calling services."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def ip_deadline_reminders() -> int:
    """Daily: remind holders of fee and renewal deadlines (30 and 7 days ahead); safe to run twice."""
    from .services import deadline_reminders_send

    return deadline_reminders_send()


@shared_task(acks_late=True)
def ip_asset_deadlines_refresh(asset_id: int) -> None:
    """Recompute one asset's deadlines (after an import or an edit made outside the services)."""
    from .models import IpAsset
    from .services import asset_deadlines_sync

    asset = IpAsset.objects.filter(pk=asset_id).first()
    if asset is None:
        return
    asset_deadlines_sync(asset=asset)
