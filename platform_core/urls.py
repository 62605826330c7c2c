from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import views

admin.site.site_header = _("Achievement Transfer Collaboration Platform — web admin")
admin.site.site_title = _("Platform admin")
admin.site.index_title = _("Administration")

DOMAIN_APPS = [
    "achievements",
    "achievements.library",
    "evaluation",
    "matching",
    "incubation",
    "ip_services",
    "quality_metrics",
]

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("platform_core.api.urls")),
    path("accounts/", include("platform_core.accounts.urls")),
    path("notifications/", include("platform_core.notifications.urls")),
    path("attachments/", include("platform_core.attachments.urls")),
    path("reports/", include("platform_core.reports.urls")),
    path("archive/", include("platform_core.archive.urls")),
    path("info/", include("platform_core.content.urls")),
    path("audit/", include("platform_core.audit.urls")),
    *[path("", include(f"{app}.urls")) for app in DOMAIN_APPS],
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
