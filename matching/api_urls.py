from django.urls import path
from rest_framework.routers import DefaultRouter

from .api import deals, demands

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("demands", demands.DemandViewSet, basename="demand")
router.register("challenge-applications", demands.ApplicationViewSet, basename="challenge-application")
router.register("match-suggestions", demands.SuggestionViewSet, basename="match-suggestion")
router.register("docking-projects", deals.DockingProjectViewSet, basename="docking-project")
router.register("proposed-terms", deals.TermsViewSet, basename="proposed-terms")
router.register("agreements", deals.AgreementViewSet, basename="agreement")
router.register("agreement-templates", deals.TemplateViewSet, basename="agreement-template")
router.register("implementation-projects", deals.ImplementationViewSet, basename="implementation-project")
router.register("milestones", deals.MilestoneViewSet, basename="milestone")
router.register("matchmaking-events", deals.EventViewSet, basename="matchmaking-event")
router.register("event-registrations", deals.RegistrationViewSet, basename="event-registration")
router.register("event-sessions", deals.SessionViewSet, basename="event-session")

urlpatterns = [
    path("matching/weights/", demands.WeightsView.as_view(), name="matching-weights"),
    path(
        "matching/achievements/<int:pk>/",
        demands.AchievementMatchesView.as_view(),
        name="matching-achievement",
    ),
    *router.urls,
]
