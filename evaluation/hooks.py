"""Hooks into other apps (achievement visibility, attachment visibility), registered in AppConfig.ready()."""

from __future__ import annotations


def register_hooks() -> None:
    """Nothing to register until the evaluation-of-achievements part exists."""
    return None
