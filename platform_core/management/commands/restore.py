"""``manage.py restore DIR``: restore a ``manage.py backup`` folder into an EMPTY database and media folder.

Checks every checksum of the manifest before touching anything, refuses a database that already has tables,
then restores (``pg_restore`` or the SQLite file), unpacks the media archive and verifies row counts and media
checksums against the manifest. Exits non-zero on any difference.
"""

from __future__ import annotations

import json
import shutil
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from platform_core.audit.backup import (
    MANIFEST,
    file_sha256,
    media_checksums,
    pg_command,
    row_counts,
    run_pg_tool,
)


class Command(BaseCommand):
    help = "Restore a backup folder into an empty database and MEDIA_ROOT, then verify counts and checksums."

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", help="a folder written by `manage.py backup`")

    def handle(self, *args, **options) -> None:
        folder = Path(options["folder"])
        manifest_path = folder / MANIFEST
        if not manifest_path.is_file():
            raise CommandError(f"{manifest_path} not found")
        manifest = json.loads(manifest_path.read_text())
        for name, digest in manifest["files"].items():
            path = folder / name
            if not path.is_file() or file_sha256(path) != digest:
                raise CommandError(f"{path} is missing or its checksum differs from the manifest")
        vendor = connection.vendor
        if vendor != manifest["vendor"]:
            raise CommandError(f"the backup is of a {manifest['vendor']} database, this one is {vendor}")
        existing = connection.introspection.table_names()
        if existing:
            raise CommandError(
                f"the database is not empty ({len(existing)} tables); restore needs an empty one"
            )
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists() and any(p.is_file() for p in media_root.rglob("*")):
            raise CommandError(f"MEDIA_ROOT {media_root} is not empty")

        db_file = folder / manifest["database_file"]
        if vendor == "postgresql":
            run_pg_tool(
                pg_command("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", str(db_file))
            )
        else:
            name = Path(settings.DATABASES["default"]["NAME"])
            connection.close()
            shutil.copyfile(db_file, name)
        connection.close()

        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / "media.tar.gz", "r:gz") as tar:
            tar.extractall(media_root, filter="data")  # refuses absolute paths, "..", links out of the folder

        problems = []
        counts = row_counts()
        for table, expected in manifest["row_counts"].items():
            if counts.get(table) != expected:
                problems.append(f"table {table}: {counts.get(table)} rows, manifest {expected}")
        media = media_checksums(media_root)
        if media != manifest["media"]:
            missing = sorted(set(manifest["media"]) - set(media))
            changed = sorted(k for k in manifest["media"] if k in media and media[k] != manifest["media"][k])
            problems.append(f"media differ: missing {missing[:5]}, changed {changed[:5]}")
        if problems:
            raise CommandError("restore verification failed:\n" + "\n".join(problems))
        self.stdout.write(
            self.style.SUCCESS(
                f"restored {folder}: {len(counts)} tables, {sum(counts.values())} rows and {len(media)} media files "
                "match the manifest"
            )
        )
