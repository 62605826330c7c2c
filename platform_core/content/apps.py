from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "platform_core.content"
    label = "content"
    verbose_name = _("Information services")

    def ready(self) -> None:
        from platform_core.templatetags.platform_tags import STATE_COLOURS

        from . import permissions, workflow  # noqa: F401 - register rules and workflows

        # Badge colours for this app's states that the shared table does not name yet (never overrides).
        STATE_COLOURS.setdefault("answered", "amber")  # waiting on the asker to confirm or follow up
        STATE_COLOURS.setdefault("unpublished", "dark")
