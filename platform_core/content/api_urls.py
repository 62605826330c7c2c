from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("content", api.ArticleViewSet, basename="content-article")
router.register("content-tags", api.TagViewSet, basename="content-tag")
router.register("consultations", api.ConsultationViewSet, basename="consultation")
router.register("feedback", api.FeedbackViewSet, basename="feedback")

urlpatterns = router.urls
