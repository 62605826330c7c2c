from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "platform_core.audit"
    label = "audit"
    verbose_name = _("Audit and operations")

    def ready(self) -> None:
        from . import selectors  # noqa: F401 - registers the built-in audit log sources
