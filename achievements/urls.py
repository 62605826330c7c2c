from django.urls import path

from . import views

app_name = "achievements"

urlpatterns = [
    path("achievements/mine/", views.my_list, name="mine"),
    path("achievements/new/", views.create, name="create"),
    path("achievements/review/", views.queue, name="queue"),
    path("achievements/<int:pk>/", views.detail, name="detail"),
    path("achievements/<int:pk>/edit/<slug:step>/", views.step, name="step"),
    path(
        "achievements/<int:pk>/materials/<int:attachment_id>/delete/",
        views.material_delete,
        name="material_delete",
    ),
    path("achievements/<int:pk>/submit/", views.submit, name="submit"),
    path("achievements/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("achievements/<int:pk>/delete/", views.delete, name="delete"),
    path("achievements/<int:pk>/review/", views.review, name="review"),
    path("achievements/<int:pk>/reassign/", views.reassign, name="reassign"),
    path("achievements/<int:pk>/diff/", views.diff, name="diff"),
    path(
        "achievements/<int:pk>/submissions/<int:number>/pdf/",
        views.submission_pdf,
        name="submission_pdf",
    ),
]
