"""Load the demo data: organisations, one user per role, then each app's ``demo.seed()``.

Idempotent: running it twice leaves the same data. Passwords are listed in the README.
"""

from __future__ import annotations

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from platform_core.demo import seed_core

APP_ORDER = [
    "platform_core.content",
    "platform_core.archive",
    "achievements",
    "achievements.library",
    "evaluation",
    "matching",
    "incubation",
    "ip_services",
    "quality_metrics",
]


class Command(BaseCommand):
    help = "Load idempotent demo data (organisations, one user per role, each app's demo records)."

    def handle(self, *args, **options) -> None:
        # Notifications written while seeding speak the platform's default language (Chinese).
        with translation.override(settings.LANGUAGE_CODE):
            self._seed()

    def _seed(self) -> None:
        with transaction.atomic():
            seed_core(self.stdout)
        for app in APP_ORDER:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
