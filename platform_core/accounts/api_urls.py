from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("organizations", api.OrganizationViewSet, basename="organization")
router.register("users", api.UserViewSet, basename="user")
urlpatterns = router.urls
