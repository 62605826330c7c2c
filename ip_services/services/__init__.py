"""Every write of the IP services app (one function per use case, in a transaction)."""

from .assets import (
    asset_create,
    asset_deadlines_sync,
    asset_update,
    assets_import_status_entries,
    deadline_complete,
    deadline_reminders_send,
)
from .disputes import (
    dispute_add_party,
    dispute_close,
    dispute_open,
    dispute_transition,
    dispute_update,
    evidence_add,
)
from .monitoring import (
    alert_create,
    alert_take_action,
    alert_transition,
    alerts_import,
    watch_create,
    watch_set_active,
)
from .requests import (
    disclaimer_acknowledge,
    disclaimer_acknowledged,
    request_add_material,
    request_assign,
    request_create,
    request_deliver,
    request_transition,
)

__all__ = [
    "alert_create",
    "alert_take_action",
    "alert_transition",
    "alerts_import",
    "asset_create",
    "asset_deadlines_sync",
    "asset_update",
    "assets_import_status_entries",
    "deadline_complete",
    "deadline_reminders_send",
    "disclaimer_acknowledge",
    "disclaimer_acknowledged",
    "dispute_add_party",
    "dispute_close",
    "dispute_open",
    "dispute_transition",
    "dispute_update",
    "evidence_add",
    "request_add_material",
    "request_assign",
    "request_create",
    "request_deliver",
    "request_transition",
    "watch_create",
    "watch_set_active",
]
