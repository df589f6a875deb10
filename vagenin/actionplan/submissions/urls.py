"""Project submissions: the public form and the secretariat's moderation (included from actionplan/urls.py)."""

from django.urls import URLPattern, path

from vagenin.actionplan.submissions import views

urlpatterns: list[URLPattern] = [
    path("skicka-in/", views.submit, name="submit"),
    path("skicka-in/tack/", views.submit_thanks, name="submit_thanks"),
    path("skicka-in/<uuid:token>/", views.submission_edit, name="submission_edit"),
    path("inskickade-projekt/", views.moderation_queue, name="moderation"),
    path("inskickade-projekt/<uuid:submission_id>/", views.moderation_detail, name="moderation_detail"),
    path("inskickade-projekt/<uuid:submission_id>/publicera/", views.moderation_publish, name="moderation_publish"),
    path(
        "inskickade-projekt/<uuid:submission_id>/komplettering/",
        views.moderation_request_changes,
        name="moderation_request_changes",
    ),
    path("inskickade-projekt/<uuid:submission_id>/avboj/", views.moderation_decline, name="moderation_decline"),
]
