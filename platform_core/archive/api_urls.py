from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("archive", api.ArchiveEntryViewSet, basename="archive-entry")
urlpatterns = router.urls
