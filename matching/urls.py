from django.urls import path

from .views import agreements, demands, docking, events, implementation, matching

app_name = "matching"

urlpatterns = [
    # demands and challenge calls
    path("demands/", demands.library, name="demand_library"),
    path("demands/mine/", demands.mine, name="demand_mine"),
    path("demands/new/", demands.create, name="demand_create"),
    path("demands/review/", demands.review_queue, name="demand_queue"),
    path("demands/<int:pk>/", demands.detail, name="demand_detail"),
    path("demands/<int:pk>/edit/", demands.edit, name="demand_edit"),
    path("demands/<int:pk>/transition/", demands.transition_view, name="demand_transition"),
    path("demands/<int:pk>/refresh/", demands.refresh, name="demand_refresh"),
    path("demands/<int:pk>/apply/", demands.apply, name="challenge_apply"),
    path("challenges/", demands.challenges, name="challenges"),
    path("challenge-applications/<int:pk>/decide/", demands.application_decide, name="application_decide"),
    # smart matching
    path("matching/", matching.overview, name="overview"),
    path("matching/weights/", matching.weights, name="weights"),
    path("matching/achievements/<int:pk>/", matching.achievement_matches, name="achievement_matches"),
    path("matching/suggestions/<int:pk>/status/", matching.suggestion_status, name="suggestion_status"),
    path("matching/suggestions/<int:pk>/inquire/", matching.suggestion_inquire, name="suggestion_inquire"),
    path("docking/inquiry/<int:achievement_id>/", matching.inquiry_create, name="inquiry_create"),
    # docking projects
    path("docking/", docking.project_list, name="project_list"),
    path("docking/<int:pk>/", docking.project_detail, name="project_detail"),
    path("docking/<int:pk>/transition/", docking.project_transition, name="project_transition"),
    path("docking/<int:pk>/negotiations/", docking.negotiation_add, name="negotiation_add"),
    path("docking/<int:pk>/terms/", docking.terms_add, name="terms_add"),
    path("docking/terms/<int:pk>/agree/", docking.terms_agree, name="terms_agree"),
    path("docking/<int:pk>/valuation/", docking.valuation_save, name="valuation_save"),
    path("docking/<int:pk>/documents/", docking.document_upload, name="document_upload"),
    path("docking/<int:pk>/agreement/", docking.agreement_draft, name="agreement_draft"),
    # agreements
    path("agreements/", agreements.agreement_list, name="agreement_list"),
    path("agreements/templates/", agreements.template_list, name="template_list"),
    path("agreements/templates/<int:pk>/", agreements.template_detail, name="template_detail"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/transition/", agreements.agreement_transition, name="agreement_transition"),
    path("agreements/<int:pk>/sign/", agreements.agreement_sign, name="agreement_sign"),
    path(
        "agreements/<int:pk>/registration/", agreements.agreement_registration, name="agreement_registration"
    ),
    path("agreements/<int:pk>/pdf/", agreements.agreement_pdf, name="agreement_pdf"),
    path("agreements/risks/<int:pk>/waive/", agreements.risk_waive, name="risk_waive"),
    # implementation and follow-up
    path("implementation/", implementation.implementation_list, name="implementation_list"),
    path("implementation/<int:pk>/", implementation.implementation_detail, name="implementation_detail"),
    path(
        "implementation/<int:pk>/transition/",
        implementation.implementation_transition,
        name="implementation_transition",
    ),
    path("implementation/<int:pk>/milestones/", implementation.milestone_add, name="milestone_add"),
    path("implementation/milestones/<int:pk>/", implementation.milestone_update, name="milestone_update"),
    path("implementation/<int:pk>/issues/", implementation.issue_add, name="issue_add"),
    path("implementation/issues/<int:pk>/actions/", implementation.action_add, name="action_add"),
    path("implementation/<int:pk>/assessments/", implementation.assessment_add, name="assessment_add"),
    path("implementation/<int:pk>/followups/", implementation.followup_add, name="followup_add"),
    path("implementation/<int:pk>/feedback/", implementation.feedback_request, name="feedback_request"),
    path("implementation/feedback/<int:pk>/answer/", implementation.feedback_answer, name="feedback_answer"),
    path("implementation/<int:pk>/outcome/", implementation.outcome_save, name="outcome_save"),
    # matchmaking events
    path("matchmaking/", events.event_list, name="event_list"),
    path("matchmaking/new/", events.event_form, name="event_create"),
    path("matchmaking/<int:pk>/", events.event_detail, name="event_detail"),
    path("matchmaking/<int:pk>/edit/", events.event_form, name="event_edit"),
    path("matchmaking/<int:pk>/transition/", events.event_transition, name="event_transition"),
    path("matchmaking/<int:pk>/agenda/", events.agenda_add, name="agenda_add"),
    path("matchmaking/<int:pk>/register/", events.register, name="event_register"),
    path("matchmaking/<int:pk>/sessions/", events.session_add, name="session_add"),
    path(
        "matchmaking/registrations/<int:pk>/cancel/", events.registration_cancel, name="registration_cancel"
    ),
    path("matchmaking/registrations/<int:pk>/check-in/", events.check_in, name="check_in"),
    path("matchmaking/sessions/<int:pk>/cancel/", events.session_cancel, name="session_cancel"),
    path("matchmaking/sessions/<int:pk>/outcome/", events.session_outcome, name="session_outcome"),
]
