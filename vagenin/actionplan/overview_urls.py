"""URL patterns for the action plan's overviews and its document (included from actionplan/urls.py)."""

from django.urls import URLPattern, path

from vagenin.actionplan import overview_views

urlpatterns: list[URLPattern] = [
    path("oversikt/", overview_views.overview_page, name="overview"),
    path("dokument/", overview_views.document_page, name="document"),
]
