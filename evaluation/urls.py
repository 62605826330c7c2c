from django.urls import path

from . import views
from .views import evaluations, expert, experts, scorecards, systems

app_name = "evaluation"

urlpatterns = [
    # staff console
    path("evaluation/", evaluations.evaluation_list_view, name="list"),
    path("evaluation/new/", evaluations.evaluation_create_view, name="create"),
    path("evaluation/<int:pk>/", evaluations.evaluation_detail_view, name="detail"),
    path("evaluation/<int:pk>/transition/", evaluations.evaluation_transition_view, name="transition"),
    path("evaluation/<int:pk>/audit/", evaluations.evaluation_audit_view, name="audit"),
    path("evaluation/<int:pk>/panel/assign/", evaluations.panel_assign_view, name="panel_assign"),
    path("evaluation/<int:pk>/panel/auto/", evaluations.panel_auto_view, name="panel_auto"),
    path("evaluation/<int:pk>/results/", evaluations.evaluation_results_view, name="results"),
    path("evaluation/<int:pk>/conclusion/", evaluations.evaluation_conclusion_view, name="conclusion"),
    path("evaluation/<int:pk>/report/", evaluations.evaluation_report_view, name="report"),
    path("evaluation/<int:pk>/export.<str:fmt>", views.evaluation_export_view, name="export"),
    path("evaluation/<int:pk>/supplement/", evaluations.supplement_view, name="supplement"),
    path("evaluation/members/<int:pk>/recuse/", evaluations.member_recuse_view, name="member_recuse"),
    # evaluators
    path("evaluation/tasks/", expert.my_tasks_view, name="my_tasks"),
    path("evaluation/members/<int:pk>/declaration/", expert.declaration_view, name="declaration"),
    path("evaluation/<int:pk>/materials/", expert.materials_view, name="materials"),
    path("evaluation/sheets/<int:pk>/", expert.sheet_view, name="sheet"),
    path("evaluation/sheets/<int:pk>/save/", expert.sheet_save_view, name="sheet_save"),
    path("evaluation/sheets/<int:pk>/submit/", expert.sheet_submit_view, name="sheet_submit"),
    path("evaluation/sheets/<int:pk>/reopen/", expert.sheet_reopen_view, name="sheet_reopen"),
    path("evaluation/sheets/<int:pk>/pdf/", expert.sheet_pdf_view, name="sheet_pdf"),
    # expert pool
    path("evaluation/experts/", experts.expert_list_view, name="expert_list"),
    path("evaluation/experts/new/", experts.expert_edit_view, name="expert_create"),
    path("evaluation/experts/<int:pk>/", experts.expert_detail_view, name="expert_detail"),
    path("evaluation/experts/<int:pk>/edit/", experts.expert_edit_view, name="expert_edit"),
    path("evaluation/relations/<int:pk>/delete/", experts.relation_delete_view, name="relation_delete"),
    # indicator systems, AHP, TRL, Delphi
    path("evaluation/systems/", systems.system_list_view, name="system_list"),
    path("evaluation/systems/<int:pk>/", systems.system_detail_view, name="system_detail"),
    path("evaluation/systems/<int:pk>/transition/", systems.system_transition_view, name="system_transition"),
    path("evaluation/systems/<int:pk>/new-version/", systems.system_version_view, name="system_version"),
    path("evaluation/systems/<int:pk>/weights/", systems.system_weights_view, name="system_weights"),
    path("evaluation/systems/<int:pk>/indicators/new/", systems.indicator_edit_view, name="indicator_create"),
    path(
        "evaluation/systems/<int:pk>/indicators/<int:indicator_id>/",
        systems.indicator_edit_view,
        name="indicator_edit",
    ),
    path(
        "evaluation/systems/<int:pk>/indicators/<int:indicator_id>/delete/",
        systems.indicator_delete_view,
        name="indicator_delete",
    ),
    path("evaluation/systems/<int:pk>/matrix/", systems.matrix_view, name="matrix"),
    path(
        "evaluation/systems/<int:pk>/matrices/aggregate/",
        systems.matrix_aggregate_view,
        name="matrix_aggregate",
    ),
    path("evaluation/matrices/<int:pk>/adopt/", systems.matrix_adopt_view, name="matrix_adopt"),
    path("evaluation/trl/", systems.trl_list_view, name="trl_list"),
    path("evaluation/trl/<int:pk>/", systems.trl_edit_view, name="trl_edit"),
    path("evaluation/delphi/", systems.delphi_list_view, name="delphi_list"),
    path("evaluation/systems/<int:pk>/delphi/new/", systems.delphi_create_view, name="delphi_create"),
    path("evaluation/delphi/<int:pk>/", systems.delphi_detail_view, name="delphi_detail"),
    path("evaluation/delphi/<int:pk>/<str:action>/", systems.delphi_action_view, name="delphi_action"),
    # the generic points scorecard engine
    path("evaluation/scorecards/", scorecards.scorecard_list_view, name="scorecard_list"),
    path("evaluation/scorecards/new/", scorecards.scorecard_create_view, name="scorecard_create"),
    path("evaluation/scorecards/<int:pk>/", scorecards.scorecard_detail_view, name="scorecard_detail"),
    path(
        "evaluation/scorecards/<int:pk>/transition/",
        scorecards.scorecard_transition_view,
        name="scorecard_transition",
    ),
    path("evaluation/scorecards/sheets/<int:pk>/", scorecards.scorecard_sheet_view, name="scorecard_sheet"),
    path(
        "evaluation/scorecards/sheets/<int:pk>/save/",
        scorecards.scorecard_sheet_save_view,
        name="scorecard_sheet_save",
    ),
    path(
        "evaluation/scorecards/sheets/<int:pk>/submit/",
        scorecards.scorecard_sheet_submit_view,
        name="scorecard_sheet_submit",
    ),
]
