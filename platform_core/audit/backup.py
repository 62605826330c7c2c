"""Helpers of the backup and restore commands (platform_core/management/commands/backup.py, restore.py)."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from django.db import connection

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums(root: Path) -> dict[str, str]:
    """{relative path: sha256} of every regular file under ``root``."""
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): file_sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def row_counts() -> dict[str, int]:
    """Rows of every table of the default database."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - introspected name
            counts[table] = cursor.fetchone()[0]
    return counts


def pg_command(tool: str, *args: str) -> tuple[list[str], dict[str, str]]:
    """``pg_dump``/``pg_restore`` arguments and environment for the default database (password via PGPASSWORD)."""
    db = connection.settings_dict
    cmd = [tool, *args, "--dbname", db["NAME"]]
    if db.get("HOST"):
        cmd += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        cmd += ["--port", str(db["PORT"])]
    if db.get("USER"):
        cmd += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return cmd, env


def run_pg_tool(command: tuple[list[str], dict[str, str]]) -> None:
    from django.core.management.base import CommandError

    cmd, env = command
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CommandError(f"{cmd[0]} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
