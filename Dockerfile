# 成果转化协作平台 — one image for web (gunicorn), worker and beat (celery). See docs/OPERATIONS.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=platform_core.settings_production \
    MEDIA_ROOT=/app/media \
    PORT=8000

# CJK fonts (PDF reports, 中文 rendering), Pango for WeasyPrint, gettext, pg_dump/pg_restore for backups
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 \
       gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 1000 app \
    && useradd --system --uid 1000 --gid app --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app
# dependencies first (cached while only the code changes); pyproject.toml lists no packages of its own
COPY pyproject.toml ./
RUN pip install .

# the code stays root-owned and read-only for the app user; only media is writable
COPY . .
# Static files are collected at build time with throwaway values (nothing secret ends up in the image).
RUN DJANGO_SECRET_KEY=collectstatic-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
    DJANGO_ALLOWED_HOSTS=localhost \
    FIELD_ENCRYPTION_KEYS=Y29sbGVjdHN0YXRpYy1vbmx5LW5vdC1hLXJlYWxrZXk= \
    python manage.py collectstatic --noinput -v 0 \
    && python manage.py compilemessages --ignore=.venv -v 0 \
    && mkdir -p /app/media \
    && chown app:app /app/media

USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import os,urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"
CMD ["sh", "-c", "gunicorn platform_core.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --timeout 60 --access-logfile -"]
