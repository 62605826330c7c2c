from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "platform_core.content"
    label = "content"
    verbose_name = _("Information services")
