from django.urls import path

from .views import assets, disputes, monitoring, requests

app_name = "ip_services"

urlpatterns = [
    path("ip/assets/", assets.asset_list, name="asset_list"),
    path("ip/assets/new/", assets.asset_create, name="asset_create"),
    path("ip/assets/<int:pk>/", assets.asset_detail, name="asset_detail"),
    path("ip/assets/<int:pk>/edit/", assets.asset_edit, name="asset_edit"),
    path("ip/deadlines/", assets.deadline_list, name="deadline_list"),
    path("ip/deadlines/<int:pk>/complete/", assets.deadline_complete, name="deadline_complete"),
    path("ip/portfolio/<int:achievement_id>/", assets.portfolio, name="portfolio"),
    path("ip/disclaimer/", requests.disclaimer_view, name="disclaimer"),
    path("ip/requests/", requests.request_list, name="request_list"),
    path("ip/requests/new/", requests.request_create, name="request_create"),
    path("ip/requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("ip/requests/<int:pk>/transition/", requests.request_transition, name="request_transition"),
    path("ip/requests/<int:pk>/assign/", requests.request_assign, name="request_assign"),
    path("ip/requests/<int:pk>/deliver/", requests.request_deliver, name="request_deliver"),
    path("ip/requests/<int:pk>/material/", requests.request_material, name="request_material"),
    path("ip/monitoring/", monitoring.watch_list, name="watch_list"),
    path("ip/monitoring/watches/<int:pk>/toggle/", monitoring.watch_toggle, name="watch_toggle"),
    path("ip/monitoring/alerts/", monitoring.alert_list, name="alert_list"),
    path("ip/monitoring/alerts/new/", monitoring.alert_create, name="alert_create"),
    path("ip/monitoring/alerts/import/", monitoring.alert_import, name="alert_import"),
    path("ip/monitoring/alerts/template.xlsx", monitoring.alert_template, name="alert_template"),
    path("ip/monitoring/alerts/<int:pk>/", monitoring.alert_detail, name="alert_detail"),
    path("ip/monitoring/alerts/<int:pk>/transition/", monitoring.alert_transition, name="alert_transition"),
    path("ip/monitoring/alerts/<int:pk>/action/", monitoring.alert_action, name="alert_action"),
    path("ip/disputes/", disputes.dispute_list, name="dispute_list"),
    path("ip/disputes/new/", disputes.dispute_create, name="dispute_create"),
    path("ip/disputes/<int:pk>/", disputes.dispute_detail, name="dispute_detail"),
    path("ip/disputes/<int:pk>/transition/", disputes.dispute_transition, name="dispute_transition"),
    path("ip/disputes/<int:pk>/close/", disputes.dispute_close, name="dispute_close"),
    path("ip/disputes/<int:pk>/parties/", disputes.party_add, name="party_add"),
    path("ip/disputes/<int:pk>/evidence/", disputes.evidence_add, name="evidence_add"),
]
