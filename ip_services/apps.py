from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IpServicesConfig(AppConfig):
    name = "ip_services"
    verbose_name = _("IP services")

    def ready(self) -> None:
        from platform_core.attachments.registry import register_visibility

        from . import permissions, workflow  # noqa: F401 - registers rules and workflows
        from .models import DisputeEvidence, IpServiceRequest

        register_visibility(
            IpServiceRequest,
            can_view=lambda user, obj: user.has_perm("ip_services.view_request", obj),
        )
        register_visibility(
            DisputeEvidence,
            can_view=lambda user, obj: user.has_perm("ip_services.view_evidence", obj),
        )
