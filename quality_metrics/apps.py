from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityMetricsConfig(AppConfig):
    name = "quality_metrics"
    verbose_name = _("Service quality")

    def ready(self) -> None:
        from . import permissions, workflow  # noqa: F401 - registers the rules and the workflows
