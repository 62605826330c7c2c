from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.archive_list, name="list"),
    path("new/", views.archive_create, name="create"),
    path("<int:pk>/", views.archive_detail, name="detail"),
    path("<int:pk>/download/", views.archive_download, name="download"),
    path("<int:pk>/dispose/", views.archive_dispose, name="dispose"),
]
