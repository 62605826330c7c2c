from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("incubation/projects", api.ProjectViewSet, basename="incubation-project")
router.register("incubation/facilities", api.FacilityViewSet, basename="incubation-facility")
router.register("incubation/bookings", api.BookingViewSet, basename="incubation-booking")
router.register("incubation/fund-programmes", api.FundProgrammeViewSet, basename="incubation-programme")
router.register(
    "incubation/fund-applications", api.FundApplicationViewSet, basename="incubation-fund-application"
)
router.register("incubation/financing-contacts", api.FinancingContactViewSet, basename="incubation-contact")
router.register("incubation/mentors", api.MentorViewSet, basename="incubation-mentor")
router.register("incubation/courses", api.CourseViewSet, basename="incubation-course")
router.register(
    "incubation/consulting-requests", api.ConsultingRequestViewSet, basename="incubation-consulting"
)
router.register("incubation/resources", api.ResourceLinkViewSet, basename="incubation-resource")
router.register("incubation/cohorts", api.CohortViewSet, basename="incubation-cohort")

urlpatterns = [
    path("incubation/utilisation/", api.UtilisationView.as_view(), name="incubation-utilisation"),
    *router.urls,
]
