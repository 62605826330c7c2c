from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("achievements", api.AchievementViewSet, basename="achievement")
router.register("achievement-types", api.AchievementTypeViewSet, basename="achievement-type")
router.register("technical-fields", api.TechnicalFieldViewSet, basename="technical-field")
router.register("application-scenarios", api.ApplicationScenarioViewSet, basename="application-scenario")
router.register("cooperation-modes", api.CooperationModeViewSet, basename="cooperation-mode")

urlpatterns = router.urls
