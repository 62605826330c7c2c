from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching and deals")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_save

        from achievements.models import Achievement
        from platform_core.attachments.registry import register_visibility

        from . import permissions, signals, workflow  # noqa: F401 - registers rules and workflows
        from .models import Agreement, DockingProject, ImplementationProject

        post_save.connect(
            signals.achievement_saved, sender=Achievement, dispatch_uid="matching_achievement_saved"
        )
        for through in (Achievement.scenarios.through, Achievement.cooperation_modes.through):
            m2m_changed.connect(
                signals.achievement_vocab_changed, sender=through, dispatch_uid=f"matching_{through.__name__}"
            )
        register_visibility(
            DockingProject,
            can_view=lambda user, obj: user.has_perm("matching.view_dockingproject", obj),
            can_upload=lambda user, obj: user.has_perm("matching.upload_dockingproject", obj),
        )
        register_visibility(
            Agreement,
            can_view=lambda user, obj: user.has_perm("matching.view_agreement", obj),
            can_upload=lambda user, obj: user.has_perm("matching.manage_agreement", obj),
        )
        register_visibility(
            ImplementationProject,
            can_view=lambda user, obj: user.has_perm("matching.view_implementationproject", obj),
            can_upload=lambda user, obj: user.has_perm("matching.raise_issue", obj),
        )
