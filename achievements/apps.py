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
            Achievement,
            can_view=can_view_materials,
            can_upload=can_upload_materials,
            can_delete=_can_delete_material,
        )


def _can_delete_material(user, achievement, attachment) -> bool:
    """Materials can be removed only while the holder may still edit (draft or returned for supplement)."""
    from platform_core.accounts.roles import is_staff_member

    from .models import Achievement

    editable = achievement.state in (Achievement.State.DRAFT, Achievement.State.RETURNED)
    return editable and (attachment.uploaded_by_id == user.pk or is_staff_member(user))
