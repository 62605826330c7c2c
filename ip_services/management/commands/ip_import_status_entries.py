"""Convert the achievement record's interim IP status entries into IP assets (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ip_services.services import assets_import_status_entries


class Command(BaseCommand):
    help = "Create IP assets from achievements' IP status entries; entries already converted are skipped."

    def handle(self, *args, **options) -> None:
        created, linked = assets_import_status_entries()
        self.stdout.write(
            self.style.SUCCESS(f"IP assets created: {created}; existing assets linked: {linked}")
        )
