from django.urls import include, path

from . import schema, views  # noqa: F401 - schema registers the OpenAPI field extensions

urlpatterns = [
    path("me/", views.MeView.as_view(), name="api-me"),
    path("accounts/", include("platform_core.accounts.api_urls")),
    path("notifications/", include("platform_core.notifications.api_urls")),
    path("", include("platform_core.attachments.api_urls")),
    path("", include("platform_core.reports.api_urls")),
    path("", include("platform_core.archive.api_urls")),
    path("", include("platform_core.content.api_urls")),
    path("", include("achievements.api_urls")),
    path("", include("achievements.library.api_urls")),
    path("", include("evaluation.api_urls")),
    path("", include("matching.api_urls")),
    path("", include("incubation.api_urls")),
    path("", include("ip_services.api_urls")),
    path("", include("quality_metrics.api_urls")),
]
