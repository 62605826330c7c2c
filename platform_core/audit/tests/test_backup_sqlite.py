"""The SQLite branch of backup/restore: a consistent copy of the file, restored into a new empty file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from platform_core.audit.models import AuditEvent

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite path; PostgreSQL has its own drill")
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_and_restore_round_trip(make_user, settings, tmp_path):
    make_user("holder")
    media = Path(settings.MEDIA_ROOT)
    (media / "sub").mkdir(parents=True)
    (media / "sub" / "a.txt").write_text("甲")
    folder = tmp_path / "bk"
    call_command("backup", "--output", str(folder), stdout=open(os.devnull, "w"))  # noqa: SIM115

    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["vendor"] == "sqlite" and manifest["media"].keys() == {"sub/a.txt"}
    assert AuditEvent.objects.filter(kind="backup").count() == 1
    copy = sqlite3.connect(folder / "database.sqlite3")
    assert (
        copy.execute("SELECT count(*) FROM accounts_user").fetchone()[0]
        == manifest["row_counts"]["accounts_user"]
    )
    assert copy.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0] == 1
    copy.close()

    target = tmp_path / "restored.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(DATABASE_URL=f"sqlite:///{target}", MEDIA_ROOT=str(tmp_path / "media2"), CELERY_BROKER_URL="")
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "match the manifest" in result.stdout
    assert (tmp_path / "media2" / "sub" / "a.txt").read_text() == "甲"
    # the restored file is now a database with tables: a second restore is refused
    again = subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode != 0 and "not empty" in again.stderr


def test_restore_refuses_a_folder_without_manifest(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="manifest.json not found"):
        call_command("restore", str(tmp_path))
