"""Rebuild the library's search documents (after a dictionary change, an organisation move, a restore)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from achievements.library.services.indexing import documents_rebuild
from achievements.library.services.publication import publication_sync


class Command(BaseCommand):
    help = "Rebuild the search documents of every achievement in the library (public content only)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("ids", nargs="*", type=int, help="Only these achievements")

    def handle(self, *args, **options) -> None:
        added = publication_sync()
        if added:
            self.stdout.write(f"library: {added} published achievements without a publication row adopted")
        count = documents_rebuild(
            achievement_ids=options["ids"] or None, batch_size=options["batch_size"], stdout=self.stdout
        )
        self.stdout.write(self.style.SUCCESS(f"library: {count} documents rebuilt"))
