"""Test settings: the development settings with a fast hasher and email kept in memory.

``DATABASE_URL`` and ``CELERY_BROKER_URL`` are honoured, so the same suite runs on SQLite with eager
tasks (``make test``) and on PostgreSQL + Redis (CI's second pass).
"""

from .settings import *  # noqa: F403
from .settings import MEDIA_ROOT  # noqa: F401

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
LANGUAGE_CODE = "zh-hans"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# The per-user caches of every page's chrome (unread count) and of the dashboard stay off in the suite, so
# that the query-count tests of every app measure the pages themselves; their own tests switch them on.
NOTIFICATIONS_UNREAD_TTL = 0
DASHBOARD_CACHE_TTL = 0
