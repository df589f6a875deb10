"""URL patterns for the action plan's overviews and its document (included from actionplan/urls.py)."""

from django.urls import URLPattern, path

from vagenin.actionplan.overview import views

urlpatterns: list[URLPattern] = [
    path("oversikt/", views.overview_page, name="overview"),
    path("dokument/", views.document_page, name="document"),
]
