from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("library/favourites", api.FavouriteViewSet, basename="library-favourite")
router.register("library/access-requests", api.AccessRequestViewSet, basename="library-access-request")
router.register("library/recommendations", api.RecommendationViewSet, basename="library-recommendation")
router.register("library/import-jobs", api.ImportJobViewSet, basename="library-import-job")
router.register("library/publication", api.PublicationViewSet, basename="library-publication")
router.register("library", api.LibraryViewSet, basename="library-entry")

urlpatterns = router.urls
