from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        from . import permissions, workflow  # noqa: F401  (register rules and state machines)
        from .hooks import register_hooks

        register_hooks()
