"""Production settings: ``platform_core.settings`` evaluated with debug off, plus production-only extras.

    DJANGO_SETTINGS_MODULE=platform_core.settings_production

Like ``DJANGO_DEBUG=0`` with the base settings: start-up fails without ``DJANGO_SECRET_KEY``,
``DJANGO_ALLOWED_HOSTS`` and ``FIELD_ENCRYPTION_KEYS``; secure cookies, HSTS, SSL redirect (behind a proxy
that sets ``X-Forwarded-Proto``), the manifest static storage. ``manage.py check --deploy --fail-level WARNING``
reports nothing with these settings (tests/security/test_deploy_check.py).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path


def _base_settings_with_debug_off() -> dict:
    """Execute settings.py afresh with DJANGO_DEBUG=0, whatever the environment or an earlier import said."""
    previous = os.environ.get("DJANGO_DEBUG")
    os.environ["DJANGO_DEBUG"] = "0"
    try:
        spec = importlib.util.spec_from_file_location(
            "platform_core._settings_production_base", Path(__file__).with_name("settings.py")
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        if previous is None:
            os.environ.pop("DJANGO_DEBUG", None)
        else:
            os.environ["DJANGO_DEBUG"] = previous
    return {name: value for name, value in vars(module).items() if name.isupper()}


globals().update(_base_settings_with_debug_off())

DEBUG = False
# The load balancer and container health checks speak plain HTTP to /healthz.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
CSRF_COOKIE_HTTPONLY = False  # the htmx header reads the token from the page, not the cookie
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_AGE", str(8 * 3600)))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        "django.security": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
