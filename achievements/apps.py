from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AchievementsConfig(AppConfig):
    name = "achievements"
    verbose_name = _("Achievements")

    def ready(self) -> None:
        from . import permissions, workflow  # noqa: F401  (register the rules and the state machine)

        try:
            from platform_core.attachments import registry
        except ImportError:  # the attachments app is older than its registry
            return
        from .models import Achievement
        from .permissions import can_upload_materials, can_view_materials

        registry.register_visibility(
            Achievement, can_view=can_view_materials, can_upload=can_upload_materials
        )
