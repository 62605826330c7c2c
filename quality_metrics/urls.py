from django.urls import path

from .views import actions, complaints, dashboard, evaluations, surveys

app_name = "quality_metrics"

urlpatterns = [
    # dashboard, drill-down, exports
    path("quality/", dashboard.dashboard, name="dashboard"),
    path("quality/recompute/", dashboard.recompute, name="recompute"),
    path(
        "quality/indicators/<str:code>/<str:period_type>/<str:start>/",
        dashboard.indicator_detail,
        name="indicator_detail",
    ),
    path(
        "quality/indicators/<str:code>/<str:period_type>/<str:start>/records.<str:fmt>",
        dashboard.indicator_export,
        name="indicator_export",
    ),
    path("quality/snapshots.<str:fmt>", dashboard.snapshots_export, name="snapshots_export"),
    path("quality/funnel/<str:stage>/", dashboard.funnel_stage, name="funnel_stage"),
    path("quality/cases/", dashboard.cases, name="cases"),
    path("quality/reports/", evaluations.quality_reports, name="quality_reports"),
    # surveys
    path("quality/surveys/", surveys.campaign_list, name="campaign_list"),
    path("quality/surveys/new/", surveys.campaign_new, name="campaign_new"),
    path("quality/surveys/<int:pk>/", surveys.campaign_detail, name="campaign_detail"),
    path("quality/surveys/<int:pk>/send/", surveys.campaign_send, name="campaign_send"),
    path("quality/surveys/<int:pk>/close/", surveys.campaign_close, name="campaign_close"),
    path("quality/surveys/responses/<int:pk>/", surveys.response_detail, name="response_detail"),
    path("survey/<str:token>/", surveys.survey_answer, name="survey_answer"),
    # complaints
    path("complaints/new/", complaints.complaint_new, name="complaint_new"),
    path("complaints/mine/", complaints.my_complaints, name="my_complaints"),
    path("complaints/track/<str:token>/", complaints.complaint_track, name="complaint_track"),
    path("complaints/<int:pk>/", complaints.complaint_detail, name="complaint_detail"),
    path("complaints/<int:pk>/<str:action>/", complaints.complaint_act, name="complaint_act"),
    path("quality/complaints/", complaints.complaint_list, name="complaint_list"),
    path(
        "quality/complaints/<int:pk>/investigation/",
        complaints.complaint_investigation,
        name="complaint_investigation",
    ),
    path("quality/complaints/<int:pk>/action/", complaints.complaint_action, name="complaint_action"),
    path(
        "quality/surveys/responses/<int:pk>/complaint/",
        complaints.complaint_from_response,
        name="complaint_from_response",
    ),
    # conformity audits
    path("quality/audits/", actions.audit_list, name="audit_list"),
    path("quality/audits/new/", actions.audit_new, name="audit_new"),
    path("quality/audits/<int:pk>/", actions.audit_detail, name="audit_detail"),
    path("quality/audits/<int:pk>/<str:action>/", actions.audit_act, name="audit_act"),
    path("quality/audit-items/<int:pk>/check/", actions.audit_item_check, name="audit_item_check"),
    path("quality/audit-items/<int:pk>/action/", actions.audit_item_action, name="audit_item_action"),
    # improvement actions
    path("quality/actions/", actions.action_list, name="action_list"),
    path("quality/actions/new/", actions.action_new, name="action_new"),
    path("quality/actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("quality/actions/<int:pk>/plan/", actions.action_plan, name="action_plan"),
    path("quality/actions/<int:pk>/<str:action>/", actions.action_act, name="action_act"),
    # platform evaluation (003) and service star (004)
    path("quality/platform-evaluations/", evaluations.evaluation_list, name="evaluation_list"),
    path("quality/platform-evaluations/new/", evaluations.evaluation_new, name="evaluation_new"),
    path("quality/platform-evaluations/triggers/", evaluations.trigger_new, name="trigger_new"),
    path(
        "quality/platform-evaluations/triggers/<int:pk>/start/",
        evaluations.trigger_start,
        name="trigger_start",
    ),
    path(
        "quality/platform-evaluations/<int:pk>/",
        evaluations.evaluation_detail,
        name="platform_evaluation_detail",
    ),
    path(
        "quality/platform-evaluations/<int:pk>/panel/",
        evaluations.evaluation_panel_add,
        name="evaluation_panel_add",
    ),
    path(
        "quality/platform-evaluations/<int:pk>/panel/<int:member_id>/remove/",
        evaluations.evaluation_panel_remove,
        name="evaluation_panel_remove",
    ),
    path(
        "quality/platform-evaluations/<int:pk>/<str:action>/",
        evaluations.evaluation_act,
        name="evaluation_act",
    ),
    path("quality/service-stars/", evaluations.star_list, name="star_list"),
    path("quality/service-stars/new/", evaluations.star_new, name="star_new"),
    path("quality/service-stars/template/", evaluations.star_template, name="star_template"),
    path("quality/service-stars/<int:pk>/", evaluations.star_detail, name="service_star_detail"),
    path("quality/service-stars/<int:pk>/<str:action>/", evaluations.star_act, name="star_act"),
]
