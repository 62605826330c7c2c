"""Re-encrypt every encrypted column of every model with the newest key of FIELD_ENCRYPTION_KEYS.

Rotation: put the new key first in FIELD_ENCRYPTION_KEYS (keep the old ones after it), deploy, run this
command, then remove the old keys. The command reads each value with any configured key and writes it back
with the newest; it runs in one transaction per model, so a value no key decrypts aborts that model
unchanged (and the command stops with an error).
"""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from platform_core import crypto
from platform_core.fields import encrypted_fields


class Command(BaseCommand):
    help = "Re-encrypt every encrypted field of every model with the newest FIELD_ENCRYPTION_KEYS entry."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options) -> None:
        crypto.check_keys()
        batch = options["batch_size"]
        total = 0
        for model in apps.get_models():
            fields = encrypted_fields(model)
            if not fields:
                continue
            names = [f.attname for f in fields]
            rows = 0
            with transaction.atomic():
                manager = model._base_manager
                pks = list(manager.order_by("pk").values_list("pk", flat=True))
                # Batches by primary key (no server-side cursor: an undecryptable value must roll back cleanly).
                for start in range(0, len(pks), batch):
                    chunk = pks[start : start + batch]
                    for pk, *plain in manager.filter(pk__in=chunk).order_by("pk").values_list("pk", *names):
                        changes = {
                            name: value for name, value in zip(names, plain, strict=True) if value is not None
                        }
                        if changes:
                            # update() bypasses save() and signals; get_prep_value encrypts with the newest key.
                            manager.filter(pk=pk).update(**changes)
                            rows += 1
            total += rows
            self.stdout.write(f"{model._meta.label}: {rows} rows re-encrypted ({', '.join(names)})")
        self.stdout.write(self.style.SUCCESS(f"Done: {total} rows re-encrypted with the newest key."))
