from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("ip/assets", api.IpAssetViewSet, basename="ip-asset")
router.register("ip/deadlines", api.IpDeadlineViewSet, basename="ip-deadline")
router.register("ip/requests", api.IpServiceRequestViewSet, basename="ip-request")
router.register("ip/watches", api.InfringementWatchViewSet, basename="ip-watch")
router.register("ip/alerts", api.InfringementAlertViewSet, basename="ip-alert")
router.register("ip/disputes", api.DisputeViewSet, basename="ip-dispute")

urlpatterns = [
    path("ip/disclaimer/", api.DisclaimerView.as_view(), name="ip-disclaimer"),
    *router.urls,
]
