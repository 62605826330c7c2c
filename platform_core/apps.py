from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformCoreConfig(AppConfig):
    name = "platform_core"
    label = "platform_core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from .dashboard import bump_generation
        from .workflow.models import TransitionLog

        # every state change drops the cached dashboards
        post_save.connect(
            bump_generation, sender=TransitionLog, weak=False, dispatch_uid="dashboard_generation"
        )
