from rest_framework.routers import DefaultRouter

from .api import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register(
    "evaluation/indicator-systems", views.IndicatorSystemViewSet, basename="evaluation-indicator-system"
)
router.register("evaluation/comparison-matrices", views.ComparisonMatrixViewSet, basename="evaluation-matrix")
router.register("evaluation/trl-scales", views.TrlScaleViewSet, basename="evaluation-trl-scale")
router.register("evaluation/delphi-rounds", views.DelphiRoundViewSet, basename="evaluation-delphi-round")
router.register("evaluation/experts", views.ExpertViewSet, basename="evaluation-expert")
router.register("evaluation/evaluations", views.EvaluationViewSet, basename="evaluation-evaluation")
router.register("evaluation/panel-members", views.PanelMemberViewSet, basename="evaluation-panel-member")
router.register("evaluation/score-sheets", views.ScoreSheetViewSet, basename="evaluation-score-sheet")
router.register(
    "evaluation/scorecard-templates", views.ScorecardTemplateViewSet, basename="evaluation-scorecard-template"
)
router.register(
    "evaluation/scorecard-evaluations",
    views.ScorecardEvaluationViewSet,
    basename="evaluation-scorecard-evaluation",
)
router.register(
    "evaluation/scorecard-sheets", views.ScorecardSheetViewSet, basename="evaluation-scorecard-sheet"
)

urlpatterns = router.urls
