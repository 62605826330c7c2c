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
