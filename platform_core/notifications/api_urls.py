from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("", api.NotificationViewSet, basename="notification")
urlpatterns = router.urls
