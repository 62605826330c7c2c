"""``manage.py backup``: the database and the media files, with a manifest of row counts and checksums.

PostgreSQL: ``pg_dump`` in custom format (``database.dump``); SQLite: a consistent copy of the file
(``database.sqlite3``). Media: ``media.tar.gz`` of MEDIA_ROOT. ``manifest.json`` lists the row count of every
table, the sha256 of every backup file and of every media file; ``manage.py restore DIR`` checks all of them.
"""

from __future__ import annotations

import json
import sqlite3
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from platform_core.audit.backup import (
    MANIFEST,
    MANIFEST_VERSION,
    file_sha256,
    media_checksums,
    pg_command,
    row_counts,
    run_pg_tool,
)


class Command(BaseCommand):
    help = "Back up the database and MEDIA_ROOT into a new folder with a manifest (row counts, sha256)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            help="folder to create (default: BACKUP_DIR/<timestamp>, BACKUP_DIR defaults to <project>/backups)",
        )

    def handle(self, *args, **options) -> None:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        base = Path(getattr(settings, "BACKUP_DIR", settings.BASE_DIR / "backups"))
        target = Path(options["output"]) if options["output"] else base / stamp
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} exists and is not empty")
        target.mkdir(parents=True, exist_ok=True)
        target.chmod(0o700)

        from platform_core.audit.services import audit_event_record

        # recorded first, so the event itself is part of the backup it describes
        audit_event_record(kind="backup", summary=f"backup {target.name}", detail={"folder": str(target)})

        vendor = connection.vendor
        counts = row_counts()
        if vendor == "postgresql":
            db_file = target / "database.dump"
            run_pg_tool(
                pg_command(
                    "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(db_file)
                )
            )
        elif vendor == "sqlite":
            db_file = target / "database.sqlite3"
            connection.ensure_connection()
            dest = sqlite3.connect(db_file)
            try:
                connection.connection.backup(dest)
            finally:
                dest.close()
        else:
            raise CommandError(f"backups of {vendor} databases are not supported")

        media_root = Path(settings.MEDIA_ROOT)
        media_file = target / "media.tar.gz"
        with tarfile.open(media_file, "w:gz") as tar:
            if media_root.exists():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        tar.add(path, arcname=str(path.relative_to(media_root)), recursive=False)

        manifest = {
            "version": MANIFEST_VERSION,
            "created_at": timezone.now().isoformat(),
            "vendor": vendor,
            "database_file": db_file.name,
            "row_counts": counts,
            "files": {db_file.name: file_sha256(db_file), media_file.name: file_sha256(media_file)},
            "media": media_checksums(media_root),
        }
        (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True))
        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"backup written to {target}: {len(counts)} tables, {total} rows, {len(manifest['media'])} media files"
            )
        )
