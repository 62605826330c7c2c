"""Helpers shared by the library's views."""

from __future__ import annotations

from typing import Any

from platform_core.workflow.engine import history, workflow_for


def labelled_logs(obj: Any, logs: list | None = None) -> list:
    """The record's history with state and action labels for ``partials/history.html``."""
    wf = workflow_for(obj)
    logs = list(history(obj)) if logs is None else logs
    for log in logs:
        log.from_label = wf.state_label(log.from_state) if log.from_state else ""
        log.to_label = wf.state_label(log.to_state)
        step = wf.get(log.action)
        log.action_label = step.label if step else log.action
    return logs


def safe_next(url: str | None, default: str) -> str:
    if url and url.startswith("/") and not url.startswith("//"):
        return url
    return default
