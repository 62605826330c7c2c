from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IpServicesConfig(AppConfig):
    name = "ip_services"
    verbose_name = _("IP services")
