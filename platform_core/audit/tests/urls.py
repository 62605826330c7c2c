"""The site's URLs plus /audit/ (until platform_core/urls.py includes it, the tests wire it themselves)."""

from django.urls import include, path

from platform_core.urls import urlpatterns as site_urlpatterns

urlpatterns = list(site_urlpatterns)
if not any(getattr(p, "namespace", None) == "audit" for p in site_urlpatterns):
    urlpatterns.append(path("audit/", include("platform_core.audit.urls")))
