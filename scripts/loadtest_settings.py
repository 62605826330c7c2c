"""Settings of the load test (scripts/loadtest.sh): the platform's own, DEBUG off, with one difference.

``collectstatic`` with the manifest storage currently fails (``vendor/chartjs/chart.umd.min.js`` names a source
map, ``chart.umd.min.js.map``, that is not vendored), and without the manifest every page would fail under
DEBUG off. The load test requests no static files, so the plain storage (no manifest) is enough here.
"""

from platform_core.settings import *  # noqa: F403
from platform_core.settings import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
