from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubationConfig(AppConfig):
    name = "incubation"
    verbose_name = _("Incubation")

    def ready(self) -> None:
        from platform_core.attachments.registry import register_visibility

        from . import permissions, workflow  # noqa: F401 - registers rules and workflows
        from .models import IncubationProject

        register_visibility(
            IncubationProject,
            can_view=lambda user, obj: user.has_perm("incubation.view_documents", obj),
            can_upload=lambda user, obj: user.has_perm("incubation.change_project", obj),
        )
