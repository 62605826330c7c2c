from django.urls import path

from .feeds import LibraryAtomFeed, LibraryFeed
from .views import access, browse, holder, staff

app_name = "library"

urlpatterns = [
    path("library/", browse.index, name="index"),
    path("library/feed/", LibraryFeed(), name="feed"),
    path("library/feed/atom/", LibraryAtomFeed(), name="feed_atom"),
    path("library/export/", browse.export, name="export"),
    path("library/compare/", browse.compare, name="compare"),
    path("library/favourites/", browse.favourites, name="favourites"),
    path("library/recommendations/", browse.recommended, name="recommendations"),
    path("library/<int:pk>/", browse.detail, name="detail"),
    path("library/<int:pk>/favourite/", browse.favourite_toggle, name="favourite"),
    path("library/<int:pk>/request-access/", access.request_create, name="request_access"),
    path("library/access-requests/", access.mine, name="access_requests"),
    path("library/access-requests/incoming/", access.incoming, name="access_incoming"),
    path("library/access-requests/<int:pk>/", access.detail, name="access_request"),
    path("library/access-requests/<int:pk>/<slug:action>/", access.act, name="access_act"),
    path("library/updates/", holder.updates, name="updates"),
    path("library/updates/<int:pk>/confirm/", holder.confirm, name="update_confirm"),
    path("library/updates/<int:pk>/refresh/", holder.refresh, name="update_refresh"),
    path("library/publish/", staff.publish_queue, name="publish_queue"),
    path("library/publish/<int:pk>/", staff.publish, name="publish"),
    path("library/<int:pk>/unpublish/", staff.unpublish, name="unpublish"),
    path("library/manage/", staff.manage, name="manage"),
    path("library/manage/<int:pk>/<slug:action>/", staff.manage_entry, name="manage_entry"),
    path("library/manage/proposals/<int:pk>/", staff.proposal_review, name="proposal"),
    path("library/import/", staff.import_index, name="import"),
    path("library/import/template.xlsx", staff.import_template, name="import_template"),
    path("library/import/<int:pk>/", staff.import_job, name="import_job"),
    path("library/import/<int:pk>/progress/", staff.import_progress, name="import_progress"),
]
