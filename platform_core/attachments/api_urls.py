from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("attachments", api.AttachmentViewSet, basename="attachment")
urlpatterns = router.urls
