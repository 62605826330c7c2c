from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The achievement library (成果信息库): publication, search, confidentiality grants, recommendations.

    It lives inside the achievements package (ARCHITECTURE.md: achievements owns the library) as its own
    Django app so that its tables and migrations stay separate from the achievement record's.
    """

    name = "achievements.library"
    label = "library"
    verbose_name = _("Achievement library")

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from achievements import selectors as achievement_selectors

        from . import permissions, workflow  # noqa: F401  (register the rules and the state machines)
        from .services import behaviour
        from .services.access import has_full_grant

        # The achievement's own pages show every "granted" section to a user with a full grant.
        if has_full_grant not in achievement_selectors.grant_checkers:
            achievement_selectors.grant_checkers.append(has_full_grant)
        request_started.connect(behaviour.request_started, dispatch_uid="library_behaviour_start")
        request_finished.connect(behaviour.request_finished, dispatch_uid="library_behaviour_flush")

        from django.db.models.signals import post_save

        from platform_core.workflow.models import TransitionLog

        from .services.sync import on_transition_logged

        post_save.connect(on_transition_logged, sender=TransitionLog, dispatch_uid="library_sync")
