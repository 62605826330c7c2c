from django.urls import path

from .views import consultations, feedback, manage, public

app_name = "content"

urlpatterns = [
    # public: anyone, also anonymous visitors
    path("", public.hub, name="hub"),
    path("list/", public.article_list, name="list"),
    path("events/", public.event_calendar, name="events"),
    path("<int:pk>/", public.article_detail, name="detail"),
    # staff editor
    path("manage/", manage.manage_list, name="manage"),
    path("manage/new/", manage.article_create, name="create"),
    path("manage/<int:pk>/edit/", manage.article_edit, name="edit"),
    path("manage/<int:pk>/<slug:action>/", manage.article_transition, name="transition"),
    path("manage/preview/", manage.preview, name="preview"),
    path("manage/tags/", manage.tag_list, name="tags"),
    path("manage/tags/<int:pk>/", manage.tag_edit, name="tag_edit"),
    # online consultation
    path("consultations/", consultations.my_list, name="consultations"),
    path("consultations/new/", consultations.create, name="consultation_create"),
    path("consultations/queue/", consultations.queue, name="consultation_queue"),
    path("consultations/<int:pk>/", consultations.detail, name="consultation_detail"),
    path("consultations/<int:pk>/assign/", consultations.assign, name="consultation_assign"),
    path("consultations/<int:pk>/<slug:action>/", consultations.act, name="consultation_act"),
    # user feedback
    path("feedback/", feedback.my_list, name="feedback"),
    path("feedback/new/", feedback.create, name="feedback_create"),
    path("feedback/queue/", feedback.queue, name="feedback_queue"),
    path("feedback/<int:pk>/", feedback.detail, name="feedback_detail"),
    path("feedback/<int:pk>/<slug:action>/", feedback.act, name="feedback_act"),
]
