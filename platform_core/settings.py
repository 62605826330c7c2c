"""Settings for 成果转化协作平台, read from the environment.

Development defaults (``make run``): SQLite in the project, tasks run eagerly, debug on.
Production (``DJANGO_DEBUG=0``) refuses to start without a secret key, allowed hosts and
encryption keys, and turns on the secure-cookie/HSTS/SSL settings of Django's deployment checklist.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Fernet keys for confidential fields, newest first. Development uses a fixed key so `make run` works.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
if not FIELD_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must be set when DJANGO_DEBUG is off.")
    FIELD_ENCRYPTION_KEYS = ["ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE="]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    # before drf_spectacular: its Swagger UI template is overridden there (CSP nonce on the inline script)
    "platform_core.audit",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "axes",
    # cross-cutting parts of the platform
    "platform_core.accounts",
    "platform_core.workflow",
    "platform_core.attachments",
    "platform_core.notifications",
    "platform_core.reports",
    "platform_core.archive",
    "platform_core.content",
    "platform_core",
    # the domain apps, one stretch of the spine each
    "achievements",
    "achievements.library",
    "evaluation",
    "matching",
    "incubation",
    "ip_services",
    "quality_metrics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "platform_core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "platform_core.middleware.DomainErrorMiddleware",
    # last: turns a lockout raised by the axes backend into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "platform_core.urls"
WSGI_APPLICATION = "platform_core.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "platform_core.context_processors.platform",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "platform_core.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "platform"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # first: refuses every login of a locked-out account before a password is checked
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "platform_core.accounts.backends.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024)))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "platform@example.com")
PLATFORM_BASE_URL = os.environ.get("PLATFORM_BASE_URL", "http://127.0.0.1:8000")

# --- REST API ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "platform_core.api.pagination.FastPageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "platform_core.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "成果转化协作平台 API",
    "DESCRIPTION": "Achievement-transfer collaboration platform API (v1).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Field names shared by several choice sets (state, kind, mode, ...) get one explicit enum name each, so
    # the schema has stable names and generating it raises no warnings (tests/security/test_schema.py).
    "ENUM_NAME_OVERRIDES": {
        "AchievementStateEnum": "achievements.models.achievement.Achievement.State",
        "MaturityEnum": "achievements.models.achievement.Achievement.Maturity",
        "SubmissionKindEnum": "achievements.models.review.Submission.Kind",
        "AgreementStateEnum": "matching.models.agreements.Agreement.State",
        "DemandStateEnum": "matching.models.demands.Demand.State",
        "ImplementationProjectStateEnum": "matching.models.implementation.ImplementationProject.State",
        "EventModeEnum": "matching.models.events.MatchmakingEvent.Mode",
        "EventSessionOutcomeEnum": "matching.models.events.EventSession.Outcome",
        "MatchSuggestionStatusEnum": "matching.models.index.MatchSuggestion.Status",
        "SeverityEnum": "matching.models.agreements.RiskFlag.Severity",
        "EvaluationStateEnum": "evaluation.models.panels.Evaluation.State",
        "EvaluationModeEnum": "evaluation.models.panels.Evaluation.Mode",
        "ImportModeEnum": "achievements.library.models.imports.ImportJob.Mode",
        "IndicatorSystemStateEnum": "evaluation.models.indicators.IndicatorSystem.State",
        "ScoreSheetStateEnum": "evaluation.models.scoring.ScoreSheet.State",
        "IncubationProjectStateEnum": "incubation.models.projects.IncubationProject.State",
        "IncubationOutcomeEnum": "incubation.models.projects.IncubationProject.Outcome",
        "ConsultingTopicEnum": "incubation.models.coaching.ConsultingRequest.Topic",
        "IpAssetKindEnum": "ip_services.models.assets.IpAsset.Kind",
        "IpAssetStatusEnum": "ip_services.models.assets.IpAsset.Status",
        "IpServiceTypeEnum": "ip_services.models.requests.IpServiceRequest.ServiceType",
        "DisputeKindEnum": "ip_services.models.disputes.Dispute.Kind",
        "DisputeOutcomeEnum": "ip_services.models.disputes.Dispute.Outcome",
        "DisputeEvidenceKindEnum": "ip_services.models.disputes.DisputeEvidence.Kind",
        "PlatformServiceTypeEnum": "quality_metrics.service_types.choices",
        "ArticleStateEnum": "platform_core.content.models.Article.State",
        "ArticleKindEnum": "platform_core.content.models.Article.Kind",
        "ConsultationStateEnum": "platform_core.content.models.Consultation.State",
        "ConsultationCategoryEnum": "platform_core.content.models.Consultation.Category",
    },
}

# --- Celery ---
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or (CELERY_BROKER_URL or None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Redis redelivers a task whose worker died before acknowledging it after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
}
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540

# --- Production hardening (Django's deployment checklist) ---
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Content-Security-Policy (django-csp): no inline scripts anywhere. Pages that must run an inline
# script (the Swagger UI at /api/docs/) mark it with the per-request nonce; nothing else may run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # style attributes and htmx's indicator <style> need inline styles; scripts never do
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Login throttling (django-axes): per account, at most 100 failed logins, then locked for an hour.
# The client address counts too (a password spray over many accounts from one address is stopped as well).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "100"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Behind N reverse proxies set DJANGO_PROXY_COUNT=N so the client address comes from X-Forwarded-For
# (otherwise every visitor would share the proxy's address).
if int(os.environ.get("DJANGO_PROXY_COUNT", "0") or 0):
    AXES_IPWARE_PROXY_COUNT = int(os.environ["DJANGO_PROXY_COUNT"])
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# "admin" and "admin@…" are one account: count failures on the canonical username
AXES_USERNAME_CALLABLE = "platform_core.audit.axes.canonical_username"
AXES_LOCKOUT_TEMPLATE = "audit/lockout.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"jieba": {"level": "WARNING"}},
}
