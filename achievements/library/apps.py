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

        # A visitor's cached detail page is dropped whenever the achievement or one of its sections changes.
        from django.db.models.signals import m2m_changed, post_delete

        from achievements.models import (
            Achievement,
            ApplicationCase,
            IpStatusEntry,
            TeamMember,
            TechnicalParameter,
        )

        from .selectors.pagecache import forget_entry

        def forget_achievement(sender, instance, **kwargs):
            forget_entry(instance.pk)

        def forget_section(sender, instance, **kwargs):
            forget_entry(instance.achievement_id)

        def forget_m2m(sender, instance, **kwargs):
            if isinstance(instance, Achievement):
                forget_entry(instance.pk)

        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(
                forget_achievement, sender=Achievement, weak=False, dispatch_uid=f"library_page_{name}"
            )
            for model in (ApplicationCase, IpStatusEntry, TeamMember, TechnicalParameter):
                signal.connect(
                    forget_section,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"library_page_{model.__name__}_{name}",
                )
        for through in (Achievement.scenarios.through, Achievement.cooperation_modes.through):
            m2m_changed.connect(
                forget_m2m, sender=through, weak=False, dispatch_uid=f"library_page_{through.__name__}"
            )
