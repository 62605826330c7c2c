from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "platform_core.content"
    label = "content"
    verbose_name = _("Information services")

    def ready(self) -> None:
        from platform_core.accounts.roles import is_staff_member
        from platform_core.attachments.registry import register_visibility
        from platform_core.templatetags.platform_tags import STATE_COLOURS

        from . import permissions, workflow  # noqa: F401 - register rules and workflows
        from .models import Article

        # Files attached to an item (the full text of a policy, a report) are seen by whoever sees the item.
        register_visibility(
            Article,
            can_view=lambda user, article: user.has_perm("content.view_article", article),
            can_upload=lambda user, article: is_staff_member(user),
        )

        # Badge colours for this app's states that the shared table does not name yet (never overrides).
        STATE_COLOURS.setdefault("answered", "amber")  # waiting on the asker to confirm or follow up
        STATE_COLOURS.setdefault("unpublished", "dark")
