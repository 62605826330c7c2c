"""Structure of docker-compose.yml and the Dockerfile (no Docker engine runs here, so they are read, not run)."""

from __future__ import annotations

import re

import pytest
import yaml

from . import support

COMPOSE = support.ROOT / "docker-compose.yml"
DOCKERFILE = support.ROOT / "Dockerfile"
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_compose_has_the_five_services_with_health_checks(compose):
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    for name, service in services.items():
        check = service.get("healthcheck")
        assert check and check["test"], f"{name} has no health check"
        assert check["test"][0] in {"CMD", "CMD-SHELL"}
        assert service.get("image") or service.get("build"), name


def test_app_services_share_one_image_and_wait_for_healthy_backends(compose):
    services = compose["services"]
    images = {services[name]["image"] for name in APP_SERVICES}
    assert len(images) == 1
    for name in APP_SERVICES:
        service = services[name]
        assert service["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }
        env = service["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "platform_core.settings_production"
        for key in (
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "REDIS_URL",
            "DJANGO_SECRET_KEY",
            "FIELD_ENCRYPTION_KEYS",
        ):
            assert env.get(key), f"{name} lacks {key}"
        assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        # no secret is written into the file: the required ones must come from the environment
        assert env["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")
        assert env["FIELD_ENCRYPTION_KEYS"].startswith("${FIELD_ENCRYPTION_KEYS:?")
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert services["worker"]["command"][:4] == ["celery", "-A", "platform_core", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "platform_core", "beat"]
    assert "DatabaseScheduler" in " ".join(services["beat"]["command"])


def test_named_volumes_are_declared_and_used(compose):
    declared = set(compose["volumes"])
    used = set()
    for service in compose["services"].values():
        for mount in service.get("volumes", []):
            source = mount.split(":", 1)[0]
            if not source.startswith(("/", ".")):
                used.add(source)
    assert used == declared == {"pgdata", "redisdata", "media"}
    assert "media:/app/media" in compose["services"]["web"]["volumes"]
    assert "media:/app/media" in compose["services"]["worker"]["volumes"]


def test_dockerfile_essentials():
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.M)
    assert "fonts-noto-cjk" in text and "libpango-1.0-0" in text
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1] not in {"root", "0"}
    assert "collectstatic" in text
    assert re.search(r"^CMD .*gunicorn platform_core\.wsgi:application", text, re.M)
    assert "HEALTHCHECK" in text
    ignored = (support.ROOT / ".dockerignore").read_text().split()
    for entry in (".git", ".venv", "db.sqlite3", "media", ".env"):
        assert entry in ignored
