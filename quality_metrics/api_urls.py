from rest_framework.routers import DefaultRouter

from .api import views

router = DefaultRouter()
router.include_root_view = False
router.register("quality/indicators", views.IndicatorViewSet, basename="quality-indicator")
router.register("quality/snapshots", views.MetricSnapshotViewSet, basename="quality-snapshot")
router.register("quality/service-cases", views.ServiceCaseViewSet, basename="quality-service-case")
router.register("quality/survey-templates", views.SurveyTemplateViewSet, basename="quality-survey-template")
router.register("quality/survey-campaigns", views.SurveyCampaignViewSet, basename="quality-survey-campaign")
router.register("quality/survey-responses", views.SurveyResponseViewSet, basename="quality-survey-response")
router.register("quality/surveys", views.PublicSurveyViewSet, basename="quality-public-survey")
router.register("quality/complaints", views.ComplaintViewSet, basename="quality-complaint")
router.register("quality/audits", views.ConformityAuditViewSet, basename="quality-audit")
router.register("quality/audit-items", views.AuditItemViewSet, basename="quality-audit-item")
router.register(
    "quality/improvement-actions", views.ImprovementActionViewSet, basename="quality-improvement-action"
)
router.register(
    "quality/platform-evaluations", views.PlatformEvaluationViewSet, basename="quality-platform-evaluation"
)
router.register(
    "quality/evaluation-triggers", views.EvaluationTriggerViewSet, basename="quality-evaluation-trigger"
)
router.register("quality/service-stars", views.ServiceStarViewSet, basename="quality-service-star")

urlpatterns = router.urls
