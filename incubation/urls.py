from django.urls import path

from .views import coaching, facilities, funding, projects

app_name = "incubation"

urlpatterns = [
    path("incubation/", projects.hub, name="home"),
    path("incubation/projects/", projects.project_list, name="project_list"),
    path("incubation/projects/new/", projects.project_apply, name="project_apply"),
    path("incubation/projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("incubation/projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("incubation/projects/<int:pk>/transition/", projects.project_transition, name="project_transition"),
    path(
        "incubation/projects/<int:pk>/start-review/",
        projects.project_start_review,
        name="project_start_review",
    ),
    path(
        "incubation/projects/<int:pk>/close-review/",
        projects.project_close_review,
        name="project_close_review",
    ),
    path("incubation/projects/<int:pk>/review/", projects.project_review_sheet, name="project_review_sheet"),
    path("incubation/projects/<int:pk>/mentors/", projects.project_mentors, name="project_mentors"),
    path("incubation/projects/<int:pk>/outcome/", projects.project_outcome, name="project_outcome"),
    path("incubation/projects/<int:pk>/reports/new/", projects.report_create, name="report_create"),
    path("incubation/projects/<int:pk>/financing/", projects.financing_create, name="financing_create"),
    path("incubation/projects/<int:pk>/coaching/", projects.coaching_create, name="coaching_create"),
    path("incubation/reports/<int:pk>/comment/", projects.report_comment, name="report_comment"),
    path("incubation/coaching/<int:pk>/record/", projects.coaching_record, name="coaching_record"),
    path("incubation/facilities/", facilities.facility_list, name="facility_list"),
    path("incubation/facilities/<int:pk>/", facilities.facility_detail, name="facility_detail"),
    path("incubation/calendar/", facilities.calendar, name="calendar"),
    path("incubation/bookings/", facilities.booking_list, name="booking_list"),
    path("incubation/bookings/<int:pk>/", facilities.booking_detail, name="booking_detail"),
    path(
        "incubation/bookings/<int:pk>/transition/", facilities.booking_transition, name="booking_transition"
    ),
    path("incubation/utilisation/", facilities.utilisation, name="utilisation"),
    path("incubation/fund/", funding.programme_list, name="fund"),
    path("incubation/fund/programmes/<int:pk>/", funding.programme_detail, name="programme_detail"),
    path(
        "incubation/fund/applications/<int:pk>/", funding.application_detail, name="fund_application_detail"
    ),
    path(
        "incubation/fund/applications/<int:pk>/transition/",
        funding.application_transition,
        name="fund_application_transition",
    ),
    path(
        "incubation/fund/applications/<int:pk>/approve/",
        funding.application_approve,
        name="fund_application_approve",
    ),
    path(
        "incubation/fund/applications/<int:pk>/disburse/",
        funding.disbursement_create,
        name="disbursement_create",
    ),
    path("incubation/investors/", funding.contact_list, name="contact_list"),
    path("incubation/mentors/", coaching.mentor_list, name="mentor_list"),
    path("incubation/courses/", coaching.course_list, name="course_list"),
    path("incubation/courses/<int:pk>/", coaching.course_detail, name="course_detail"),
    path("incubation/courses/<int:pk>/enrol/", coaching.course_enrol, name="course_enrol"),
    path("incubation/courses/<int:pk>/attendance/", coaching.course_attendance, name="course_attendance"),
    path("incubation/consulting/", coaching.consulting_list, name="consulting_list"),
    path("incubation/consulting/new/", coaching.consulting_create, name="consulting_create"),
    path("incubation/consulting/<int:pk>/", coaching.consulting_detail, name="consulting_detail"),
    path(
        "incubation/consulting/<int:pk>/transition/",
        coaching.consulting_transition,
        name="consulting_transition",
    ),
    path("incubation/consulting/<int:pk>/assign/", coaching.consulting_assign, name="consulting_assign"),
    path("incubation/consulting/<int:pk>/answer/", coaching.consulting_answer, name="consulting_answer"),
    path("incubation/resources/", coaching.resource_list, name="resource_list"),
    path("incubation/manage/<str:kind>/new/", coaching.reference_edit, name="reference_create"),
    path("incubation/manage/<str:kind>/<int:pk>/edit/", coaching.reference_edit, name="reference_edit"),
]
